"""THE access policy. Every question "may this user see or do this?" is answered here.

Views, search, counts and exports all use these predicates and queryset functions; nothing else
decides access. Rules:
- Case data is visible to the chair (procesregisseur) of the case's safety house, and to users with an
  active team membership of that case (from <= today <= until). Nobody else: not managers, not
  functional admins, not researchers, not members whose membership has ended.
- Outsiders get 404 (NotVisible), never 403, so the existence of a case does not leak. Every denial
  is logged by the audit middleware.
- Deny by default: any unknown relation means no access.
- A closed case is read-only for everyone (the chair reopens it first); its former team reads it for
  INEEN_CLOSED_CASE_READ_DAYS after closure, then gets a 404. The chair keeps reading.
- A household can have several cases: its records are shown through case C only when recorded in C or
  in a case of the household opened before C (household_scope_q). docs/privacy.md, "Households with
  several cases".
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ineen.accounts.enums import CASEWORK_ROLES, Role
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import Case, Referral, TeamMembership

from .actor import Actor
from .arrangements import catalogue_houses, may_set_profile
from .client_documents import may_print_client_documents, may_write_client_wording
from .clients import may_manage_client_access
from .disputes import (
    DISPUTABLE,
    attach_disputes,
    dispute_kind_of,
    get_disputable_item,
    get_dispute,
    may_answer_dispute,
    may_raise_dispute,
)
from .households import (
    earlier_case_labels,
    household_record_shown,
    household_records,
    household_scope_any_q,
    household_scope_outer_q,
    household_scope_q,
    later_case_opened_at,
)
from .insights import dossier_analysis_houses, may_read_dossier_analysis
from .items import (
    Split,
    client_items_q,
    item_visibility_q,
    may_see_item,
    protected_q,
    readable_expression,
    split,
    visible_items,
)
from .live import may_poll, poll_facts, poll_user
from .refusal import NotVisible
from .scope import WorkScope
from .sql import InSubquery
from .voice import may_record_self_rating, self_rating_channels_seen

if TYPE_CHECKING:
    from .objects import CaseAccess, ConferenceAccess

CHAIR = "chair"
BREAK_GLASS = "break_glass"

# Re-exported: callers ask the one policy module (policy.split, policy.household_records, policy.NotVisible…);
# the household and item rules live in their own modules of this package only to keep files readable.
__all__ = [
    "DISPUTABLE",
    "catalogue_houses",
    "may_set_profile",
    "Actor",
    "attach_disputes",
    "may_print_client_documents",
    "may_write_client_wording",
    "dispute_kind_of",
    "dossier_analysis_houses",
    "may_read_dossier_analysis",
    "get_dispute",
    "get_disputable_item",
    "may_answer_dispute",
    "may_manage_client_access",
    "may_raise_dispute",
    "may_record_self_rating",
    "self_rating_channels_seen",
    "may_poll",
    "poll_facts",
    "poll_user",
    "NotVisible",
    "Split",
    "client_items_q",
    "earlier_case_labels",
    "household_record_shown",
    "household_records",
    "household_scope_any_q",
    "household_scope_outer_q",
    "household_scope_q",
    "item_visibility_q",
    "later_case_opened_at",
    "may_see_item",
    "protected_q",
    "readable_expression",
    "split",
    "visible_items",
    "WorkScope",
]


def actor_of(who: Any, *, role: str = "") -> Actor:
    """The actor behind a loader call: an HTTP request (views, API) or an Actor (commands, jobs)."""
    if isinstance(who, Actor):
        return who.acting_as(role) if role else who
    return Actor.from_request(who, role=role)


def refusal(
    object_type: str, *, purpose: str, reason: str, action: Action = Action.VIEW, object_id: Any = ""
) -> NotVisible:
    """An audited refusal outside any case (a page only some roles reach); `raise policy.refusal(...)`."""
    return NotVisible(action=action, subject=Subject(object_type, str(object_id)), purpose=purpose, reason=reason)


def access_rule(rule: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare which policy rule guards a view. A meta-test fails for any route without one."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        view.access_rule = rule  # type: ignore[attr-defined]  # read by the route meta-test
        return view

    return decorate


# --- roles per safety house -------------------------------------------------------------------


def _roles(user: Any) -> dict[int, set[str]]:
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_ineen_roles", None)
    if cached is None:
        cached = {}
        for house_id, role in user.role_assignments.values_list("safety_house_id", "role"):
            cached.setdefault(house_id, set()).add(role)
        user._ineen_roles = cached
    return cached


def has_role(user: Any, house: Any, role: str) -> bool:
    return role in _roles(user).get(house.pk if hasattr(house, "pk") else house, set())


def houses_with_role(user: Any, roles: Iterable[str]) -> list[int]:
    return [house_id for house_id, held in _roles(user).items() if held & set(roles)]


def sees_few_cases(user: Any) -> bool:
    """No chair role anywhere: the user sees only the cases of their teams and emergency access (tens, not a
    whole house). The case search then looks for candidates among those cases only (cases/search.py)."""
    return not houses_with_role(user, [Role.CHAIR])


def is_chair(user: Any, house: Any) -> bool:
    return has_role(user, house, Role.CHAIR)


def referral_houses(user: Any) -> QuerySet[Any]:
    """Safety houses this user may refer to: a casework role there, and the user's organisation
    is a partner of that house."""
    from ineen.accounts.models import SafetyHouse

    if not user.is_authenticated or user.organisation_id is None:
        return SafetyHouse.objects.none()
    return SafetyHouse.objects.filter(
        pk__in=houses_with_role(user, CASEWORK_ROLES), partners=user.organisation_id
    ).distinct()


def can_refer(user: Any, house: Any) -> bool:
    return bool(referral_houses(user).filter(pk=house.pk).exists())


# --- functional administration (/beheer/) ------------------------------------------------------


def _safety_houses() -> QuerySet[Any]:
    from ineen.accounts.models import SafetyHouse

    return SafetyHouse.objects.all()


def is_functional_admin(user: Any) -> bool:
    """May use /beheer/: an active superuser, or an active holder of the functional-admin role in some house.
    The role (granted with four eyes) decides, not is_staff: see docs/architecture.md."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_superuser or user.role_assignments.filter(role=Role.FUNCTIONAL_ADMIN).exists())


