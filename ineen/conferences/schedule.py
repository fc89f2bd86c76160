"""Domain actions for scheduling a case conference: the meeting, its parts, who sits at the table and
why, the calendar invitations and the attendance.

Every action runs in one transaction, writes its audit event(s) in it and sends e-mail only on commit
(notifications.py; a link and a calendar item, never case content). Arguments are keyword-only; `by`
is the acting user, `request` (optional) the audit origin. Input that breaks a rule raises
ValidationError with Dutch messages keyed by the form field they belong to; a change made by someone
else since the user loaded the page raises Conflict. Who may call which action is decided by the views
through ineen.access.policy.

The table rules (MISSION, "The conference" and "Clients at the table"):
- household members are always invited, unless a weighty reason is recorded (ClientNotInvited);
- clients never sit in a closed part (e.g. the one with the public prosecutor);
- where stalking or intimate terror plays, the persons involved are never invited to the same part;
- keep the table small: above TABLE_LIMIT people in a part the pages show a warning.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.enums import CaseState
from ineen.cases.models import TeamMembership
from ineen.guide import queries as guide_queries
from ineen.households.enums import IncidentRole, ViolenceType
from ineen.households.models import IncidentInvolvement, Person

from . import notifications
from .enums import Attendance, ConferenceState, PartKind
from .models import ClientNotInvited, Conference, ConferencePart, Invitation, KeepApart

PURPOSE = "overleg plannen"
TABLE_LIMIT = 8  # "eight people was the limit in the test phase"
CLIENT_REASON = "Gezinslid: het overleg gaat over dit gezin (altijd uitgenodigd, tenzij)."
# Changing any of these changes the calendar item: SEQUENCE goes up and the invitees get an update.
TIME_AND_PLACE = ("starts_at", "duration_minutes", "location", "online_url")
APART_RULE = _(
    "%(a)s en %(b)s kunnen niet voor hetzelfde deel worden uitgenodigd. Regel: waar stalking of "
    "intieme terreur speelt, worden de betrokkenen nooit samen aan tafel uitgenodigd. Nodig één "
    "van beiden niet uit en leg de reden vast, of plan een apart overleg."
)


class Conflict(ValidationError):
    """Someone else changed the conference since the user loaded it. `current` holds the value as it
    is now, so the page can show it next to the user's own text, which is kept."""

    def __init__(self, message, *, current=None):
        super().__init__(message)
        self.current = current


STALE = _("Iemand anders heeft dit overleg intussen gewijzigd. Bekijk de nieuwe stand; uw invoer staat er nog.")


# --- helpers -------------------------------------------------------------------------------------


def subject(conference, object_type="conference", object_id=None, persons=()) -> Subject:
    case = conference.case
    return Subject(
        object_type,
        str(object_id or conference.public_id),
        str(case.household.public_id),
        person_ids=[str(p.public_id) for p in persons],
        safety_house_code=case.safety_house.code,
    )


def _audit(*, actor, action, conference, object_type="conference", object_id=None, persons=(), detail=""):
    events.record(
        actor=actor,
        action=action,
        purpose=PURPOSE,
        detail=detail,
        subject=subject(conference, object_type, object_id, persons),
    )


def _text(value, field, message, limit=None):
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    if limit and len(text) > limit:
        raise ValidationError({field: _("Maximaal %(n)s tekens.") % {"n": limit}})
    return text


def _planned(conference, states=(ConferenceState.PLANNED,)):
    if conference.state not in states:
        raise ValidationError(_("Dit overleg is al begonnen, afgerond of geannuleerd; dit kan nu niet meer."))


def _normalise(text):
    return " ".join((text or "").split()).casefold()


def _check_meeting(case, *, starts_at, goal, location, online_url, duration_minutes):
    errors = {}
    if starts_at is None:
        errors["starts_at"] = _("Kies datum en tijd.")
    elif starts_at <= timezone.now():
        errors["starts_at"] = _("Kies een moment in de toekomst.")
    if not (goal or "").strip():
        errors["goal"] = _("Wat is het doel van dit overleg? Dat bepaalt welke onderdelen van de leidraad nodig zijn.")
    if not (location or "").strip() and not (online_url or "").strip():
        errors["location"] = _("Geef een plaats, een link voor online deelname, of allebei.")
    if duration_minutes is None or not 15 <= duration_minutes <= 480:
        errors["duration_minutes"] = _("Geef een duur van 15 tot en met 480 minuten.")
    place = _normalise(location)
    if place:
        # A confidential whereabouts never becomes a meeting place: it would go out in every calendar.
        from ineen.privacy.models import ConfidentialAddress

        hidden = ConfidentialAddress.objects.filter(person__household_id=case.household_id).values_list(
            "address", flat=True
        )
        if any(_normalise(a) and (_normalise(a) in place or place in _normalise(a)) for a in hidden):
            errors["location"] = _("Dit adres is een geheim adres van een gezinslid. Kies een andere plaats.")
    if errors:
        raise ValidationError(errors)


