"""Clients at the table (MISSION, "Clients at the table"): always invited, unless; the preparation talk;
attendance with the chair's check that the client understood and had their say; the debrief or feedback
after the meeting.

Actions follow schedule.py's conventions: keyword-only arguments with `actor`, one transaction, an audit
event in it, ValidationError with Dutch messages keyed by form field, Conflict on a stale version. Who may
call which action is decided by the views through ineen.access.policy. Client access, client documents
and self-rating (issue 11, points 4-6) will read the same rows: a talk's `message` and `wants_discussed`
are the client's own words, never rewritten by professionals.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ineen.access import policy
from ineen.access.actor import acting
from ineen.audit.models import Action
from ineen.cases.models import CaseDirectorAssignment
from ineen.plans.changes import working_days_later

from . import live_cache
from .enums import PRESENT, Attendance, ComingAs, ConferenceState, FollowUpKind
from .models import ClientFollowUp, ClientNotInvited, Conference, Invitation, OwnGuide, PreparationTalk, SelfRating
from .schedule_rules import CLIENT_REASON, STALE, Conflict, _audit, _check_apart, apart_pairs
from .self_rating import question_text
from .youth import check_youth_invitation, is_young_person

MAX_TEXT = 4000
TALK_STATES = (ConferenceState.PLANNED, ConferenceState.LIVE)
NO_REASON = gettext_lazy("Niet uitnodigen kan alleen met een zwaarwegende reden. Schrijf die op.")
ATTENDANCE_MISSING = gettext_lazy(
    "De aanwezigheid van %(names)s is nog niet vastgelegd. Leg die eerst vast, of bevestig dat u het "
    "overleg toch afrondt."
)


def follow_up_days() -> int:
    """Working days for a debrief or feedback after the meeting (setting, default 5)."""
    return int(getattr(settings, "INEEN_CLIENT_FOLLOW_UP_DAYS", 5))


# --- always invited, unless ------------------------------------------------------------------------


def invite_household(*, conference, client_part, actor, not_invited=None):
    """Apply "always invited, unless" to a new conference, whatever path planned it (the new-conference
    form, the next meeting from the workspace, the demo): every household member shown through the case
    is invited to `client_part`, except those in `not_invited` ({person: weighty reason}); an empty reason
    is refused, keyed `reason_<person public_id>`; members who must be kept apart are refused together.
    Call inside the planning action's transaction. Returns (members, invited, not_invited)."""
    actor = acting(actor)
    case = conference.case
    members = list(policy.household_records(case, case.household.members.all()))
    not_invited = dict(not_invited or {})
    errors = {f"reason_{p.public_id}": NO_REASON for p, reason in not_invited.items() if not (reason or "").strip()}
    if errors:
        raise ValidationError(errors)
    if any(p not in members for p in not_invited):
        raise ValidationError(_("Kies alleen gezinsleden van deze casus."))
    invited = [p for p in members if p not in not_invited]
    for person in invited:  # the youth part is never the household's part (youth.py)
        check_youth_invitation(client_part, person)
    _check_apart(invited, apart_pairs(case.household))
    Invitation.objects.bulk_create(
        [Invitation(conference=conference, part=client_part, person=p, reason=CLIENT_REASON) for p in invited]
    )
    ClientNotInvited.objects.bulk_create(
        [
            ClientNotInvited(conference=conference, person=p, reason=r.strip(), recorded_by=actor.user)
            for p, r in not_invited.items()
        ]
    )
    return members, invited, not_invited


# --- reading ---------------------------------------------------------------------------------------


@dataclass
class ClientRow:
    person: object
    invitations: list  # this member's invitations (one per part they sit in)
    not_invited_reason: str | None
    talk: PreparationTalk | None
    own_guide: object = None  # OwnGuide: the client's own version of the guide (own_guide.py)
    ratings: list = field(default_factory=list)  # their own SelfRatings (self_rating.py), never averaged in

    @property
    def invitation(self):
        return self.invitations[0] if self.invitations else None


