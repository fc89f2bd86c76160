"""Case conferences along the conversation guide: scheduling, invitations, split parts, preparation,
the live workspace (scores, contributions, shared top 3, phase decision) and the report.

Content entered here (inputs, notes, contributions) is case content: GovernedItem gives it source,
basis and visibility from birth. Shared rows that several people edit carry a `version` for
optimistic locking.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ineen.guide.enums import Phase, Scale, Step, Top3Kind
from ineen.privacy.models import GovernedItem

from .enums import (
    DEFAULT_BUDGETS,
    Attendance,
    ComingAs,
    ConferenceKind,
    ConferenceState,
    ContributionKind,
    FollowUpKind,
    Horizon,
    IncidentMarkKind,
    LiveStep,
    PartKind,
    PhaseDecisionKind,
    SelfRatingChannel,
    SelfRatingQuestion,
)


def default_budgets():
    return dict(DEFAULT_BUDGETS)


class Conference(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="conferences")
    kind = models.CharField(_("soort overleg"), max_length=10, choices=ConferenceKind.choices)
    phase = models.CharField(_("fase die besproken wordt"), max_length=20, choices=Phase.choices)
    goal = models.TextField(_("doel van dit overleg"))
    starts_at = models.DateTimeField(_("begint om"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"), default=90, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    online_url = models.URLField(_("link voor online deelname"), blank=True)
    guide_version = models.ForeignKey("guide.GuideVersion", on_delete=models.PROTECT, related_name="+")
    chosen_items = models.ManyToManyField(
        "guide.GuideItem", blank=True, related_name="+", verbose_name=_("onderdelen van de leidraad")
    )
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=ConferenceState.choices, default=ConferenceState.PLANNED)
    # Live meeting: which BOB step, since when, and the time budget per step (minutes).
    current_step = models.CharField(max_length=10, choices=LiveStep.choices, default=LiveStep.OPENING)
    step_started_at = models.DateTimeField(null=True, blank=True)
    step_budgets = models.JSONField(default=default_budgets)
    scores_revealed = models.BooleanField(default=False)
    # Bumped (F() + 1) by every write in the live workspace, in the write's transaction; the workspace
    # poll compares it with the client's stamp and answers 204 when equal (conferences/live.py).
    live_revision = models.PositiveIntegerField(default=0, editable=False)
    opening_summary = models.TextField(_("openingssamenvatting"), blank=True)
    # iCalendar: one UID for the meeting's whole life; SEQUENCE goes up with every change, and every
    # mail about the item carries one higher than any sent before (ical_sequence_sent: the highest sent,
    # None before the first mail; schedule._sequence_for_mail).
    ical_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(default=0)
    ical_sequence_sent = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("reden van annuleren"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    # When the chair started the meeting (live.start): the report shows the actual start–end.
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Loaded from an old case file (ineen/imports): who was there is known per organisation
    # (OrganisationPresence), not per invited user, and `chair` is the user who imported it.
    imported = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["case", "starts_at"], name="conference_case_start")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%d-%m-%Y}"

    def present_organisation_names(self) -> list[str]:
        """An imported conference's organisations at the table (one query; OrganisationPresence)."""
        return list(
            self.organisations_present.order_by("organisation__name").values_list("organisation__name", flat=True)
        )


class ConferencePart(models.Model):
    """A conference is one whole part, or a closed part (e.g. with the prosecutor, without clients)
    and an open part (with clients, without the prosecutor)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(max_length=10, choices=PartKind.choices)
    order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["conference", "kind"], name="one_part_per_kind")]

    @property
    def clients_may_attend(self):
        return self.kind != PartKind.CLOSED


class Invitation(models.Model):
    """Someone at the table for one part, with the reason they are needed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    part = models.ForeignKey(ConferencePart, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    person = models.ForeignKey(
        "households.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("gezinslid"),
    )
    reason = models.CharField(_("waarom aan tafel"), max_length=300)
    trusted_person = models.CharField(_("vertrouwenspersoon"), max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN)
    # Household members at the meeting (conferences/clients.py): online, a professional sits with them;
    # whether their trusted person came; the chair checked they understood and had their say.
    online_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("professional die bij de cliënt zit"),
    )
    trusted_person_present = models.BooleanField(_("vertrouwenspersoon aanwezig"), default=False)
    heard = models.BooleanField(_("begrepen en gehoord"), default=False)

    class Meta:
        ordering = ["part__order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) ^ models.Q(person__isnull=False),
                name="invitation_user_xor_person",
            ),
            models.UniqueConstraint(fields=["part", "user"], name="one_invitation_per_user_part"),
            models.UniqueConstraint(fields=["part", "person"], name="one_invitation_per_person_part"),
        ]