def _check_items(version, phase, chosen_items):
    """The chosen guide parts: top-level items of this version, of the phase or of Vooraf."""
    allowed = {item.pk: item for item in guide_queries.default_selection(version, phase)}
    chosen = list(chosen_items)
    if not chosen:
        raise ValidationError({"chosen_items": _("Kies minstens één onderdeel van de leidraad.")})
    if any(getattr(item, "pk", item) not in allowed for item in chosen):
        raise ValidationError({"chosen_items": _("Kies alleen onderdelen van de gekozen fase (en Vooraf).")})
    return [allowed[getattr(item, "pk", item)] for item in chosen]


def apart_pairs(household, kept=None) -> set[frozenset]:
    """Pairs of person pks who are never invited to the same part: stalking in the household's
    incidents (who used violence and who experienced it, in the same incident) and the chair's
    KeepApart pairs (intimate terror). Every incident counts, also those the chair may not read:
    the rule protects, and its message names the persons and the rule, never an incident.
    `kept`: the household's KeepApart rows when the caller has loaded them (saves a query)."""
    roles = (IncidentRole.USED_VIOLENCE, IncidentRole.EXPERIENCED)
    rows = IncidentInvolvement.objects.filter(incident__household=household, role__in=roles).values_list(
        "incident_id", "incident__violence_types", "person_id", "role"
    )
    per_incident: dict[int, dict[str, set[int]]] = {}
    for incident_id, types, person_id, role in rows:
        if ViolenceType.STALKING in (types or []):
            per_incident.setdefault(incident_id, {}).setdefault(role, set()).add(person_id)
    pairs = set()
    for by_role in per_incident.values():
        for a in by_role.get(IncidentRole.USED_VIOLENCE, ()):
            for b in by_role.get(IncidentRole.EXPERIENCED, ()):
                if a != b:
                    pairs.add(frozenset((a, b)))
    if kept is None:
        kept = KeepApart.objects.filter(household=household).only("person_a_id", "person_b_id")
    pairs |= {frozenset((k.person_a_id, k.person_b_id)) for k in kept}
    return pairs


def _check_apart(persons, pairs, field=None):
    """Raise APART_RULE when two of `persons` (who would share a part) form a pair."""
    persons = list(persons)
    for i, a in enumerate(persons):
        for b in persons[i + 1 :]:
            if frozenset((a.pk, b.pk)) in pairs:
                raise ValidationError(
                    {field: APART_RULE % {"a": a, "b": b}} if field else APART_RULE % {"a": a, "b": b}
                )


def _locked(conference, seen_version=None):
    locked = Conference.objects.select_for_update().get(pk=conference.pk)
    if seen_version is not None and str(seen_version) != str(locked.version):
        raise Conflict(STALE, current=locked)
    return locked


def _sequence_for_mail(conference) -> int:
    """Reserve the SEQUENCE for a mail about to go out (on commit) about `conference`'s calendar item:
    its current `ical_sequence`, but always higher than any SEQUENCE sent before for this UID (RFC 5546:
    a client ignores an update or cancellation that is not newer than what it has). So a cancellation
    for one withdrawn professional, and a new invitation after it, are newer than every earlier mail.
    Stores it as both `ical_sequence` and `ical_sequence_sent`; call inside the action's transaction."""
    row = Conference.objects.select_for_update().values("ical_sequence", "ical_sequence_sent").get(pk=conference.pk)
    sent = row["ical_sequence_sent"]
    sequence = row["ical_sequence"] if sent is None else max(row["ical_sequence"], sent + 1)
    Conference.objects.filter(pk=conference.pk).update(ical_sequence=sequence, ical_sequence_sent=sequence)
    conference.ical_sequence = conference.ical_sequence_sent = sequence
    return sequence


