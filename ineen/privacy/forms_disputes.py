from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.access import policy

from .enums import DisputeKind, DisputeState


class DisputeForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Welk gezinslid zegt dit?"), queryset=None, empty_label=_("Kies een gezinslid")
    )
    kind = forms.ChoiceField(
        label=_("Wat is er volgens het gezinslid mis?"), choices=DisputeKind.choices, widget=forms.RadioSelect
    )
    account = forms.CharField(
        label=_("Wat zegt het gezinslid zelf?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Schrijf het op in de woorden van het gezinslid. Dit blijft zijn of haar verhaal."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = policy.household_records(case, case.household.members.all())


class AnswerForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[
            (DisputeState.CONFIRMED, _("Bevestigen: de informatie klopt en is actueel")),
            (DisputeState.CORRECTED, _("Corrigeren: er komt een nieuwe tekst (de oude blijft bewaard)")),
            (DisputeState.WITHDRAWN, _("Intrekken: de informatie wordt niet meer gedeeld")),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    new_text = forms.CharField(
        label=_("Gecorrigeerde tekst (alleen bij corrigeren)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