def client_rows(conference) -> list[ClientRow]:
    """Per household member of the conference (invited or recorded as not invited): their invitation(s),
    the reason they are not invited, their preparation talk, their own version of the guide, their own
    scores (both carried on the invitation and non-invitation rows, so no extra query). Three queries."""
    from .report import _rows, json_rows

    own = json_rows(
        SelfRating.objects.filter(conference=conference),
        "person",
        "person_id",
        id="id",
        question="question",
        value="value",
        words="words",
    )
    guide = json_rows(
        OwnGuide.objects.filter(conference=conference),
        "person",
        "person_id",
        worries="worries",
        going_well="going_well",
        needs="needs",
        ideas="ideas",
        by_id="filled_in_by_id",
        by_first="filled_in_by__first_name",
        by_last="filled_in_by__last_name",
        updated_at="updated_at",
    )
    invitations = list(
        Invitation.objects.filter(conference=conference, person__isnull=False)
        .select_related("person", "part", "online_with")
        .annotate(own_ratings=own, own_guide=guide)
    )
    not_invited = {
        r.person_id: r
        for r in ClientNotInvited.objects.filter(conference=conference)
        .select_related("person")
        .annotate(own_ratings=own, own_guide=guide)
    }
    talks = {
        t.person_id: t for t in PreparationTalk.objects.filter(conference=conference).select_related("recorded_by")
    }
    persons: dict[int, object] = {}
    ratings: dict[int, list] = {}
    guides: dict[int, object] = {}
    for row in [*invitations, *not_invited.values()]:
        persons.setdefault(row.person_id, row.person)
        if row.person_id not in guides and row.own_guide:
            guides[row.person_id] = _guide_row(_rows(row.own_guide)[0])
        if row.person_id not in ratings and row.own_ratings:
            found = sorted(_rows(row.own_ratings), key=lambda r: r.question != "safety")
            for rating in found:
                rating.label = question_text(rating.question, informal=True)
            ratings[row.person_id] = found
    return [
        ClientRow(
            person=person,
            invitations=[inv for inv in invitations if inv.person_id == pk],
            not_invited_reason=not_invited[pk].reason if pk in not_invited else None,
            talk=talks.get(pk),
            own_guide=guides.get(pk),
            ratings=ratings.get(pk, []),
        )
        for pk, person in sorted(persons.items(), key=lambda kv: getattr(kv[1], "birth_year", 0) or 0)
    ]


def _guide_row(g):
    """An OwnGuide read as JSON (client_rows), shaped as the summary template reads a model row: who typed it
    in (None: the client themselves) and when."""
    from types import SimpleNamespace

    name = f"{g.by_first or ''} {g.by_last or ''}".strip()
    g.filled_in_by = SimpleNamespace(get_full_name=name) if g.by_id else None
    updated = datetime.fromisoformat(g.updated_at) if g.updated_at else None
    if updated is not None and timezone.is_naive(updated):  # SQLite's JSON drops the offset; stored as UTC
        updated = timezone.make_aware(updated, UTC)
    g.updated_at = updated
    return g


def attendance_missing(conference) -> list:
    """Invited household members whose attendance is not recorded yet (the chair is asked before ending)."""
    return [
        inv.person
        for inv in Invitation.objects.filter(
            conference=conference, person__isnull=False, attendance=Attendance.UNKNOWN
        ).select_related("person")
    ]


# --- the preparation talk ----------------------------------------------------------------------------


def _clean(value, field, limit=MAX_TEXT):
    text = (value or "").strip()
    if len(text) > limit:
        raise ValidationError({field: _("Maximaal %(n)s tekens.") % {"n": limit}})
    return text