def _resend(conference, reason="update"):
    """After a change of time or place: the update to everyone who already has the calendar item."""
    user_ids = list(
        conference.invitations.filter(user__isnull=False, sent_at__isnull=False)
        .values_list("user_id", flat=True)
        .distinct()
    )
    if user_ids:
        sequence = _sequence_for_mail(conference)
        transaction.on_commit(
            lambda: notifications.invitations(conference.pk, user_ids, reason=reason, sequence=sequence)
        )


# --- reading -----------------------------------------------------------------------------------


@dataclass
class Table:
    part: ConferencePart
    invitations: list
    size: int

    @property
    def too_big(self):
        return self.size > TABLE_LIMIT


def tables(conference, invitations, parts) -> list[Table]:
    """People at the table per part: the invitees, their trusted persons and the chair (who sits at
    every part, invited or not). No queries: pass the loaded invitations and parts."""
    result = []
    for part in parts:
        here = [inv for inv in invitations if inv.part_id == part.pk]
        chair_invited = any(inv.user_id == conference.chair_id for inv in here)
        size = len(here) + sum(1 for inv in here if inv.trusted_person) + (0 if chair_invited else 1)
        result.append(Table(part=part, invitations=here, size=size))
    return result


def apart_conflicts(invitations, pairs) -> list[tuple]:
    """(part, person, person) for pairs that are both invited to one part, e.g. after a KeepApart was
    recorded for people already invited. No queries."""
    found = []
    by_part: dict[int, list] = {}
    for inv in invitations:
        if inv.person_id:
            by_part.setdefault(inv.part_id, []).append(inv)
    for invs in by_part.values():
        for i, a in enumerate(invs):
            for b in invs[i + 1 :]:
                if frozenset((a.person_id, b.person_id)) in pairs:
                    found.append((a.part, a.person, b.person))
    return found


# --- the meeting -------------------------------------------------------------------------------


@transaction.atomic
def schedule(
    *,
    case,
    actor,
    kind,
    phase,
    goal,
    starts_at,
    duration_minutes=90,
    location="",
    online_url="",
    chosen_items=None,
    split=False,
    not_invited=None,
) -> Conference:
    """Plan a conference for `case`, chaired by `by`, on the current guide version.

    `chosen_items`: the guide's top-level parts it covers (default: guide.queries.default_selection).
    `split`: a closed part (without clients) and an open part (with clients) instead of one whole part.
    `not_invited`: {person: weighty reason} for household members who are not invited; every other
    member is invited to the whole or open part ("always invited, unless"). An empty reason is refused,
    keyed `reason_<person public_id>`; two members who must be kept apart are refused together.
    Side effects: audit event. No e-mail: professionals are invited one by one (invite_user), and
    household members are informed by the case director.
    """
    actor = acting(actor)
    by = actor.user
    if case.state == CaseState.CLOSED:
        raise ValidationError(_("Voor een afgesloten casus wordt geen overleg gepland."))
    version = guide_queries.current_version()
    if version is None:
        raise ValidationError(_("Er is geen gespreksleidraad geladen; vraag de functioneel beheerder."))
    _check_meeting(
        case,
        starts_at=starts_at,
        goal=goal,
        location=location,
        online_url=online_url,
        duration_minutes=duration_minutes,
    )
    items = _check_items(version, phase, default_items(version, phase) if chosen_items is None else chosen_items)
    not_invited = dict(not_invited or {})
    members = list(policy.household_records(case, case.household.members.all()))
    errors = {
        f"reason_{p.public_id}": _("Niet uitnodigen kan alleen met een zwaarwegende reden. Schrijf die op.")
        for p, reason in not_invited.items()
        if not (reason or "").strip()
    }
    if errors:
        raise ValidationError(errors)
    invited = [p for p in members if p not in not_invited]
    _check_apart(invited, apart_pairs(case.household))
    conference = Conference.objects.create(
        case=case,
        kind=kind,
        phase=phase,
        goal=goal.strip(),
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location.strip(),
        online_url=online_url.strip(),
        guide_version=version,
        chair=by,
    )
    conference.chosen_items.set(items)
    if split:
        ConferencePart.objects.create(conference=conference, kind=PartKind.CLOSED, order=1)
        client_part = ConferencePart.objects.create(conference=conference, kind=PartKind.OPEN, order=2)
    else:
        client_part = ConferencePart.objects.create(conference=conference, kind=PartKind.WHOLE, order=1)
    Invitation.objects.bulk_create(
        [Invitation(conference=conference, part=client_part, person=p, reason=CLIENT_REASON) for p in invited]
    )
    ClientNotInvited.objects.bulk_create(
        [
            ClientNotInvited(conference=conference, person=p, reason=r.strip(), recorded_by=by)
            for p, r in not_invited.items()
        ]
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        persons=members,
        detail=f"scheduled {kind}/{phase}, {'split' if split else 'whole'}, "
        f"{len(invited)} clients invited, {len(not_invited)} not invited",
    )
    return conference


