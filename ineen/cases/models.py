"""A case is one trajectory of a household at a safety house: referral, triage, team, direction."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.accounts.models import Organisation, SafetyHouse
from ineen.households.models import Household
from ineen.privacy.models import GovernedItem
from ineen.trigram import trigram_index

from .enums import CaseState, ClientsInformed, RiskFactor, Route, TeamRole, TriageDecision


class Case(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("kenmerk"), max_length=30, unique=True)
    safety_house = models.ForeignKey(SafetyHouse, on_delete=models.PROTECT, related_name="cases")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="cases")
    state = models.CharField(_("status"), max_length=20, choices=CaseState.choices, default=CaseState.REFERRED)
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: every state-changing action bumps it and checks the version the user saw.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_at"]
        indexes = [
            # The chair's work queue: cases of one house by state.
            models.Index(fields=["safety_house", "state"], name="case_house_state"),
            # The chair's case list: a house's cases newest first, read in index order (issue 12).
            models.Index(fields=["safety_house", "-opened_at"], name="case_house_opened"),
            # Case search on the reference (ineen/cases/search.py; PostgreSQL only, see ineen/trigram.py).
            trigram_index("reference", "case_reference_trgm"),
        ]

    def __str__(self):
        return f"{self.reference} — {self.household.name}"


class CaseStateChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=CaseState.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]


class Referral(models.Model):
    """The standard referral questions; none of them is mandatory."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="referral")
    referrer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals")
    referring_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField(_("wat speelt er?"), blank=True)
    needs = models.TextField(_("wat is er nodig?"), blank=True)
    risk_factors = models.JSONField(_("aanwezige risicofactoren"), default=list, blank=True)
    risk_factors_other = models.CharField(_("andere risicofactoren"), max_length=300, blank=True)
    clients_view = models.TextField(_("hoe zien de cliënten zelf de situatie?"), blank=True)
    clients_wishes = models.TextField(_("welke oplossingen zoeken de cliënten zelf?"), blank=True)
    clients_informed = models.CharField(
        _("zijn de cliënten op de hoogte van de aanmelding?"),
        max_length=10,
        choices=ClientsInformed.choices,
        default=ClientsInformed.UNKNOWN,
    )
    clients_informed_note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")

    def risk_factor_labels(self):
        labels = dict(RiskFactor.choices)
        return [labels.get(v, v) for v in self.risk_factors]


class Triage(models.Model):
    """The triage meeting (weegoverleg): prepared by the chair, then decided."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="triages")
    scheduled_for = models.DateTimeField(_("datum en tijd weegoverleg"), null=True, blank=True)
    participants = models.TextField(_("deelnemers"), blank=True)
    preparation = models.TextField(_("voorbereiding"), blank=True)
    decision = models.CharField(_("besluit"), max_length=10, choices=TriageDecision.choices, blank=True)
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, blank=True)
    reasons = models.TextField(_("redenen"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    # "Referred elsewhere": the organisation the referral went to (shown to the referrer).
    referred_to = models.CharField(_("doorverwezen naar"), max_length=200, blank=True)
    referrer_notified_at = models.DateTimeField(null=True, blank=True)
    clients_informed = models.BooleanField(_("cliënten geïnformeerd over het besluit"), default=False)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="accept") | ~models.Q(route=""),
                name="accepted_triage_has_route",
            )
        ]


class CaseDirectorAssignment(models.Model):
    """One case director at a time; ended assignments stay as the handover history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="director_assignments")
    director = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    handover_note = models.TextField(_("overdracht"), blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Warm handover (issue 10): who wrote the note this director received (the outgoing director, or the
    # chair when the outgoing one is gone), and when the new director confirmed reading it. Until then it
    # is a work item and a banner on the case page for them.
    handover_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handover_read_at = models.DateTimeField(null=True, blank=True)
    # The note the outgoing director writes while still in charge, handed to the next assignment.
    outgoing_note = models.TextField(_("overdrachtsnotitie"), blank=True)
    outgoing_note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outgoing_note_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            # Used by the "current director" lookup; guarantees one director at a time.
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(ended_at__isnull=True), name="one_current_director"
            ),
        ]

    @property
    def handover_unread(self) -> bool:
        return bool(self.handover_note) and self.handover_read_at is None and self.ended_at is None