def administered_houses(user: Any) -> QuerySet[Any]:
    """The safety houses in which `user` may change roles: all for a superuser, else where it is functional admin."""
    if not is_functional_admin(user):
        return _safety_houses().none()
    if user.is_superuser:
        return _safety_houses().all()
    return _safety_houses().filter(role_assignments__user=user, role_assignments__role=Role.FUNCTIONAL_ADMIN)


def may_administer(user: Any, safety_house: Any) -> bool:
    return bool(administered_houses(user).filter(pk=safety_house.pk).exists())


def may_import_case_files(user: Any, safety_house: Any) -> bool:
    """Load old case files into a house (ineen/imports): its chair, who alone sees the cases that become
    of them (no team), or its functional admin (may_administer: also an active superuser). Nobody else;
    the API answers them 404 as for an unknown house."""
    if not (user.is_authenticated and user.is_active):
        return False
    return is_chair(user, safety_house) or may_administer(user, safety_house)


# --- cases ----------------------------------------------------------------------------------


def _active_membership_q(user: Any, prefix: str = "team__", today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(**{f"{prefix}user": user, f"{prefix}active_from__lte": today}) & (
        Q(**{f"{prefix}active_until__isnull": True}) | Q(**{f"{prefix}active_until__gte": today})
    )


def _through_team_q(user: Any) -> Q:
    """Cases seen through a running team membership or emergency access, within the read window."""
    from ineen.privacy.models import BreakGlassAccess

    member_case_ids = TeamMembership.objects.filter(_active_membership_q(user, prefix="")).values("case_id")
    now = timezone.now()
    emergency_ids = BreakGlassAccess.objects.filter(user=user, started_at__lte=now, expires_at__gt=now).values(
        "case_id"
    )
    # Shaped for the planner (issue 12; docs/architecture.md, "Search and lists"): the team's and emergency
    # cases are one id set (a UNION, run once) that the primary key's index looks up, and the chair's
    # houses are an index condition of their own; `IN (subquery) OR IN (subquery)` made every list scan
    # every case in the country. The read window only narrows the team's part, as before.
    return Q(InSubquery("pk", member_case_ids.order_by().union(emergency_ids.order_by()))) & _read_window_q()


def cases_for_user(user: Any) -> QuerySet[Case]:
    """All cases this user may see. The only way to list, search or count cases."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    chaired = houses_with_role(user, [Role.CHAIR])
    if not chaired:
        return Case.objects.filter(_through_team_q(user))
    return Case.objects.filter(Q(safety_house_id__in=chaired) | _through_team_q(user))


def work_scope(user: Any) -> WorkScope:
    """The cases of cases_for_user(user), read once as literal ids (ineen/access/scope.py): for a page that
    filters many lists by them in one request (Mijn werk). One query; never kept beyond the request."""
    if not user.is_authenticated or not user.is_active:
        return WorkScope()
    ids = Case.objects.filter(_through_team_q(user)).order_by("pk").values_list("pk", flat=True)
    return WorkScope(chaired=tuple(sorted(houses_with_role(user, [Role.CHAIR]))), case_ids=tuple(ids))


def case_relation(user: Any, case: Any) -> str | None:
    """The relation through which the user may see this case, or None. Chair wins over team roles."""
    if not user.is_authenticated or not user.is_active:
        return None
    if is_chair(user, case.safety_house_id):
        return CHAIR
    if not _in_read_window(case):
        return None  # closed longer ago than INEEN_CLOSED_CASE_READ_DAYS: only the chair reads on
    today = timezone.localdate()
    # A professional who becomes case director keeps their earlier membership; the director role wins.
    running = [m.role for m in TeamMembership.objects.filter(case=case, user=user) if m.is_active_on(today)]
    if running:
        return TeamRole.CASE_DIRECTOR if TeamRole.CASE_DIRECTOR in running else running[0]
    from ineen.privacy.models import BreakGlassAccess

    now = timezone.now()
    if BreakGlassAccess.objects.filter(user=user, case=case, started_at__lte=now, expires_at__gt=now).exists():
        return BREAK_GLASS
    return None


def case_subject(case: Any) -> Subject:
    return Subject(
        object_type="case",
        object_id=str(case.public_id),
        household_id=str(case.household.public_id),
        safety_house_code=case.safety_house.code,
    )


def get_case(
    request: Any,
    public_id: Any,
    *,
    purpose: str,
    action: Action = Action.VIEW,
    allow: Callable[..., bool] | None = None,
) -> "CaseAccess":
    """Load a case the user may see (and, with `allow`, may act on), audit the access, and return the
    access object (case, relation, actor).

    `request`: the HTTP request (views, API) or an `Actor` (commands, jobs). `allow` is an optional
    predicate (user, case, relation) -> bool for actions narrower than reading. Raises NotVisible (404)
    otherwise; the refusal is audited (middleware, API error handler)."""
    from .objects import CaseAccess

    actor = actor_of(request)
    case = Case.objects.select_related("household", "safety_house").filter(public_id=public_id).first()
    if case is None:
        raise NotVisible(action=action, subject=Subject("case", str(public_id)), purpose=purpose, reason="unknown")
    user = actor.user
    relation = case_relation(user, case) if user is not None else None
    if relation is None or (allow is not None and not allow(user, case, relation)):
        raise NotVisible(
            action=action,
            subject=case_subject(case),
            purpose=purpose,
            role=relation or "",
            reason="no relation" if relation is None else "relation not allowed",
        )
    actor = actor.acting_as(relation)
    events.record(actor=actor, action=action, subject=case_subject(case), purpose=purpose)
    return CaseAccess(case=case, relation=relation, actor=actor)


# --- closed cases -------------------------------------------------------------------------------


def _read_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.INEEN_CLOSED_CASE_READ_DAYS)


def _read_window_q(prefix: str = "", now: datetime | None = None) -> Q:
    """Cases a team member (or emergency access) may still read: not closed, or closed less than
    INEEN_CLOSED_CASE_READ_DAYS ago. A closed case without a closing time is never in the window."""
    return ~Q(**{f"{prefix}state": CaseState.CLOSED}) | Q(**{f"{prefix}closed_at__gte": _read_cutoff(now)})


def _in_read_window(case: Any) -> bool:
    """The same rule as _read_window_q, for one loaded case (case_relation and cases_for_user agree)."""
    if case.state != CaseState.CLOSED:
        return True
    return case.closed_at is not None and case.closed_at >= _read_cutoff()


def _writable(case: Any) -> bool:
    """Nobody writes through a closed case: not the team, not the case director, not the chair, not
    emergency access. The chair reopens it first (may_change_state). Every write predicate below
    starts with this check."""
    return bool(case.state != CaseState.CLOSED)


# Predicates for actions narrower than reading; used as `allow=` and in templates.


def may_change_state(user: Any, case: Any, relation: str | None = None) -> bool:
    """Close and reopen a case: the chair, in any state (reopening is how a closed case becomes
    writable again)."""
    return (relation or case_relation(user, case)) == CHAIR


def may_triage(user: Any, case: Any, relation: str | None = None) -> bool:
    """Triage and the case director: the chair, while the case is not closed."""
    return _writable(case) and (relation or case_relation(user, case)) == CHAIR


def may_manage_team(user: Any, case: Any, relation: str | None = None) -> bool:
    """The chair and the current case director put the team together (not in a closed case)."""
    if not _writable(case):
        return False
    relation = relation or case_relation(user, case)
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR)


def may_edit_household(user: Any, case: Any, relation: str | None = None) -> bool:
    """Everyone at the table may add what they know; the source organisation is recorded.
    Emergency (break-the-glass) access is read-only; so is a closed case, for everyone.
    (Also guards notes and attachments of the case.)"""
    if not _writable(case):
        return False
    relation = relation or case_relation(user, case)
    return relation is not None and relation != BREAK_GLASS


def may_break_glass(user: Any, case: Any) -> bool:
    """Emergency access: a casework role in the case's safety house, from a partner organisation,
    and no normal relation to the case. Not to a case closed longer ago than the read period: that is
    no emergency, and the access would show nothing (case_relation)."""
    return (
        _in_read_window(case)
        and user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and bool(_roles(user).get(case.safety_house_id, set()) & CASEWORK_ROLES)
        and case.safety_house.partners.filter(pk=user.organisation_id).exists()
    )


def may_manage_privacy(user: Any, case: Any, relation: str | None = None) -> bool:
    """Consent registry, guardians of confidential addresses, transparency reports, subject-access
    exports: the chair and the case director. Reading only; changes need may_change_privacy."""
    return (relation or case_relation(user, case)) in (CHAIR, TeamRole.CASE_DIRECTOR)


def may_change_privacy(user: Any, case: Any, relation: str | None = None) -> bool:
    """Recording or withdrawing consent, setting a confidential address: as may_manage_privacy, but
    not through a closed case (consent is per person, so it can be recorded through the household's
    later case, or the chair reopens this one)."""
    return _writable(case) and may_manage_privacy(user, case, relation)


def may_read_audit(user: Any, house: Any = None) -> bool:
    """The audit log (who read or changed what): log managers (logbeheerder) only, each for their own
    safety house. No other role, not even the chair or a functional admin."""
    if house is None:
        return bool(houses_with_role(user, [Role.LOG_MANAGER]))
    return has_role(user, house, Role.LOG_MANAGER)


def is_guardian(user: Any, person: Any) -> bool:
    """Only named guardians see a confidential address. No role makes anyone a guardian, not even the chair."""
    address = _address_record(person)
    return address is not None and address.guardians.filter(pk=user.pk).exists()


def _address_record(person: Any) -> Any:
    from ineen.privacy.models import ConfidentialAddress

    # A fresh query, not the cached reverse relation: the question is what exists now.
    return ConfidentialAddress.objects.filter(person_id=person.pk).first()


def may_change_address(user: Any, case: Any, person: Any, relation: str | None = None) -> bool:
    """Who may record or change a confidential address and its guardians, or lift the protection.

    - Once an address record exists (whatever the person's flag says): only its guardians who are still
      at the table (team member or chair; never emergency access). No role overrides this.
    - No record yet: the chair and the case director may *start* protection (record the first address and
      name guardians, themselves included). Switching protection on is always safe; a referral's "needs a
      confidential address" leaves the flag on without a record, so this is how its guardians are named.
    """
    if not _writable(case):  # a closed case is read-only, for guardians too (the chair reopens it first)
        return False
    relation = relation or case_relation(user, case)
    if relation in (None, BREAK_GLASS):
        return False
    if _address_record(person) is not None:
        return is_guardian(user, person)
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR)


def with_guardianship(user: Any, members: QuerySet[Any], relation: str | None = None) -> QuerySet[Any]:
    """Household members annotated with `guarded`: this user guards their confidential address (for links on
    pages; in the same query). Never under emergency access."""
    from django.db.models import BooleanField, Value

    from ineen.privacy.models import ConfidentialAddress

    guarded: Any = Value(False, output_field=BooleanField())
    if relation != BREAK_GLASS and user.is_authenticated:
        guarded = Exists(ConfidentialAddress.objects.filter(person=OuterRef("pk"), guardians=user))
    annotated: QuerySet[Any] = members.annotate(guarded=guarded)
    return annotated


# --- referrals ------------------------------------------------------------------------------


def referrals_for_user(user: Any) -> QuerySet[Referral]:
    """A referrer sees the status of their own referrals (not the case, unless they are in its team)."""
    if not user.is_authenticated or not user.is_active:
        return Referral.objects.none()
    return Referral.objects.filter(referrer=user)


def get_own_referral(request: Any, public_id: Any, *, purpose: str) -> Referral:
    actor = actor_of(request, role="referrer")
    referral = (
        referrals_for_user(actor.user)
        .select_related("case__household", "case__safety_house")
        .filter(public_id=public_id)
        .first()
    )
    if referral is None:
        raise NotVisible(
            action=Action.VIEW, subject=Subject("referral", str(public_id)), purpose=purpose, reason="not the referrer"
        )
    case = referral.case
    events.record(
        actor=actor,
        action=Action.VIEW,
        purpose=purpose,
        subject=Subject(
            "referral", str(referral.public_id), str(case.household.public_id), safety_house_code=case.safety_house.code
        ),
    )
    return referral


# --- duplicate matching --------------------------------------------------------------------


@dataclass
class Match:
    case: Case
    matched_people: list[str]


def _same_person_q(first: str, last: str, year: int | None, born: Any, fuzzy: bool) -> Q:
    """The member being referred may be this one: same names, or on PostgreSQL names with a typo or another
    spelling (pg_trgm similarity on UPPER(name), served by the trigram indexes; ineen/trigram.py), and a
    birth year within one year and the same birth date when both are known."""
    from django.contrib.postgres.lookups import TrigramSimilar
    from django.db.models.functions import Upper

    q = Q()
    for field, value in (("first_name", first), ("last_name", last)):
        if value:
            same = Q(**{f"{field}__iexact": value})
            q &= (same | Q(TrigramSimilar(Upper(field), value))) if fuzzy else same
    if year:
        q &= Q(birth_year__in=[year - 1, year, year + 1]) | Q(birth_year__isnull=True)
    if born:
        q &= Q(birth_date=born) | Q(birth_date__isnull=True)
    return q


def possible_matches(user: Any, house: Any, people: Iterable[tuple[Any, ...]]) -> list[Match]:
    """Households in `house` that may be the same as the one being referred, limited to the cases
    this user may see (nothing about another household leaks: decision 9 in docs/architecture.md).
    people: (first_name, last_name, birth_year[, birth_date]) tuples. On PostgreSQL names match with
    typos and spelling variants (Jansen/Janssen, Mohamed/Mohammed); elsewhere case-insensitively exact."""
    from django.db import connection

    from ineen.households.models import Person

    fuzzy = connection.vendor == "postgresql"
    query = Q()
    for first, last, year, *rest in people:
        first, last = (first or "").strip(), (last or "").strip()
        if not first and not last:
            continue
        query |= _same_person_q(first, last, year, rest[0] if rest else None, fuzzy)
    if not query:
        return []
    visible = cases_for_user(user).filter(safety_house=house)
    # Only members shown through a case the user may see: a member added through a later case of the
    # household is not named to the earlier team (household_scope_q, from the member's side).
    seen = visible.filter(household_id=OuterRef("household_id")).filter(
        Q(pk=OuterRef("recorded_in_id")) | Q(opened_at__gt=OuterRef("recorded_in__opened_at"))
    )
    persons = Person.objects.filter(query, Exists(seen)).select_related("household")
    by_household: dict[int, list[str]] = {}
    for person in persons:
        by_household.setdefault(person.household_id, []).append(str(person))
    cases = (
        visible.filter(household_id__in=by_household)
        .select_related("household", "safety_house")
        .order_by("household_id", "-opened_at")
    )
    matches: list[Match] = []
    households: set[int] = set()
    for case in cases:
        if case.household_id in households:
            continue
        households.add(case.household_id)
        matches.append(Match(case=case, matched_people=by_household[case.household_id]))
    return matches


# --- conferences -------------------------------------------------------------------------------


def get_conference(
    request: Any,
    public_id: Any,
    *,
    purpose: str,
    action: Action = Action.VIEW,
    allow: Callable[..., bool] | None = None,
    record: bool = True,
    related: Iterable[str] = (),
) -> "ConferenceAccess":
    """Load a conference of a case the user may see (and, with `allow(user, conference, relation)`,
    may act on); audits like get_case. Returns the access object (conference, case, relation, actor).

    `record=False` checks access without writing the read event: the live workspace's poll records
    one only when it shows something new (docs/architecture.md, "Live workspace"); refusals are always
    recorded. `related`: extra select_related paths, so a page needs no second query for them."""
    from ineen.conferences.models import Conference

    from .objects import ConferenceAccess

    actor = actor_of(request)
    conference = (
        Conference.objects.select_related("case__household", "case__safety_house", "guide_version", *related)
        .filter(public_id=public_id)
        .first()
    )
    if conference is None:
        raise NotVisible(
            action=action, subject=Subject("conference", str(public_id)), purpose=purpose, reason="unknown"
        )
    case = conference.case
    user = actor.user
    relation = case_relation(user, case) if user is not None else None
    subject = conference_subject(conference)
    if relation is None or (allow is not None and not allow(user, conference, relation)):
        raise NotVisible(
            action=action,
            subject=subject,
            purpose=purpose,
            role=relation or "",
            reason="no relation" if relation is None else "relation not allowed",
        )
    actor = actor.acting_as(relation)
    if record:
        events.record(actor=actor, action=action, subject=subject, purpose=purpose)
    return ConferenceAccess(conference=conference, relation=relation, actor=actor)


def conference_subject(conference: Any) -> Subject:
    case = conference.case
    return Subject(
        "conference", str(conference.public_id), str(case.household.public_id), safety_house_code=case.safety_house.code
    )


def may_chair_conference(user: Any, conference: Any, relation: str | None = None) -> bool:
    """The chair (procesregisseur) schedules, invites and runs the meeting; not of a closed case."""
    return _writable(conference.case) and (relation or case_relation(user, conference.case)) == CHAIR


def may_schedule_conference(user: Any, case: Any, relation: str | None = None) -> bool:
    """Scheduling a new conference for a case: the chair of its safety house (as get_case `allow`);
    not for a closed case."""
    return _writable(case) and (relation or case_relation(user, case)) == CHAIR


def may_take_part(
    user: Any, conference: Any, relation: str | None = None, *, invited_user_ids: Collection[int] | None = None
) -> bool:
    """Give input, scores and ideas: the chair, or a team member invited to this conference.
    Emergency access never takes part. `invited_user_ids`: the conference's invited users when the
    caller has already loaded them (saves a query). Nobody takes part through a closed case."""
    if not _writable(conference.case):
        return False
    relation = relation or case_relation(user, conference.case)
    if relation == CHAIR:
        return True
    if relation in (None, BREAK_GLASS):
        return False
    if invited_user_ids is not None:
        return user.pk in invited_user_ids
    return bool(conference.invitations.filter(user=user).exists())


def may_edit_note(user: Any, note: Any, relation: str) -> bool:
    """A conference note is changed by its author (while they still take part in the case) or by the
    chair, who keeps the minutes. Not in a closed case."""
    if not _writable(note.conference.case):
        return False
    if relation == CHAIR:
        return True
    return relation not in (None, BREAK_GLASS) and note.author_id == user.pk


def may_record_preparation_talk(user: Any, conference: Any, relation: str | None = None) -> bool:
    """The preparation talk with a household member: the case director or an involved professional of
    the active team (they know the family); not the expert pool, not emergency access, not a closed case.
    The chair reads it in the preparation overview and the opening."""
    if not _writable(conference.case):
        return False
    return (relation or case_relation(user, conference.case)) in (TeamRole.CASE_DIRECTOR, TeamRole.PROFESSIONAL)


def may_change_client_follow_up(user: Any, follow_up: Any, relation: str | None) -> bool:
    """Give a debrief or feedback to someone else, or move its date: the case director and the chair."""
    return _writable(follow_up.conference.case) and relation in (CHAIR, TeamRole.CASE_DIRECTOR)


def may_complete_client_follow_up(user: Any, follow_up: Any, relation: str | None) -> bool:
    """Record a debrief or feedback as done: its owner (while in the team), the case director, the chair."""
    if not _writable(follow_up.conference.case):
        return False
    if relation in (CHAIR, TeamRole.CASE_DIRECTOR):
        return True
    return relation not in (None, BREAK_GLASS) and bool(follow_up.owner_id == user.pk)


def may_watch_projector(user: Any, conference: Any, relation: str | None = None) -> bool:
    """The live workspace's projector (a read): the chair, or a team member invited to this conference,
    also after the case closed. Emergency access does not put a meeting on a projector."""
    relation = relation or case_relation(user, conference.case)
    if relation == CHAIR:
        return True
    if relation in (None, BREAK_GLASS):
        return False
    return bool(conference.invitations.filter(user=user).exists())


def may_edit_contribution(user: Any, item: Any, relation: str) -> bool:
    """A worry, risk, recovery point or idea of the live workspace is corrected or withdrawn by its
    author (while they still take part) or by the chair; the same rule as a note's."""
    return may_edit_note(user, item, relation)


# --- the plan ------------------------------------------------------------------------------------


def may_update_action(user: Any, action: Any, relation: str) -> bool:
    """A plan action's status and outcome: its owner (while in the team), the case director, the chair.
    Emergency access is read-only; a closed case too."""
    if not _writable(action.case):
        return False
    if relation in (CHAIR, TeamRole.CASE_DIRECTOR):
        return True
    return relation not in (None, BREAK_GLASS) and action.owner_id == user.pk


def may_record_breach(user: Any, bottom_line: Any, relation: str) -> bool:
    """A bottom line's breach: its guardian (while in the team), the case director, the chair; not in a
    closed case."""
    if not _writable(bottom_line.case):
        return False
    if relation in (CHAIR, TeamRole.CASE_DIRECTOR):
        return True
    return relation not in (None, BREAK_GLASS) and bottom_line.guardian_id == user.pk


def may_propose_plan_change(user: Any, case: Any, relation: str | None) -> bool:
    """Propose a change to the plan between meetings: the chair and active team members; not through
    emergency access, not in a closed case."""
    return _writable(case) and relation not in (None, BREAK_GLASS)


def may_answer_plan_change(user: Any, change: Any, relation: str | None) -> bool:
    """Agree with or object to a plan change: only a required partner whose answer is still open
    (`change.pending_partner_ids`, loaded by the caller), while the change is open."""
    if not _writable(change.case) or relation in (None, BREAK_GLASS):
        return False
    return change.state == "open" and user.pk in change.pending_partner_ids


def may_review_plan(user: Any, case: Any, relation: str | None) -> bool:
    """Record a plan review with the family and set its cadence: the case director and the chair."""
    return _writable(case) and relation in (CHAIR, TeamRole.CASE_DIRECTOR)


# --- attachments ---------------------------------------------------------------------------------


def get_attachment(access: Any, public_id: Any, *, purpose: str, action: Action = Action.VIEW) -> Any:
    """An attachment of the access object's case that its user may read by the item rules (source,
    visibility, consent). Unknown, of another case, or not readable: NotVisible (404), audited."""
    from ineen.cases.models import Attachment

    case = access.case
    attachment = (
        visible_items(access.user, Attachment.objects.filter(case=case))
        .select_related("case__household", "case__safety_house", "source_organisation")
        .filter(public_id=public_id)
        .first()
    )
    if attachment is None:
        raise NotVisible(
            action=action,
            subject=Subject(
                "attachment", str(public_id), str(case.household.public_id), safety_house_code=case.safety_house.code
            ),
            purpose=purpose,
            role=access.relation,
            reason="unknown or not readable",
        )
    return attachment


def may_remove_attachment(user: Any, attachment: Any, relation: str) -> bool:
    """Removing a file: the chair, or whoever added it while they are still at the table. (A file added to
    the wrong case must be undone quickly; others ask the uploader or the chair.) Not in a closed case."""
    if not _writable(attachment.case):
        return False
    if relation == CHAIR:
        return True
    return relation not in (None, BREAK_GLASS) and attachment.uploaded_by_id == user.pk


# --- reminders (ineen/reminders) ----------------------------------------------------------------


def remindable(pairs: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which of these (user id, case id) pairs may get a reminder about that case: an active account
    with a team membership running today, of a case that is not closed. Never a closed case (nobody
    acts through it), never an ended or future membership, never someone outside the team (a reminder
    says the case exists). One query, whatever the number of pairs."""
    wanted = set(pairs)
    if not wanted:
        return set()
    today = timezone.localdate()
    found = TeamMembership.objects.filter(
        Q(active_until__isnull=True) | Q(active_until__gte=today),
        active_from__lte=today,
        user_id__in={user for user, _case in wanted},
        case_id__in={case for _user, case in wanted},
        user__is_active=True,
        ended_on__isnull=True,
    ).exclude(case__state=CaseState.CLOSED)
    return wanted & set(found.values_list("user_id", "case_id"))


# --- escalation (opschalen) and the barrier register ---------------------------------------------
# A manager is not a team member: they see the escalations addressed to them, with the case reference and
# who raised it, never the household, plan or notes (docs/architecture.md, "Escalation").

ESCALATION_MANAGER = "escalation_manager"


def may_raise_escalation(user: Any, case: Any, relation: str | None = None) -> bool:
    """Raising an escalation: the case team (chair, case director, professionals, experts); not emergency
    access, not in a closed case."""
    if not _writable(case):
        return False
    relation = relation or case_relation(user, case)
    return relation is not None and relation != BREAK_GLASS


def escalation_managers(house: Any) -> QuerySet[Any]:
    """Whom an escalation can be addressed to: active users with the manager role in the case's safety
    house who belong to an organisation (the organisation concerned is the manager's)."""
    from ineen.accounts.models import User

    house_id = house.pk if hasattr(house, "pk") else house
    return (
        User.objects.filter(
            is_active=True,
            organisation__isnull=False,
            role_assignments__safety_house_id=house_id,
            role_assignments__role=Role.MANAGER,
        )
        .select_related("organisation")
        .distinct()
    )


def is_escalation_manager(user: Any, escalation: Any) -> bool:
    """The manager an escalation is addressed to, while still a manager of the case's house in the
    organisation concerned."""
    return bool(
        user.is_authenticated
        and user.is_active
        and escalation.addressed_to_id == user.pk
        and user.organisation_id == escalation.organisation_id
        and has_role(user, escalation.case.safety_house_id, Role.MANAGER)
    )


def may_answer_escalation(user: Any, escalation: Any) -> bool:
    """Recording progress and the result: the addressed manager, not through a closed case."""
    return _writable(escalation.case) and is_escalation_manager(user, escalation)


def get_escalation_for_manager(request: Any, public_id: Any, *, purpose: str, action: Action = Action.VIEW) -> Any:
    """An escalation for the manager it is addressed to (is_escalation_manager), with only what that page
    shows loaded (case reference, raiser, organisation); audited with its own purpose and the role
    "escalation_manager". Anyone else: NotVisible (404), audited."""
    from ineen.escalations.models import Escalation

    actor = actor_of(request, role=ESCALATION_MANAGER)
    escalation = (
        Escalation.objects.select_related(
            "case__safety_house", "case__household", "raised_by__organisation", "organisation", "addressed_to"
        )
        .filter(public_id=public_id)
        .first()
    )
    if escalation is None or actor.user is None or not is_escalation_manager(actor.user, escalation):
        subject = Subject("escalation", str(public_id))
        if escalation is not None:
            subject = escalation_subject(escalation)
        raise NotVisible(action=action, subject=subject, purpose=purpose, reason="not the addressed manager")
    events.record(actor=actor, action=action, subject=escalation_subject(escalation), purpose=purpose)
    return escalation


def escalation_subject(escalation: Any) -> Subject:
    case = escalation.case
    return Subject(
        "escalation",
        str(escalation.public_id),
        str(case.household.public_id),
        safety_house_code=case.safety_house.code,
    )


def barrier_register_houses(user: Any) -> list[int]:
    """The safety houses whose barrier register (aggregates, no case content) this user sees: where they are
    manager or chair."""
    return houses_with_role(user, [Role.MANAGER, Role.CHAIR])


# --- between the meetings: direction, aftercare, triage meetings (issue 10) -----------------------


def is_current_director(user: Any, case: Any) -> bool:
    return bool(case.director_assignments.filter(ended_at__isnull=True, director=user).exists())


def may_write_handover(user: Any, case: Any, relation: str | None = None) -> bool:
    """The handover note for the next director: the current director, or the chair (who writes it only
    when the outgoing director is gone: cases.direction.handover_for_change). Not in a closed case."""
    if not _writable(case):
        return False
    relation = relation or case_relation(user, case)
    if relation == CHAIR:
        return True
    return relation == TeamRole.CASE_DIRECTOR and is_current_director(user, case)


def may_confirm_handover(user: Any, case: Any, relation: str | None = None) -> bool:
    """Only the new (current) director confirms having read the handover note (not in a closed case)."""
    if not _writable(case):
        return False
    relation = relation or case_relation(user, case)
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR) and is_current_director(user, case)


def may_record_followup(user: Any, case: Any, relation: str | None = None) -> bool:
    """The follow-up check after closure: the chair, or the former case director while they may still read
    the closed case. It is the one write on a closed case besides reopening (it is about the closure)."""
    if case.state != CaseState.CLOSED:
        return False
    return (relation or case_relation(user, case)) in (CHAIR, TeamRole.CASE_DIRECTOR)


def followup_q(user: Any, chaired: Collection[int]) -> Q:
    """ClosurePlan rows whose follow-up check this user records (same rule as may_record_followup)."""
    directed = TeamMembership.objects.filter(_active_membership_q(user, prefix=""), role=TeamRole.CASE_DIRECTOR)
    return Q(case__safety_house_id__in=chaired) | (
        Q(case__pk__in=directed.values("case_id")) & _read_window_q(prefix="case__")
    )


def get_triage_meeting(request: Any, public_id: Any, *, purpose: str, action: Action = Action.VIEW) -> Any:
    """A triage meeting of a house the user chairs (the agenda lists referrals: chair-only, like the
    single-case triage page). Audited; anyone else gets the audited 404."""
    from ineen.cases.models import TriageMeeting

    actor = actor_of(request)
    meeting = TriageMeeting.objects.select_related("safety_house").filter(public_id=public_id).first()
    subject = Subject("triage_meeting", str(public_id), safety_house_code=meeting.safety_house.code if meeting else "")
    if meeting is None or actor.user is None or not is_chair(actor.user, meeting.safety_house_id):
        raise NotVisible(action=action, subject=subject, purpose=purpose, reason="not chair")
    events.record(actor=actor.acting_as(CHAIR), action=action, subject=subject, purpose=purpose)
    return meeting


def may_read_handover_notes(user: Any, case: Any, relation: str | None = None) -> bool:
    """Handover notes in the director history: for the chair and the case director only. A note is written
    for one reader (the next director) and often says how the family and the partners are best approached;
    the team sees that a handover happened, by whom and when, not the note (docs/architecture.md)."""
    return (relation or case_relation(user, case)) in (CHAIR, TeamRole.CASE_DIRECTOR)


# --- evaluation questionnaires (ineen/evaluations) ------------------------------------------------------


def _ended(conference: Any) -> bool:
    from ineen.conferences.enums import ConferenceState

    return bool(conference.state == ConferenceState.ENDED)


def may_evaluate_conference(user: Any, conference: Any, relation: str | None = None) -> bool:
    """A professional's own evaluation of a conference: its chair or a professional invited to it, once it
    has ended; not through emergency access, not in a closed case."""
    if not _writable(conference.case) or not _ended(conference):
        return False
    relation = relation or case_relation(user, conference.case)
    if relation in (None, BREAK_GLASS):
        return False
    if conference.chair_id == user.pk:
        return True
    return bool(conference.invitations.filter(user=user).exists())


def may_evaluate_with_client(user: Any, conference: Any, relation: str | None = None) -> bool:
    """The client's questionnaires, filled in with a household member at the debrief: the chair or the case
    director of the case, once the conference has ended; not in a closed case."""
    if not _writable(conference.case) or not _ended(conference):
        return False
    return (relation or case_relation(user, conference.case)) in (CHAIR, TeamRole.CASE_DIRECTOR)


def evaluation_report_houses(user: Any) -> list[int]:
    """The safety houses whose evaluation aggregates (no case content, small cells suppressed) this user
    sees: where they are chair, manager or researcher."""
    return houses_with_role(user, [Role.CHAIR, Role.MANAGER, Role.RESEARCHER])


def sees_turning_eighteen(case: Any, relation: str | None) -> bool:
    """The turning-18 signal (youth care ends) is for those who arrange the transition: the chair and the
    case director, in a case that is not closed (also the pages' query budget: one query, only for them)."""
    return case.state != CaseState.CLOSED and relation in (CHAIR, TeamRole.CASE_DIRECTOR)


def may_see_part_attendance(
    user: Any, part_kind: str, relation: str | None, invited_part_ids: Collection[int], part_id: int
) -> bool:
    """Who sat at a part of a conference, in the family's timeline (issue 13). The whole and the open part:
    anyone who may see the case. A closed part (the criminal chain without the clients) and a young person's
    own part: the chair, the case director and whoever was invited to that very part; the rest of the team
    reads that there was such a part, not who was there."""
    from ineen.conferences.enums import PartKind

    if part_kind not in (PartKind.CLOSED, PartKind.YOUTH):
        return relation is not None
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR) or part_id in invited_part_ids