def default_items(version, phase):
    return list(guide_queries.default_selection(version, phase))


@transaction.atomic
def reschedule(
    *,
    conference,
    actor,
    seen_version,
    kind,
    goal,
    starts_at,
    duration_minutes,
    location="",
    online_url="",
    chosen_items=(),
    split=None,
) -> Conference:
    """Change a planned conference. A change of time or place raises Conference.ical_sequence and
    sends the calendar update (same UID) to every professional who has the item. `split` turns one
    whole part into a closed + open part (the invitations stay in the open part) or back (only while
    nobody is invited to the closed part). Conflict when the conference changed since `seen_version`.
    Side effects: audit event; e-mail on commit."""
    actor = acting(actor)
    current = _locked(conference, seen_version)
    _planned(current)
    _check_meeting(
        current.case,
        starts_at=starts_at,
        goal=goal,
        location=location,
        online_url=online_url,
        duration_minutes=duration_minutes,
    )
    items = _check_items(current.guide_version, current.phase, chosen_items)
    values = {
        "kind": kind,
        "goal": goal.strip(),
        "starts_at": starts_at,
        "duration_minutes": duration_minutes,
        "location": location.strip(),
        "online_url": online_url.strip(),
    }
    moved = any(getattr(current, f) != values[f] for f in TIME_AND_PLACE)
    if split is not None:
        _set_split(current, split)
    Conference.objects.filter(pk=current.pk).update(
        **values, version=F("version") + 1, ical_sequence=F("ical_sequence") + (1 if moved else 0)
    )
    current.chosen_items.set(items)
    current.refresh_from_db()
    if moved:
        _resend(current)
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=current,
        detail="rescheduled" + (f", new time/place, sequence {current.ical_sequence}" if moved else ""),
    )
    return current


def _set_split(conference, split):
    parts = {p.kind: p for p in conference.parts.all()}
    if split and PartKind.WHOLE in parts:
        whole = parts[PartKind.WHOLE]
        ConferencePart.objects.filter(pk=whole.pk).update(kind=PartKind.OPEN, order=2)
        ConferencePart.objects.create(conference=conference, kind=PartKind.CLOSED, order=1)
    elif not split and PartKind.CLOSED in parts:
        closed = parts[PartKind.CLOSED]
        if closed.invitations.exists():
            raise ValidationError(
                {"split": _("Er zijn nog mensen uitgenodigd voor het besloten deel. Trek die uitnodigingen eerst in.")}
            )
        closed.delete()
        if PartKind.OPEN in parts:
            ConferencePart.objects.filter(pk=parts[PartKind.OPEN].pk).update(kind=PartKind.WHOLE, order=1)
        else:
            ConferencePart.objects.create(conference=conference, kind=PartKind.WHOLE, order=1)


@transaction.atomic
def cancel(*, conference, actor, reason, seen_version=None) -> Conference:
    """Cancel a planned conference with its reason. SEQUENCE goes up and every professional who had
    the calendar item gets METHOD:CANCEL with the same UID. Side effects: audit event; e-mail on commit."""
    actor = acting(actor)
    current = _locked(conference, seen_version)
    _planned(current)
    reason = _text(reason, "reason", _("Schrijf op waarom het overleg niet doorgaat."))
    Conference.objects.filter(pk=current.pk).update(
        state=ConferenceState.CANCELLED,
        cancel_reason=reason,
        version=F("version") + 1,
        ical_sequence=F("ical_sequence") + 1,
    )
    current.refresh_from_db()
    users = list(
        {
            inv.user
            for inv in current.invitations.filter(user__isnull=False, sent_at__isnull=False).select_related("user")
        }
    )
    _audit(actor=actor, action=Action.UPDATE, conference=current, detail="cancelled")
    if users:
        sequence = _sequence_for_mail(current)
        transaction.on_commit(lambda: notifications.cancellation(current.pk, users, sequence=sequence))
    return current


# --- who is at the table -------------------------------------------------------------------------


def _part(conference, part):
    if part is None or part.conference_id != conference.pk:
        raise ValidationError({"part": _("Kies een deel van dit overleg.")})
    return part


