"""The dossier analysis's selection: which safety house, which period, which route. One form for the page,
the CSV and XLSX links (Dutch parameters `huis`, `van`, `tot`, `route`); the API maps its own parameter
names onto the same form, so both refuse the same input with the same message."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.accounts.models import SafetyHouse
from ineen.cases.enums import Route

from .dossier import Selection

FIRST, LAST = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class SelectionForm(forms.Form):
    huis = forms.ChoiceField(label=_("Zorg- en Veiligheidshuis"), required=False)
    van = forms.DateField(label=_("Vanaf (datum)"), required=False, widget=DATE)
    tot = forms.DateField(label=_("Tot en met (datum)"), required=False, widget=DATE)
    route = forms.ChoiceField(label=_("Route"), required=False, choices=[("", _("Alle routes")), *Route.choices])

    def __init__(self, data, *, houses: list[SafetyHouse], lenient: bool = False):
        super().__init__(data)
        # The API is lenient: a date outside 1900-2999 is clamped and an end before the start selects
        # nothing (200, no figures), since both are valid dates by its schema; the page says what is wrong.
        self.lenient = lenient
        self.houses = {house.code: house for house in houses}
        self.fields["huis"].choices = [(house.code, house.name) for house in houses]

    def clean_huis(self) -> SafetyHouse | None:
        code = self.cleaned_data["huis"]
        if not code:
            return next(iter(self.houses.values()), None)
        return self.houses[code]  # ChoiceField already refused a code outside the choices

    def _year(self, name: str):
        day = self.cleaned_data[name]
        if day and not FIRST <= day <= LAST:  # beyond these the period's bounds could overflow
            if self.lenient:
                return min(max(day, FIRST), LAST)
            raise forms.ValidationError(_("Kies een datum tussen 1900 en 2999."))
        return day

    def clean_van(self):
        return self._year("van")

    def clean_tot(self):
        return self._year("tot")

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end and start > end and not self.lenient:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data

    def selection(self) -> Selection:
        data = self.cleaned_data
        return Selection(data["huis"].pk, start=data["van"], end=data["tot"], route=data["route"] or "")


def describe(selection: Selection, house: SafetyHouse) -> str:
    """The selection for the audit event: parameters only, never a case."""
    return f"huis={house.code};van={selection.start or ''};tot={selection.end or ''};route={selection.route}"
