from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.accounts.models import Organisation, User
from ineen.web.fields import ModelMultipleChoiceField

from .models import Consent


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["person", "organisation", "purpose", "form", "given_on", "note"]
        widgets = {"given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = case.household.members.all()
        self.fields["organisation"].queryset = Organisation.objects.filter(safety_houses=case.safety_house)


class ConfidentialAddressForm(forms.Form):
    address = forms.CharField(label=_("Verblijfadres"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
    guardians = ModelMultipleChoiceField(
        label=_("Wie mag dit adres zien (bewakers)?"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("U bent zelf altijd bewaker. Kies alleen wie het adres echt nodig heeft."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardians"].queryset = User.objects.filter(
            team_memberships__case=case, team_memberships__active_until__isnull=True
        ).distinct()
        self.fields["guardians"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.organisation})"


class BreakGlassForm(forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk van de casus"), max_length=30, help_text=_("Bijvoorbeeld HGL-2026-0012.")
    )
    reason = forms.CharField(
        label=_("Waarom heeft u nu toegang nodig?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