@transaction.atomic
def record_preparation_talk(
    *,
    conference,
    actor,
    person,
    coming_as,
    held_on=None,
    wants_discussed="",
    hopes="",
    trusted_person_name="",
    trusted_person_relation="",
    language_needs="",
    message="",
    without_parents=False,
    seen_version=None,
) -> PreparationTalk:
    """Record (or correct) the preparation talk with `person` before the meeting. When the client will
    not come, their message to the meeting is required: so their voice is in the room. The trusted person
    is copied onto the client's invitation (the table size counts them). `seen_version`: the talk's
    version the user edited (None for a new one); Conflict when someone else saved in between.
    Side effects: audit event."""
    actor = acting(actor)
    if conference.state not in TALK_STATES:
        raise ValidationError(_("Dit overleg is afgerond of geannuleerd; een voorbereidend gesprek kan niet meer."))
    if person.household_id != conference.case.household_id:
        raise ValidationError(_("Kies een gezinslid van deze casus."))
    if coming_as not in ComingAs.values:
        raise ValidationError({"coming_as": _("Kies hoe de cliënt meedoet.")})
    values = {
        "coming_as": coming_as,
        "held_on": held_on or timezone.localdate(),
        "wants_discussed": _clean(wants_discussed, "wants_discussed"),
        "hopes": _clean(hopes, "hopes"),
        "trusted_person_name": _clean(trusted_person_name, "trusted_person_name", 200),
        "trusted_person_relation": _clean(trusted_person_relation, "trusted_person_relation", 200),
        "language_needs": _clean(language_needs, "language_needs", 300),
        "message": _clean(message, "message"),
        "without_parents": bool(without_parents),
    }
    errors = {}
    if values["without_parents"] and not is_young_person(person):
        errors["without_parents"] = _(
            "Zonder ouders spreken we alleen met een jongere (een kind van het gezin, of jonger dan 18)."
        )
    if values["held_on"] > timezone.localdate():
        errors["held_on"] = _("Het gesprek kan niet in de toekomst liggen.")
    if coming_as == ComingAs.NOT_ATTENDING and not values["message"]:
        errors["message"] = _(
            "De cliënt komt niet: schrijf de boodschap van de cliënt aan het overleg op, zodat de stem van "
            "de cliënt er toch is."
        )
    if values["trusted_person_name"] and not values["trusted_person_relation"]:
        errors["trusted_person_relation"] = _("Wat is de relatie van de vertrouwenspersoon tot de cliënt?")
    if errors:
        raise ValidationError(errors)
    talk = PreparationTalk.objects.select_for_update().filter(conference=conference, person=person).first()
    if talk is not None:
        if seen_version is None or str(seen_version) != str(talk.version):
            raise Conflict(STALE, current=talk)
        PreparationTalk.objects.filter(pk=talk.pk).update(
            **values, recorded_by=actor.user, updated_at=timezone.now(), version=F("version") + 1
        )
        talk.refresh_from_db()
    else:
        talk = PreparationTalk.objects.create(conference=conference, person=person, recorded_by=actor.user, **values)
    trusted = values["trusted_person_name"]
    if trusted:
        trusted = f"{trusted} ({values['trusted_person_relation']})"
    Invitation.objects.filter(conference=conference, person=person).update(trusted_person=trusted[:200])
    _audit(
        actor=actor,
        action=Action.UPDATE if talk.version > 1 else Action.CREATE,
        conference=conference,
        object_type="preparation_talk",
        object_id=talk.public_id,
        persons=[person],
        detail=f"preparation talk, {coming_as}" + (", without parents" if values["without_parents"] else ""),
    )
    return talk


# --- attendance -------------------------------------------------------------------------------------


@dataclass
class ClientAttendance:
    attendance: str
    online_with: object = None  # a User
    trusted_person_present: bool = False
    heard: bool = False


@transaction.atomic
def record_client_attendance(*, conference, actor, rows: dict) -> int:
    """Record who of the household was there: {invitation: ClientAttendance}. Online attendance names
    the professional who sits with the client (a member of the active team, or the chair); "understood
    and heard" and the trusted person only count for a client who was there. Errors are keyed
    `online_with_<invitation public_id>`. Side effects: the workspace refreshes; audit event."""
    from .schedule_table import active_team

    actor = acting(actor)
    if conference.state not in (ConferenceState.LIVE, ConferenceState.ENDED):
        raise ValidationError(_("Aanwezigheid leggen we vast tijdens of na het overleg."))
    team = None
    errors = {}
    changed = 0
    for inv, row in rows.items():
        if inv.conference_id != conference.pk or not inv.person_id:
            raise ValidationError(_("Deze uitnodiging hoort niet bij dit overleg."))
        if row.attendance not in Attendance.values:
            raise ValidationError(_("Kies een geldige aanwezigheid."))
        present = row.attendance in PRESENT
        online_with = row.online_with if row.attendance == Attendance.ONLINE else None
        if row.attendance == Attendance.ONLINE:
            if team is None:
                team = {m.user_id for m in active_team(conference.case)} | {conference.chair_id}
            if online_with is None:
                errors[f"online_with_{inv.public_id}"] = _("Wie zit bij %(name)s tijdens het online overleg?") % {
                    "name": inv.person
                }
            elif online_with.pk not in team:
                errors[f"online_with_{inv.public_id}"] = _("Kies iemand uit het team van deze casus.")
        values = {
            "attendance": row.attendance,
            "online_with": online_with,
            "trusted_person_present": bool(row.trusted_person_present and present),
            "heard": bool(row.heard and present),
        }
        if any(getattr(inv, k) != v for k, v in values.items()):
            Invitation.objects.filter(pk=inv.pk).update(**values)
            changed += 1
    if errors:
        raise ValidationError(errors)
    Conference.objects.filter(pk=conference.pk).update(live_revision=F("live_revision") + 1)
    live_cache.changed(conference)
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="attendance",
        persons=[inv.person for inv in rows],
        detail=f"client attendance, {changed} changed",
    )
    return changed


