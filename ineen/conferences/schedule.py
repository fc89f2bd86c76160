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
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit.models import Action
from ineen.cases.enums import CaseState
from ineen.guide import queries as guide_queries

from . import clients, notifications
from .enums import ConferenceState, PartKind
from .models import Conference, ConferencePart
from .schedule_rules import (  # noqa: F401 (re-exported)
    APART_RULE,
    CLIENT_REASON,
    PURPOSE,
    STALE,
    TABLE_LIMIT,
    TIME_AND_PLACE,
    Conflict,
    _audit,
    _check_apart,
    _check_items,
    _check_meeting,
    _locked,
    _normalise,
    _planned,
    _resend,
    _sequence_for_mail,
    _text,
    apart_pairs,
    subject,
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
    # The rule itself lives in one place, for every way of planning (clients.invite_household).
    members, invited, not_invited = clients.invite_household(
        conference=conference, client_part=client_part, actor=actor, not_invited=not_invited
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


# Who sits at the table lives in schedule_table.py; callers keep using `schedule.<action>`.
from .schedule_table import (  # noqa: E402, F401
    active_team,
    household_member,
    invite_person,
    invite_user,
    keep_apart,
    record_attendance,
    record_non_invitation,
    uninvite,
)