class OrganisationPresence(models.Model):
    """An organisation present at a conference known only from an old case file (ineen/imports): the
    file says which organisations sat at the table, not which of our users. Conferences held in Ineen
    record presence per person (Invitation.attendance); counts of organisations at a conference take
    both (the dossier analysis)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="organisations_present")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "organisation"], name="one_presence_per_organisation"),
        ]


class ClientNotInvited(models.Model):
    """'Always invited, unless': not inviting a household member needs a recorded weighty reason."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="clients_not_invited")
    person = models.ForeignKey("households.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("zwaarwegende reden"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conference", "person"], name="one_noninvite_per_person")]


class KeepApart(models.Model):
    """Two household members who are never invited to the same part of a conference: intimate terror
    recorded by the chair. Stalking recorded in the household's incidents counts too, without a row
    here (derived in conferences/schedule.py::apart_pairs). person_a has the lower pk."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="keep_apart")
    person_a = models.ForeignKey("households.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("households.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reden"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "person_a", "person_b"], name="one_keep_apart_per_pair"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="keep_apart_ordered_pair"
            ),
        ]


class PreparationInput(GovernedItem):
    """A professional's current-state input on one chosen guide question, before the meeting."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="inputs")
    item = models.ForeignKey("guide.GuideItem", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("inbreng"))
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conference", "item", "author"], name="one_input_per_question")]


class ScalingScore(models.Model):
    """1-10 with a justification. Given before seeing the others; revealed together."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="scores")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Professionals only: a household member's own answer is a SelfRating (never in this distribution).
    scale = models.CharField(max_length=20, choices=Scale.choices)
    value = models.PositiveSmallIntegerField(_("cijfer"), validators=[MinValueValidator(1), MaxValueValidator(10)])
    justification = models.TextField(_("onderbouwing"))
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=1, value__lte=10), name="score_1_to_10"),
            models.UniqueConstraint(fields=["conference", "scale", "author"], name="one_score_per_author"),
        ]


class NotWithdrawnManager(models.Manager):
    """Withdrawn contributions and notes are gone from every listing (workspace, projector, report,
    exports); the row stays, with who withdrew it and when, for the audit (`all_objects`)."""

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Contribution(GovernedItem):
    """Individually collected worries / risks / recovery points and brainstorm ideas, with the
    priority fields the group fills in when funnelling."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=20, choices=ContributionKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    # Funnelling the brainstorm (besluitvorming): the client's priority, the experts' view, capacity.
    is_priority = models.BooleanField(default=False)
    client_priority = models.CharField(_("prioriteit voor de cliënt"), max_length=300, blank=True)
    expert_view = models.CharField(_("visie materiedeskundigen"), max_length=300, blank=True)
    client_capacity = models.CharField(_("belastbaarheid van de cliënt"), max_length=300, blank=True)
    horizon = models.CharField(max_length=10, choices=Horizon.choices, blank=True)
    # The plan action the chair made of this prioritised idea (live.add_plan_action): it is then no
    # longer offered, and the report can show where an action came from. Kept here, in the meeting's
    # own model, so the plans app needs no knowledge of brainstorms.
    plan_action = models.OneToOneField(
        "plans.PlanAction", on_delete=models.SET_NULL, null=True, blank=True, related_name="source_idea"
    )
    version = models.PositiveIntegerField(default=1)
    # Withdrawn by its author (or the chair) during the meeting: hidden everywhere, kept for the audit.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = NotWithdrawnManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["created_at", "pk"]