class TeamMembership(models.Model):
    """Organisation + person + role in the case + from/until. Access to a case follows this."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rol in de casus"), max_length=20, choices=TeamRole.choices)
    active_from = models.DateField(_("vanaf"), default=timezone.localdate)
    active_until = models.DateField(_("tot en met"), null=True, blank=True)
    # The day someone ended the membership early (end_team_membership); empty for one that runs out by itself.
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["active_from", "pk"]
        indexes = [
            # cases_for_user(): memberships of one user that are still running.
            models.Index(fields=["user", "active_until"], name="team_user_until"),
        ]

    def is_active_on(self, day) -> bool:
        return self.active_from <= day and (self.active_until is None or self.active_until >= day)

    @property
    def has_ended(self) -> bool:
        """Ended early by someone, or run out: no access today or later."""
        return self.ended_on is not None or (self.active_until is not None and self.active_until < timezone.localdate())


class CaseNote(GovernedItem):
    """A note by a professional about the case; case content with source, basis and visibility."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("notitie"))
    is_health_information = models.BooleanField(_("medische of ggz-informatie"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["-created_at", "-pk"]


def _attachment_path(instance, filename):
    # A random name without the original one: the folder never shows who or what a file is about.
    return f"{instance.case.public_id}/{instance.public_id}"


def _attachment_storage():
    from django.core.files.storage import storages

    return storages["attachments"]


class Attachment(GovernedItem):
    """A file added to the case (cases/attachments.py): case content with source, basis and visibility,
    downloaded only through the access policy."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(
        _("titel"), max_length=200, help_text=_("Waar gaat dit bestand over? Bijvoorbeeld: veiligheidsplan school.")
    )
    file = models.FileField(_("bestand"), upload_to=_attachment_path, storage=_attachment_storage, max_length=200)
    file_name = models.CharField(max_length=130)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    is_health_information = models.BooleanField(_("medische of ggz-informatie"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["-created_at", "-pk"]


class ClosurePlan(models.Model):
    """What happens if things go wrong again after closure, and the follow-up check some months later.
    One per closure: a reopened and closed-again case has several (the history stays)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closure_plans")
    signals = models.TextField(_("signalen dat het weer misgaat"))
    who_acts = models.TextField(_("wie doet dan wat"))
    contact_name = models.CharField(_("contactpersoon lokaal team"), max_length=200)
    contact_organisation = models.CharField(_("organisatie van de contactpersoon"), max_length=200)
    contact_reach = models.CharField(_("hoe is de contactpersoon bereikbaar"), max_length=200)
    agreed_with = models.TextField(_("afgesproken met"))
    reason = models.TextField(_("reden van afsluiten"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # The follow-up check (nazorgcheck), planned at closure and recorded later.
    followup_due_on = models.DateField(_("nazorgcheck gepland op"))
    followup_done_at = models.DateTimeField(null=True, blank=True)
    followup_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    followup_how = models.TextField(_("hoe gaat het"), blank=True)
    followup_reopen_needed = models.BooleanField(_("heropenen nodig"), null=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["followup_due_on"], name="closure_followup_due")]


class TriageMeeting(models.Model):
    """The standing triage meeting (weegoverleg) of a safety house: planned by the chair, several
    referrals on the agenda, partners invited."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    safety_house = models.ForeignKey(SafetyHouse, on_delete=models.PROTECT, related_name="triage_meetings")
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("locatie"), max_length=200)
    invited = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="triage_meetings")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]


class TriageAgendaItem(models.Model):
    """One referral on a triage meeting's agenda; its outcome is recorded as the case's Triage."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(TriageMeeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="triage_agenda_items")
    position = models.PositiveIntegerField(default=0)
    triage = models.ForeignKey(Triage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="one_agenda_item_per_case")]
