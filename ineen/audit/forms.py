from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Outcome


class AuditFilterForm(forms.Form):
    huis = forms.ChoiceField(label=_("Zorg- en Veiligheidshuis"), required=False)
    huishouden = forms.UUIDField(
        label=_("Huishouden (kenmerk-id)"),
        required=False,
        help_text=_("De id van het huishouden, zoals in de logregels."),
    )
    wie = forms.CharField(label=_("Wie (naam of e-mail)"), required=False, max_length=100)
    van = forms.DateField(label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        required=False,
        choices=[("", _("Alle")), (Outcome.ALLOWED, _("Toegestaan")), (Outcome.DENIED, _("Geweigerd"))],
    )

    def __init__(self, *args, houses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["huis"].choices = [(house.code, house.name) for house in houses]

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        return data

    def active_filters(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "") and name != "huis"}