class SharedTopItem(models.Model):
    """The jointly chosen top 3 (worries / risks / recovery points)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="shared_top")
    kind = models.CharField(max_length=20, choices=Top3Kind.choices)
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(3)])
    text = models.CharField(max_length=500)
    contribution = models.ForeignKey(Contribution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["kind", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "kind", "rank"], name="one_item_per_rank"),
            models.CheckConstraint(condition=models.Q(rank__gte=1, rank__lte=3), name="top3_rank_1_to_3"),
        ]


class IncidentMark(models.Model):
    """First, worst and latest incident (phase 1's top 3), chosen from the household's incidents."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="incident_marks")
    mark = models.CharField(max_length=10, choices=IncidentMarkKind.choices)
    incident = models.ForeignKey("households.Incident", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conference", "mark"], name="one_incident_per_mark")]


class PhaseDecision(models.Model):
    conference = models.OneToOneField(Conference, on_delete=models.CASCADE, related_name="phase_decision")
    from_phase = models.CharField(max_length=20, choices=Phase.choices)
    decision = models.CharField(max_length=10, choices=PhaseDecisionKind.choices)
    to_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    reason = models.TextField(_("reden"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)


class ConferenceNote(GovernedItem):
    """Notes per part and step. Notes of a closed part never reach anything a client can see."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="notes")
    part = models.ForeignKey(ConferencePart, on_delete=models.CASCADE, related_name="notes")
    step = models.CharField(max_length=10, choices=Step.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = NotWithdrawnManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["part__order", "step", "pk"]


class PreparationTalk(models.Model):
    """The preparation talk (voorbereidend gesprek) with one household member before a conference,
    recorded by the case director or an involved professional: the client's own words for the table.
    Also, and especially, when they will not come: their message is read out so their voice is in the room.
    Visible to the case team like the invitations (not a GovernedItem: the client is its source and it is
    meant for the table)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="preparation_talks")
    person = models.ForeignKey("households.Person", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("datum van het gesprek"))
    coming_as = models.CharField(_("hoe doet de cliënt mee"), max_length=20, choices=ComingAs.choices)
    wants_discussed = models.TextField(_("wat de cliënt besproken wil hebben"), blank=True)
    hopes = models.TextField(_("wat de cliënt hoopt dat het overleg oplevert"), blank=True)
    trusted_person_name = models.CharField(_("naam vertrouwenspersoon"), max_length=200, blank=True)
    trusted_person_relation = models.CharField(_("relatie tot de cliënt"), max_length=200, blank=True)
    language_needs = models.CharField(_("taal of tolk"), max_length=300, blank=True)
    message = models.TextField(_("boodschap aan het overleg"), blank=True)
    # A young person heard on their own (issue 11, point 9): their words are shown as theirs, and never
    # reach a parent's documents.
    without_parents = models.BooleanField(_("gesprek zonder ouders erbij"), default=False)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["person__pk"]
        constraints = [models.UniqueConstraint(fields=["conference", "person"], name="one_talk_per_person")]


class OwnGuide(models.Model):
    """The client's own version of the guide (issue 11, point 4): what worries me, what goes well, what I
    need, my ideas -- in the client's own words, never rewritten. Typed in by a professional from paper
    (channel "professional") or, later, filled in by the client through their own access ("client",
    `filled_in_by` empty)."""

    class Channel(models.TextChoices):
        PROFESSIONAL = "professional", _("overgenomen door een professional")
        CLIENT = "client", _("door de cliënt zelf ingevuld")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="own_guides")
    person = models.ForeignKey("households.Person", on_delete=models.PROTECT, related_name="+")
    worries = models.TextField(_("waar maak ik me zorgen over"), blank=True)
    going_well = models.TextField(_("wat gaat er goed"), blank=True)
    needs = models.TextField(_("wat heb ik nodig"), blank=True)
    ideas = models.TextField(_("mijn ideeën"), blank=True)
    filled_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=15, choices=Channel.choices, default=Channel.PROFESSIONAL)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["person__pk"]
        constraints = [models.UniqueConstraint(fields=["conference", "person"], name="one_own_guide_per_person")]


class ClientFollowUp(models.Model):
    """After a conference, per invited household member: a debrief (nabespreking) when they were there,
    feedback (terugkoppeling) when they were not. Owned by the case director by default."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="client_follow_ups")
    person = models.ForeignKey("households.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=FollowUpKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("wie doet het")
    )
    due_on = models.DateField(_("klaar uiterlijk"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("korte aantekening"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["conference", "person"], name="one_follow_up_per_person")]


class SelfRating(models.Model):
    """A household member's own 1-10 answer to a scaling question (issue 11, point 6): their own safety or
    how their life is going. A model of its own, so it can never be averaged into the professionals'
    ScalingScore distribution: it is shown beside it, as "Het gezin zelf". `entered_by` is the professional
    who wrote it down (preparation talk, chair at the meeting); None when the client entered it through
    their own access."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="self_ratings")
    person = models.ForeignKey("households.Person", on_delete=models.PROTECT, related_name="+")
    question = models.CharField(_("vraag"), max_length=20, choices=SelfRatingQuestion.choices)
    value = models.PositiveSmallIntegerField(_("cijfer"), validators=[MinValueValidator(1), MaxValueValidator(10)])
    words = models.TextField(_("in eigen woorden"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("hoe gegeven"), max_length=20, choices=SelfRatingChannel.choices)
    submitted_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["person__pk", "question"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=1, value__lte=10), name="self_rating_1_to_10"),
            models.UniqueConstraint(fields=["conference", "person", "question"], name="one_self_rating_per_question"),
        ]
