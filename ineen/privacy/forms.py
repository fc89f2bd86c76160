from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ineen.access import policy
from ineen.accounts.models import Organisation, User
from ineen.web.fields import ModelMultipleChoiceField

from .enums import BreakGlassReason, BreakGlassVerdict
from .models import Consent

REASON_HELP = _("Dit komt in het logboek en gaat niet mee in de e-mail aan de andere bewakers. Noem het adres niet.")


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["person", "organisation", "purpose", "form", "given_on", "note"]
        widgets = {"given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = policy.household_records(case, case.household.members.all())
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
    reason = forms.CharField(
        label=_("Waarom legt u dit vast of wijzigt u het?"),
        max_length=500,
        help_text=REASON_HELP,
        error_messages={"required": _("Geef kort aan waarom.")},
    )

    def __init__(self, *args, case, existing=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Active team members, and the current guardians (a chair guards without a membership): a guardian
        # missing from the boxes would be dropped without anyone choosing to.
        candidates = Q(team_memberships__case=case, team_memberships__active_until__isnull=True)
        if existing is not None:
            candidates |= Q(pk__in=existing.guardians.values("pk"))
        self.fields["guardians"].queryset = (
            User.objects.filter(candidates).exclude(pk=getattr(user, "pk", None)).distinct().order_by("first_name")
        )
        self.fields["guardians"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.organisation})"
        if existing is not None:
            # A guardian changing the guardians need not type the address again; it is never shown here.
            self.fields["address"].required = False
            self.fields["address"].help_text = _("Leeg laten: het adres blijft zoals het is.")
            self.fields["guardians"].initial = list(existing.guardians.values_list("pk", flat=True))


class ConfidentialAddressRemoveForm(forms.Form):
    prefix = "opheffen"  # shares a page with ConfidentialAddressForm, which has a reason too

    reason = forms.CharField(
        label=_("Waarom is de bescherming niet meer nodig?"),
        max_length=500,
        help_text=REASON_HELP,
        error_messages={"required": _("Geef kort aan waarom de bescherming wordt opgeheven.")},
    )


class BreakGlassForm(forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk van de casus"), max_length=30, help_text=_("Bijvoorbeeld HGL-2026-0012.")
    )
    reason_code = forms.ChoiceField(
        label=_("Wat voor noodsituatie is het?"),
        choices=BreakGlassReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat voor noodsituatie het is.")},
    )
    reason = forms.CharField(
        label=_("Waarom heeft u nu toegang nodig?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=2000,
        error_messages={
            "required": _("Beschrijf de noodsituatie in een paar woorden (minstens 10 tekens)."),
            "min_length": _("Beschrijf de noodsituatie in een paar woorden (minstens 10 tekens)."),
        },
    )


class BreakGlassReviewForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Oordeel"),
        choices=BreakGlassVerdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een oordeel.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nodig bij 'Niet terecht' en 'Bespreken'."),
    )
