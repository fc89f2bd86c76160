"""Forms for the web interface. Messages in Dutch (the interface language)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ineen.access import policy
from ineen.accounts.models import Organisation, User
from ineen.cases import attachments
from ineen.cases.enums import ClientsInformed, RiskFactor, Route, TeamRole, TriageDecision
from ineen.cases.models import Attachment, CaseNote, Referral, Triage
from ineen.households.enums import IncidentRole, ViolenceType
from ineen.households.models import (
    Incident,
    InvolvedService,
    LegalMeasure,
    LifeDomainAssessment,
    OtherTableDiscussion,
    Person,
    Strength,
)
from ineen.privacy.actions import validate_governance
from ineen.privacy.enums import HEALTH_DOMAINS, Basis, Visibility
from ineen.web.fields import ModelMultipleChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MarkRequired:
    """Puts "(verplicht)" after the label of every required field, so what a page says is required and what
    the form refuses agree. Applied to the referral, team, triage and household record forms; the error
    summary at the top ({% error_summary %}) names the same labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required and not isinstance(field.widget, forms.HiddenInput):
                field.label_suffix = " " + str(_("(verplicht)"))


class ReferralForm(MarkRequired, forms.ModelForm):
    safety_house = forms.ModelChoiceField(queryset=None, label=_("Zorg- en Veiligheidshuis"), empty_label=None)
    household_name = forms.CharField(
        label=_("Naam van het huishouden"),
        max_length=200,
        help_text=_("Bijvoorbeeld: gezin Jansen. Dit is hoe het team het huishouden noemt."),
    )
    postcode_area = forms.RegexField(
        label=_("Postcodegebied (alleen de 4 cijfers)"),
        regex=r"^\d{4}$",
        required=False,
        max_length=4,
        error_messages={"invalid": _("Vul 4 cijfers in, bijvoorbeeld 2511.")},
    )
    risk_factors = forms.MultipleChoiceField(
        label=_("Welke risicofactoren zijn aanwezig?"),
        choices=RiskFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    clients_informed = forms.ChoiceField(
        label=_("Weten de cliënten dat u hen aanmeldt?"),
        choices=ClientsInformed.choices,
        initial=ClientsInformed.UNKNOWN,
        widget=forms.RadioSelect,
    )
    # Answered in the duplicate panel (its own radio buttons, the first with this field's id); here so an
    # unanswered panel can carry an error that the error summary links to.
    existing_case = forms.CharField(
        label=_("Is dit een huishouden dat al bekend is?"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Referral
        fields = [
            "summary",
            "needs",
            "risk_factors",
            "risk_factors_other",
            "clients_view",
            "clients_wishes",
            "clients_informed",
            "clients_informed_note",
        ]
        labels = {
            "summary": _("Wat speelt er in dit huishouden?"),
            "needs": _("Wat is er volgens u nodig?"),
            "risk_factors_other": _("Andere risicofactoren"),
            "clients_view": _("Hoe zien de cliënten zelf de situatie?"),
            "clients_wishes": _("Welke oplossingen zoeken de cliënten zelf?"),
            "clients_informed_note": _("Toelichting (bijvoorbeeld waarom niet)"),
        }
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ["summary", "needs", "clients_view", "clients_wishes"]}

    def __init__(self, *args, houses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["safety_house"].queryset = houses
        self.order_fields(["safety_house", "household_name", "postcode_area"])


# A member's general fields. Never `has_confidential_address`: the protection changes only through its
# guardians' own flow (ineen/privacy/views.py, "confidential_address_*"); a general form could switch it off.
PERSON_FIELDS = [
    "first_name",
    "last_name",
    "birth_year",
    "relationship",
    "living_at_home",
    "language",
    "needs_interpreter",
    "custody_notes",
]


class PersonForm(MarkRequired, forms.ModelForm):
    """A member at referral. The referrer may ask for protection: the member is born with the flag on (always
    safe); the chair or case director then records the address and names its guardians. It can never switch
    protection off: it only creates members."""

    has_confidential_address = forms.BooleanField(
        label=_("Heeft een geheim adres nodig"),
        required=False,
        help_text=_(
            "Vink aan als deze persoon op een geheim adres verblijft of moet verblijven. Schrijf het adres hier "
            "niet op: de procesregisseur legt het vast, zichtbaar voor alleen de bewakers."
        ),
    )

    class Meta:
        model = Person
        fields = [*PERSON_FIELDS, "has_confidential_address"]


class _PersonFormSetBase(forms.BaseFormSet):
    # Django's own "Verstuur minimaal 1 formulier." means nothing to someone referring a family.
    default_error_messages = {
        "too_few_forms": _("Vul ten minste één gezinslid in."),
        "too_many_forms": _("Vul hoogstens %(num)d gezinsleden in."),
    }


# validate_max: without it Django silently drops every member after the 20th.
PersonFormSet = forms.formset_factory(
    PersonForm, formset=_PersonFormSetBase, extra=0, min_num=1, validate_min=True, max_num=20, validate_max=True
)


class TriagePrepareForm(MarkRequired, forms.ModelForm):
    class Meta:
        model = Triage
        fields = ["scheduled_for", "participants", "preparation"]
        widgets = {
            "scheduled_for": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "preparation": forms.Textarea(attrs={"rows": 5}),
        }


class TriageDecisionForm(MarkRequired, forms.Form):
    decision = forms.ChoiceField(label=_("Besluit"), choices=TriageDecision.choices, widget=forms.RadioSelect)
    route = forms.ChoiceField(
        label=_("Route"), choices=[("", _("— kies bij oppakken —")), *Route.choices], required=False
    )
    referred_to = forms.CharField(
        label=_("Doorverwezen naar (organisatie, bij doorverwijzen)"), max_length=200, required=False
    )
    reasons = forms.CharField(label=_("Redenen voor dit besluit"), widget=forms.Textarea(attrs={"rows": 4}))
    clients_informed = forms.BooleanField(
        label=_("De cliënten zijn of worden over het besluit geïnformeerd"), required=False
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        org = obj.organisation.name if obj.organisation else "—"
        return f"{obj.get_full_name() or obj.email} ({org})"


class CaseDirectorForm(MarkRequired, forms.Form):
    director = UserChoiceField(label=_("Nieuwe casusregisseur"), queryset=User.objects.none())
    handover_note = forms.CharField(
        label=_("Warme overdracht: wat moet de nieuwe regisseur weten?"),
        help_text=_(
            "Alleen invullen als de vertrekkende casusregisseur er niet meer is; anders schrijft die de overdracht."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["director"].queryset = candidates


class TeamMemberForm(MarkRequired, forms.Form):
    user = UserChoiceField(label=_("Persoon"), queryset=User.objects.none())
    role = forms.ChoiceField(
        label=_("Rol in de casus"),
        choices=[(TeamRole.PROFESSIONAL, TeamRole.PROFESSIONAL.label), (TeamRole.EXPERT, TeamRole.EXPERT.label)],
    )
    active_from = forms.DateField(label=_("Vanaf"), required=False, widget=DATE)
    active_until = forms.DateField(label=_("Tot en met (leeg = voor onbepaalde tijd)"), required=False, widget=DATE)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates

    def clean(self):
        data = super().clean()
        start, end = data.get("active_from"), data.get("active_until")
        if start and end and end < start:
            self.add_error("active_until", _("De einddatum ligt vóór de begindatum."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))


# --- household records ---------------------------------------------------------------------


def household_members(household, case=None):
    """The members a form for `case` offers: those shown through the case (policy.household_records),
    never one added through a later case of the household."""
    members = household.members.all()
    return policy.household_records(case, members) if case is not None else members


class _HouseholdRecordForm(MarkRequired, forms.ModelForm):
    """Forms whose `person` field must only offer members of this household (as seen through `case`)."""

    def __init__(self, *args, household, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "person" in self.fields:
            self.fields["person"].queryset = household_members(household, case)


GOVERNANCE_FIELDS = ["concerns", "basis", "basis_reason", "visibility", "shared_with"]


class GovernedForm(_HouseholdRecordForm):
    """Every piece of case content is born with whom it concerns, its basis and its visibility.
    The source is always the author's organisation (set by the domain action)."""

    # Declared rather than generated from the model: the field class that refuses an id out of range.
    concerns = ModelMultipleChoiceField(label=capfirst(_("over wie gaat dit")), queryset=Person.objects.none())
    shared_with = ModelMultipleChoiceField(
        label=capfirst(_("gedeeld met organisaties")), queryset=Organisation.objects.none()
    )
    health_information = False  # forms for medical / mental-health content set this per instance
    governance_fields = GOVERNANCE_FIELDS  # rendered apart, in web/_governance_fields.html

    def __init__(self, *args, household, case=None, **kwargs):
        super().__init__(*args, household=household, case=case, **kwargs)
        self.fields["concerns"].widget = forms.CheckboxSelectMultiple()
        self.fields["concerns"].queryset = household_members(household, case)
        self.fields["concerns"].required = False
        self.fields["basis"].widget = forms.RadioSelect(choices=Basis.choices)
        self.fields["visibility"].widget = forms.RadioSelect(choices=Visibility.choices)
        self.fields["shared_with"].widget = forms.CheckboxSelectMultiple()
        self.fields["shared_with"].required = False
        self.fields["shared_with"].help_text = _("Alleen nodig bij 'Alleen genoemde organisaties'.")
        team_orgs = Organisation.objects.none()
        if case is not None:
            team_orgs = Organisation.objects.filter(pk__in=case.team.values("organisation_id")).order_by("name")
        self.fields["shared_with"].queryset = team_orgs

    def is_health_information(self):
        return self.health_information

    def clean(self):
        data = super().clean()
        try:
            validate_governance(
                basis=data.get("basis", ""),
                basis_reason=data.get("basis_reason", ""),
                visibility=data.get("visibility", ""),
                shared_with=data.get("shared_with"),
                concerns=data.get("concerns"),
                is_health_information=self.is_health_information(),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data


class LifeDomainForm(GovernedForm):
    class Meta:
        model = LifeDomainAssessment
        fields = ["domain", "person", "concern", "note", *GOVERNANCE_FIELDS]

    def is_health_information(self):
        return self.data.get(self.add_prefix("domain")) in HEALTH_DOMAINS


class StrengthForm(GovernedForm):
    class Meta:
        model = Strength
        fields = ["description", "person", *GOVERNANCE_FIELDS]


class ServiceForm(_HouseholdRecordForm):
    class Meta:
        model = InvolvedService
        fields = ["organisation", "person", "aim", "since", "until"]
        widgets = {"since": DATE, "until": DATE}


class MeasureForm(GovernedForm):
    class Meta:
        model = LegalMeasure
        fields = ["person", "category", "kind", "starts_on", "ends_on", "review_on", "note", *GOVERNANCE_FIELDS]
        widgets = {"starts_on": DATE, "ends_on": DATE, "review_on": DATE}

    def clean(self):
        data = super().clean()
        # Said here in plain Dutch; otherwise the user gets the database constraint's generic name.
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("De einddatum ligt vóór de begindatum."))
        return data


class OtherTableForm(_HouseholdRecordForm):
    class Meta:
        model = OtherTableDiscussion
        fields = ["table", "since", "note"]
        widgets = {"since": DATE}


class IncidentForm(GovernedForm):
    violence_types = forms.MultipleChoiceField(
        label=_("Soort geweld"), choices=ViolenceType.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Incident
        fields = ["date", "violence_types", "description", *GOVERNANCE_FIELDS]
        widgets = {"date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, household, case=None, **kwargs):
        super().__init__(*args, household=household, case=case, **kwargs)
        # One "role in this incident" select per household member: who did what to whom.
        self.members = list(household_members(household, case))
        for person in self.members:
            self.fields[f"role_{person.public_id}"] = forms.ChoiceField(
                label=str(person),
                required=False,
                choices=[("", _("— niet betrokken —")), *IncidentRole.choices],
            )

    def involvements(self):
        return [
            (p, self.cleaned_data[f"role_{p.public_id}"])
            for p in self.members
            if self.cleaned_data.get(f"role_{p.public_id}")
        ]


class PersonEditForm(_HouseholdRecordForm):
    """Add or change a member within a case. No confidential-address flag (see PERSON_FIELDS)."""

    class Meta:
        model = Person
        fields = PERSON_FIELDS


class CaseNoteForm(GovernedForm):
    class Meta:
        model = CaseNote
        fields = ["text", "is_health_information", *GOVERNANCE_FIELDS]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def is_health_information(self):
        return bool(self.cleaned_data.get("is_health_information"))


class AttachmentForm(GovernedForm):
    upload = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, foto (PNG of JPEG), Word, Excel, OpenDocument of tekst; hoogstens %(mb)s MB.")
        % {"mb": settings.INEEN_ATTACHMENT_MAX_MB},
        error_messages={"required": _("Kies een bestand."), "empty": _("Dit bestand is leeg.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(ext for kind in attachments.KINDS.values() for ext in kind.extensions)}
        ),
    )

    class Meta:
        model = Attachment
        fields = ["title", "upload", "is_health_information", *GOVERNANCE_FIELDS]

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def is_health_information(self):
        return bool(self.cleaned_data.get("is_health_information"))

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > attachments.max_bytes():
            raise ValidationError(self._too_large_message())
        try:
            attachments.recognise(upload, upload.name)
        except attachments.Refused as error:
            raise ValidationError(str(error)) from error
        return upload

    def _too_large_message(self):
        return _("Dit bestand is groter dan %(mb)s MB. Maak het kleiner of deel het op.") % {
            "mb": settings.INEEN_ATTACHMENT_MAX_MB
        }

    def full_clean(self):
        super().full_clean()
        # The upload handler skipped an oversized file while reading it; say so instead of "choose a file".
        if self.too_large and self.is_bound:
            self.errors.pop("upload", None)
            self.add_error("upload", self._too_large_message())


class AttachmentRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom moet deze bijlage weg?"),
        max_length=300,
        help_text=_("Bijvoorbeeld: bij de verkeerde casus gezet. Dit komt in het logboek."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef kort aan waarom de bijlage weg moet.")},
    )
