"""Forms for case direction, closure and aftercare, and the triage meeting (issue 10)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ineen.cases.enums import Route, TriageDecision

from .forms import DATE, MarkRequired

TEXT = forms.Textarea(attrs={"rows": 3})
YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


class HandoverForm(MarkRequired, forms.Form):
    note = forms.CharField(
        label=_("Overdracht: wat moet de nieuwe casusregisseur weten?"), widget=forms.Textarea(attrs={"rows": 6})
    )


class ClosureForm(MarkRequired, forms.Form):
    reason = forms.CharField(label=_("Reden van afsluiten"), widget=TEXT)
    signals = forms.CharField(label=_("Signalen dat het weer misgaat"), widget=TEXT)
    who_acts = forms.CharField(label=_("Wie doet dan wat"), widget=TEXT)
    contact_name = forms.CharField(label=_("Contactpersoon lokaal team"), max_length=200)
    contact_organisation = forms.CharField(label=_("Organisatie van de contactpersoon"), max_length=200)
    contact_reach = forms.CharField(label=_("Hoe is de contactpersoon bereikbaar"), max_length=200)
    agreed_with = forms.CharField(label=_("Met wie is dit afgesproken"), widget=TEXT)
    followup_due_on = forms.DateField(label=_("Nazorgcheck op (leeg = standaardtermijn)"), required=False, widget=DATE)


class FollowUpForm(MarkRequired, forms.Form):
    how = forms.CharField(label=_("Hoe gaat het?"), widget=forms.Textarea(attrs={"rows": 4}))
    # No preselected answer: the choice matters.
    reopen_needed = forms.ChoiceField(
        label=_("Moet de casus heropend worden?"), choices=YES_NO, widget=forms.RadioSelect
    )


class TriageMeetingForm(MarkRequired, forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    location = forms.CharField(label=_("Locatie"), max_length=200)
    invited = forms.ModelMultipleChoiceField(
        label=_("Uitgenodigde partners"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    cases = forms.ModelMultipleChoiceField(
        label=_("Aanmeldingen op de agenda"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, partners, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = partners
        self.fields["invited"].label_from_instance = lambda u: f"{u.get_full_name() or u.email} ({u.organisation.name})"
        self.fields["cases"].queryset = waiting
        self.fields["cases"].label_from_instance = lambda c: c.reference


class AgendaOutcomeForm(MarkRequired, forms.Form):
    decision = forms.ChoiceField(label=_("Uitkomst"), choices=TriageDecision.choices, widget=forms.RadioSelect)
    route = forms.ChoiceField(
        label=_("Route"), choices=[("", _("— kies bij oppakken —")), *Route.choices], required=False
    )
    referred_to = forms.CharField(label=_("Doorverwezen naar (organisatie)"), max_length=200, required=False)
    reasons = forms.CharField(label=_("Redenen (de aanmelder ziet deze)"), widget=forms.Textarea(attrs={"rows": 3}))