# --- debrief or feedback ------------------------------------------------------------------------------


def _director(case):
    assignment = CaseDirectorAssignment.objects.filter(case=case, ended_at__isnull=True).select_related("director")
    found = assignment.first()
    return found.director if found else None


def create_follow_ups(*, conference, actor) -> list[ClientFollowUp]:
    """When the meeting ends: per invited household member a debrief (was there) or feedback (was not),
    owned by the case director (the chair when there is none), due in follow_up_days() working days.
    Ending again after reopening updates the kind of open ones; done ones stay. Call inside the ending
    transaction. Side effects: audit event when something was made or changed."""
    actor = acting(actor)
    owner = _director(conference.case) or conference.chair
    due_on = working_days_later(timezone.localdate(), follow_up_days())
    kinds: dict[int, tuple] = {}
    for inv in Invitation.objects.filter(conference=conference, person__isnull=False).select_related("person"):
        was_there = inv.attendance in PRESENT or kinds.get(inv.person_id, (None, False))[1]
        kinds[inv.person_id] = (inv.person, was_there)
    existing = {f.person_id: f for f in ClientFollowUp.objects.filter(conference=conference)}
    made = []
    for person_id, (person, was_there) in kinds.items():
        kind = FollowUpKind.DEBRIEF if was_there else FollowUpKind.FEEDBACK
        found = existing.get(person_id)
        if found is None:
            made.append(
                ClientFollowUp.objects.create(
                    conference=conference, person=person, kind=kind, owner=owner, due_on=due_on
                )
            )
        elif found.done_at is None and found.kind != kind:
            ClientFollowUp.objects.filter(pk=found.pk).update(kind=kind, version=F("version") + 1)
            made.append(found)
    if made:
        _audit(
            actor=actor,
            action=Action.CREATE,
            conference=conference,
            object_type="client_follow_up",
            persons=[f.person for f in made],
            detail=f"{len(made)} debrief/feedback tasks",
        )
    return made


def _locked_follow_up(follow_up, seen_version):
    current = ClientFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if seen_version is not None and str(seen_version) != str(current.version):
        raise Conflict(
            _("Iemand anders heeft deze taak intussen gewijzigd. Bekijk de nieuwe stand; uw invoer staat er nog."),
            current=current,
        )
    return current


@transaction.atomic
def change_follow_up(*, follow_up, actor, owner, due_on, seen_version=None) -> ClientFollowUp:
    """Give a debrief or feedback to another team member or move its date (case director or chair).
    Side effects: audit event."""
    from .schedule_table import active_team

    actor = acting(actor)
    current = _locked_follow_up(follow_up, seen_version)
    conference = follow_up.conference
    errors = {}
    if current.done_at is not None:
        raise ValidationError(_("Deze taak is al gedaan."))
    if owner is None or owner.pk not in {m.user_id for m in active_team(conference.case)} | {conference.chair_id}:
        errors["owner"] = _("Kies iemand uit het team van deze casus.")
    if due_on is None:
        errors["due_on"] = _("Kies een datum.")
    if errors:
        raise ValidationError(errors)
    ClientFollowUp.objects.filter(pk=current.pk).update(owner=owner, due_on=due_on, version=F("version") + 1)
    current.refresh_from_db()
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="client_follow_up",
        object_id=current.public_id,
        persons=[current.person],
        detail="owner/due date changed",
    )
    return current


@transaction.atomic
def complete_follow_up(*, follow_up, actor, note, seen_version=None) -> ClientFollowUp:
    """Record the debrief or feedback as done, with a short note. Side effects: audit event."""
    actor = acting(actor)
    current = _locked_follow_up(follow_up, seen_version)
    if current.done_at is not None:
        raise ValidationError(_("Deze taak is al gedaan."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Schrijf kort op wat er besproken is.")})
    if len(note) > MAX_TEXT:
        raise ValidationError({"note": _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}})
    ClientFollowUp.objects.filter(pk=current.pk).update(
        done_at=timezone.now(), done_by=actor.user, note=note, version=F("version") + 1
    )
    current.refresh_from_db()
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=follow_up.conference,
        object_type="client_follow_up",
        object_id=current.public_id,
        persons=[current.person],
        detail=f"{current.kind} done",
    )
    return current