def active_team(case):
    """The case's team members whose membership runs today: who may be invited."""
    today = timezone.localdate()
    memberships = TeamMembership.objects.filter(case=case, active_from__lte=today).exclude(active_until__lt=today)
    return memberships


@transaction.atomic
def invite_user(*, conference, actor, part, user, reason) -> Invitation:
    """Invite a professional of the case team to one part, with the reason they are needed. The first
    invitation of a person to this conference sends the calendar item (METHOD:REQUEST) on commit; an
    invitation to a second part is the same meeting and sends nothing. Every mail carries a SEQUENCE higher
    than any sent before (_sequence_for_mail). Side effects: audit event."""
    actor = acting(actor)
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    part = _part(conference, part)
    reason = _text(reason, "reason", _("Waarom is deze persoon nodig aan tafel? Schrijf het op."), limit=300)
    if user is None or not active_team(conference.case).filter(user=user).exists():
        raise ValidationError(
            {
                "user": _(
                    "Alleen leden van het casusteam kunnen worden uitgenodigd. Voeg deze "
                    "persoon eerst toe aan het casusteam."
                )
            }
        )
    if Invitation.objects.filter(part=part, user=user).exists():
        raise ValidationError({"user": _("%(name)s is al uitgenodigd voor dit deel.") % {"name": user}})
    already_sent = Invitation.objects.filter(conference=conference, user=user, sent_at__isnull=False).exists()
    invitation = Invitation.objects.create(
        conference=conference,
        part=part,
        user=user,
        reason=reason,
        sent_at=timezone.now() if conference.state == ConferenceState.PLANNED else None,
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="invitation",
        object_id=invitation.public_id,
        detail=f"{user.email} -> {part.kind}",
    )
    if invitation.sent_at and not already_sent:
        sequence = _sequence_for_mail(conference)
        transaction.on_commit(lambda: notifications.invitations(conference.pk, [user.pk], sequence=sequence))
    return invitation


@transaction.atomic
def invite_person(*, conference, actor, part, person, reason="", trusted_person="") -> Invitation:
    """Invite a household member to the whole or open part (never a closed one), optionally with a
    trusted person. Refused when someone they must be kept apart from is already in that part. A
    recorded reason for not inviting them is removed. No e-mail (see notifications.py).
    Side effects: audit event."""
    actor = acting(actor)
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    part = _part(conference, part)
    if person is None or person.household_id != conference.case.household_id:
        raise ValidationError({"person": _("Kies een gezinslid van dit huishouden.")})
    if part.kind == PartKind.CLOSED:
        raise ValidationError(
            {"part": _("Cliënten worden nooit uitgenodigd voor het besloten deel. Kies het open deel.")}
        )
    if Invitation.objects.filter(part=part, person=person).exists():
        raise ValidationError({"person": _("%(name)s is al uitgenodigd voor dit deel.") % {"name": person}})
    others = [inv.person for inv in Invitation.objects.filter(part=part, person__isnull=False).select_related("person")]
    _check_apart(
        [person, *others],
        {pair for pair in apart_pairs(conference.case.household) if person.pk in pair},
        field="person",
    )
    invitation = Invitation.objects.create(
        conference=conference,
        part=part,
        person=person,
        reason=(reason or "").strip()[:300] or CLIENT_REASON,
        trusted_person=(trusted_person or "").strip()[:200],
    )
    ClientNotInvited.objects.filter(conference=conference, person=person).delete()
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="invitation",
        object_id=invitation.public_id,
        persons=[person],
        detail=f"client -> {part.kind}",
    )
    return invitation


@transaction.atomic
def uninvite(*, invitation, actor, reason=""):
    """Withdraw an invitation. For a household member this needs the weighty reason for not inviting
    them ("always invited, unless"), recorded as ClientNotInvited unless they stay invited to another
    part. A professional who is no longer invited to any part gets METHOD:CANCEL on commit, with a
    SEQUENCE higher than any sent before (RFC 5546; _sequence_for_mail).
    Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    conference = invitation.conference
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    person, user = invitation.person, invitation.user
    if person is not None:
        elsewhere = Invitation.objects.filter(conference=conference, person=person).exclude(pk=invitation.pk)
        if not elsewhere.exists():
            reason = _text(
                reason,
                "reason",
                _("Een gezinslid niet uitnodigen kan alleen met een zwaarwegende reden. Schrijf die op."),
            )
            ClientNotInvited.objects.update_or_create(
                conference=conference, person=person, defaults={"reason": reason, "recorded_by": by}
            )
    was_sent = invitation.sent_at is not None
    invitation.delete()
    _audit(
        actor=actor,
        action=Action.DELETE,
        conference=conference,
        object_type="invitation",
        object_id=invitation.public_id,
        persons=[person] if person else [],
        detail=f"withdrawn {'client' if person else user.email}",
    )
    if user is not None and was_sent and not Invitation.objects.filter(conference=conference, user=user).exists():
        sequence = _sequence_for_mail(conference)
        transaction.on_commit(lambda: notifications.removed(conference.pk, user, sequence=sequence))


@transaction.atomic
def record_non_invitation(*, conference, actor, person, reason) -> ClientNotInvited:
    """Record the weighty reason why a household member is not invited (e.g. a member added to the
    household after the conference was planned). Refused while they are invited: withdraw the
    invitation instead (uninvite asks the same reason). Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    _planned(conference, (ConferenceState.PLANNED, ConferenceState.LIVE))
    if person is None or person.household_id != conference.case.household_id:
        raise ValidationError({"person": _("Kies een gezinslid van dit huishouden.")})
    reason = _text(reason, "reason", _("Niet uitnodigen kan alleen met een zwaarwegende reden. Schrijf die op."))
    if Invitation.objects.filter(conference=conference, person=person).exists():
        raise ValidationError(
            {
                "person": _("%(name)s is uitgenodigd. Trek de uitnodiging in; daarbij legt u de reden vast.")
                % {"name": person}
            }
        )
    record, _created = ClientNotInvited.objects.update_or_create(
        conference=conference, person=person, defaults={"reason": reason, "recorded_by": by}
    )
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="client_not_invited",
        object_id=record.pk,
        persons=[person],
        detail="not invited, reason recorded",
    )
    return record


@transaction.atomic
def record_attendance(*, conference, actor, attendance: dict):
    """Record, during or after the meeting, who was there: {invitation: Attendance value}. Absentees'
    written input stays with their preparation input. Side effects: one audit event."""
    actor = acting(actor)
    if conference.state == ConferenceState.CANCELLED:
        raise ValidationError(_("Dit overleg is geannuleerd."))
    changed = 0
    for invitation, value in attendance.items():
        if invitation.conference_id != conference.pk:
            raise ValidationError(_("Deze uitnodiging hoort niet bij dit overleg."))
        if value not in Attendance.values:
            raise ValidationError(_("Kies een geldige aanwezigheid."))
        if invitation.attendance != value:
            Invitation.objects.filter(pk=invitation.pk).update(attendance=value)
            changed += 1
    _audit(
        actor=actor,
        action=Action.UPDATE,
        conference=conference,
        object_type="attendance",
        persons=[inv.person for inv in attendance if inv.person_id],
        detail=f"attendance, {changed} changed",
    )
    return changed


@transaction.atomic
def keep_apart(*, conference, actor, person_a, person_b, reason) -> KeepApart:
    """Record that two household members are never invited to the same part (intimate terror, or any
    other weighty reason the chair names). Recorded for the household, so it holds for every later
    conference too. Pairs already in one part show up as a warning (apart_conflicts).
    Side effects: audit event."""
    actor = acting(actor)
    by = actor.user
    household = conference.case.household
    if person_a is None or person_b is None or {person_a.household_id, person_b.household_id} != {household.pk}:
        raise ValidationError({"person_a": _("Kies twee gezinsleden van dit huishouden.")})
    if person_a.pk == person_b.pk:
        raise ValidationError({"person_b": _("Kies twee verschillende gezinsleden.")})
    reason = _text(reason, "reason", _("Schrijf de reden op, bijvoorbeeld: intieme terreur."))
    low, high = sorted((person_a, person_b), key=lambda p: p.pk)
    if KeepApart.objects.filter(household=household, person_a=low, person_b=high).exists():
        raise ValidationError({"person_b": _("Voor deze twee is dit al vastgelegd.")})
    record = KeepApart.objects.create(household=household, person_a=low, person_b=high, reason=reason, recorded_by=by)
    _audit(
        actor=actor,
        action=Action.CREATE,
        conference=conference,
        object_type="keep_apart",
        object_id=record.public_id,
        persons=[low, high],
        detail="kept apart",
    )
    return record


def household_member(case, public_id):
    return policy.household_records(case, Person.objects.filter(public_id=public_id)).first()
