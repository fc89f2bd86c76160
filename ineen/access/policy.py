"""THE access policy. Every question "may this user see or do this?" is answered here.

Views, search, counts and exports all use these predicates and queryset functions; nothing else
decides access. Rules:
- Case data is visible to the chair (procesregisseur) of the case's safety house, and to users with an
  active team membership of that case (from <= today <= until). Nobody else: not managers, not
  functional admins, not researchers, not members whose membership has ended.
- Outsiders get 404 (NotVisible), never 403, so the existence of a case does not leak. Every denial
  is logged by the audit middleware.
- Deny by default: any unknown relation means no access.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ineen.accounts.enums import CASEWORK_ROLES, Role
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.enums import TeamRole
from ineen.cases.models import Case, Referral, TeamMembership

from .actor import Actor
from .refusal import NotVisible

if TYPE_CHECKING:
    from .objects import CaseAccess, ConferenceAccess

CHAIR = "chair"
BREAK_GLASS = "break_glass"

__all__ = ["Actor", "NotVisible"]  # re-exported: callers say policy.NotVisible, policy.Actor


def actor_of(who, *, role: str = "") -> Actor:
    """The actor behind a loader call: an HTTP request (views, API) or an Actor (commands, jobs)."""
    if isinstance(who, Actor):
        return who.acting_as(role) if role else who
    return Actor.from_request(who, role=role)


def refusal(object_type: str, *, purpose: str, reason: str, action=Action.VIEW, object_id="") -> NotVisible:
    """An audited refusal outside any case (a page only some roles reach); `raise policy.refusal(...)`."""
    return NotVisible(action=action, subject=Subject(object_type, str(object_id)), purpose=purpose, reason=reason)


def access_rule(rule: str):
    """Declare which policy rule guards a view. A meta-test fails for any route without one."""

    def decorate(view):
        view.access_rule = rule
        return view

    return decorate


# --- roles per safety house -------------------------------------------------------------------


def _roles(user) -> dict[int, set[str]]:
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_ineen_roles", None)
    if cached is None:
        cached = {}
        for house_id, role in user.role_assignments.values_list("safety_house_id", "role"):
            cached.setdefault(house_id, set()).add(role)
        user._ineen_roles = cached
    return cached


def has_role(user, house, role) -> bool:
    return role in _roles(user).get(house.pk if hasattr(house, "pk") else house, set())


def houses_with_role(user, roles) -> list[int]:
    return [house_id for house_id, held in _roles(user).items() if held & set(roles)]


def is_chair(user, house) -> bool:
    return has_role(user, house, Role.CHAIR)


def referral_houses(user):
    """Safety houses this user may refer to: a casework role there, and the user's organisation
    is a partner of that house."""
    from ineen.accounts.models import SafetyHouse

    if not user.is_authenticated or user.organisation_id is None:
        return SafetyHouse.objects.none()
    return SafetyHouse.objects.filter(
        pk__in=houses_with_role(user, CASEWORK_ROLES), partners=user.organisation_id
    ).distinct()


def can_refer(user, house) -> bool:
    return referral_houses(user).filter(pk=house.pk).exists()


# --- cases ----------------------------------------------------------------------------------


def _active_membership_q(user, prefix="team__") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}user": user, f"{prefix}active_from__lte": today}) & (
        Q(**{f"{prefix}active_until__isnull": True}) | Q(**{f"{prefix}active_until__gte": today})
    )


def cases_for_user(user) -> QuerySet[Case]:
    """All cases this user may see. The only way to list, search or count cases."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    from ineen.privacy.models import BreakGlassAccess

    chaired = houses_with_role(user, [Role.CHAIR])
    member_case_ids = TeamMembership.objects.filter(_active_membership_q(user, prefix="")).values("case_id")
    now = timezone.now()
    emergency_ids = BreakGlassAccess.objects.filter(user=user, started_at__lte=now, expires_at__gt=now).values(
        "case_id"
    )
    return Case.objects.filter(Q(safety_house_id__in=chaired) | Q(pk__in=member_case_ids) | Q(pk__in=emergency_ids))


def case_relation(user, case) -> str | None:
    """The relation through which the user may see this case, or None. Chair wins over team roles."""
    if not user.is_authenticated or not user.is_active:
        return None
    if is_chair(user, case.safety_house_id):
        return CHAIR
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


def case_subject(case) -> Subject:
    return Subject(
        object_type="case",
        object_id=str(case.public_id),
        household_id=str(case.household.public_id),
        safety_house_code=case.safety_house.code,
    )


def get_case(request, public_id, *, purpose: str, action=Action.VIEW, allow=None) -> "CaseAccess":
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


# Predicates for actions narrower than reading; used as `allow=` and in templates.


def may_triage(user, case, relation=None) -> bool:
    return (relation or case_relation(user, case)) == CHAIR


def may_manage_team(user, case, relation=None) -> bool:
    """The chair and the current case director put the team together."""
    relation = relation or case_relation(user, case)
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR)


def may_edit_household(user, case, relation=None) -> bool:
    """Everyone at the table may add what they know; the source organisation is recorded.
    Emergency (break-the-glass) access is read-only."""
    relation = relation or case_relation(user, case)
    return relation is not None and relation != BREAK_GLASS


def may_break_glass(user, case) -> bool:
    """Emergency access: a casework role in the case's safety house, from a partner organisation,
    and no normal relation to the case."""
    return (
        user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and bool(_roles(user).get(case.safety_house_id, set()) & CASEWORK_ROLES)
        and case.safety_house.partners.filter(pk=user.organisation_id).exists()
    )


def may_manage_privacy(user, case, relation=None) -> bool:
    """Consent registry, guardians of confidential addresses, transparency reports: the chair and
    the case director."""
    return (relation or case_relation(user, case)) in (CHAIR, TeamRole.CASE_DIRECTOR)


def may_read_audit(user, house=None) -> bool:
    """The audit log (who read or changed what): log managers (logbeheerder) only, each for their own
    safety house. No other role, not even the chair or a functional admin."""
    if house is None:
        return bool(houses_with_role(user, [Role.LOG_MANAGER]))
    return has_role(user, house, Role.LOG_MANAGER)


def is_guardian(user, person) -> bool:
    """Only named guardians see a confidential address. No role makes anyone a guardian, not even the chair."""
    address = _address_record(person)
    return address is not None and address.guardians.filter(pk=user.pk).exists()


def _address_record(person):
    from ineen.privacy.models import ConfidentialAddress

    # A fresh query, not the cached reverse relation: the question is what exists now.
    return ConfidentialAddress.objects.filter(person_id=person.pk).first()


def may_change_address(user, case, person, relation=None) -> bool:
    """Who may record or change a confidential address and its guardians, or lift the protection.

    - Once an address record exists (whatever the person's flag says): only its guardians who are still
      at the table (team member or chair; never emergency access). No role overrides this.
    - No record yet: the chair and the case director may *start* protection (record the first address and
      name guardians, themselves included). Switching protection on is always safe; a referral's "needs a
      confidential address" leaves the flag on without a record, so this is how its guardians are named.
    """
    relation = relation or case_relation(user, case)
    if relation in (None, BREAK_GLASS):
        return False
    if _address_record(person) is not None:
        return is_guardian(user, person)
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR)


def with_guardianship(user, members, relation=None):
    """Household members annotated with `guarded`: this user guards their confidential address (for links on
    pages; in the same query). Never under emergency access."""
    from django.db.models import BooleanField, Value

    from ineen.privacy.models import ConfidentialAddress

    if relation == BREAK_GLASS or not user.is_authenticated:
        return members.annotate(guarded=Value(False, output_field=BooleanField()))
    return members.annotate(guarded=Exists(ConfidentialAddress.objects.filter(person=OuterRef("pk"), guardians=user)))


def protected_q(prefix="") -> Q:
    """Members under protection: the flag, or an address record (belt and braces: either hides them)."""
    return Q(**{f"{prefix}has_confidential_address": True}) | Q(**{f"{prefix}confidential_address__isnull": False})


# --- referrals ------------------------------------------------------------------------------


def referrals_for_user(user) -> QuerySet[Referral]:
    """A referrer sees the status of their own referrals (not the case, unless they are in its team)."""
    if not user.is_authenticated or not user.is_active:
        return Referral.objects.none()
    return Referral.objects.filter(referrer=user)


def get_own_referral(request, public_id, *, purpose: str) -> Referral:
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


def possible_matches(user, house, people: list[tuple[str, str, int | None]]) -> list[Match]:
    """Households in `house` that may be the same as the one being referred, limited to the cases
    this user may see. people: (first_name, last_name, birth_year) tuples."""
    from ineen.households.models import Person

    query = Q()
    for first, last, year in people:
        if not first and not last:
            continue
        q = Q(first_name__iexact=first.strip()) if first else Q()
        if last:
            q &= Q(last_name__iexact=last.strip())
        if year:
            q &= Q(birth_year__in=[year - 1, year, year + 1]) | Q(birth_year__isnull=True)
        query |= q
    if not query:
        return []
    visible = cases_for_user(user).filter(safety_house=house)
    persons = Person.objects.filter(query, household__cases__in=visible).select_related("household").distinct()
    by_household: dict[int, list[str]] = {}
    for person in persons:
        by_household.setdefault(person.household_id, []).append(str(person))
    cases = (
        visible.filter(household_id__in=by_household)
        .select_related("household", "safety_house")
        .order_by("household_id", "-opened_at")
    )
    matches, seen = [], set()
    for case in cases:
        if case.household_id in seen:
            continue
        seen.add(case.household_id)
        matches.append(Match(case=case, matched_people=by_household[case.household_id]))
    return matches


# --- information items: source, basis, visibility, consent ------------------------------------


def _consent_missing(model, day=None):
    """Subquery: a person this item concerns who has no running consent for the item's source
    organisation and purpose."""
    from ineen.privacy.models import Consent

    through = model.concerns.through
    item_fk = f"{model._meta.model_name}_id"
    running = Consent.objects.filter(
        Consent.active_q(day),
        person_id=OuterRef("person_id"),
        organisation_id=OuterRef(OuterRef("source_organisation_id")),
        purpose=OuterRef(OuterRef("consent_purpose")),
    )
    return through.objects.filter(**{item_fk: OuterRef("pk")}).exclude(Exists(running))


def item_visibility_q(user, model) -> Q:
    """Which governed items (of `model`) this user may read, given that they may see the case.

    - their own organisation's items, always;
    - others' items: visibility team / client-shareable, or named organisations including theirs;
      never source-only;
    - consent-based items only while every person they concern has running consent.
    """
    from ineen.privacy.enums import Basis, Visibility

    org_id = user.organisation_id
    shared = Q(visibility__in=[Visibility.TEAM, Visibility.CLIENT_SHAREABLE])
    if org_id is not None:
        # Exists rather than a join, so an item never appears twice and can be annotated.
        through = model.shared_with.through
        named = through.objects.filter(**{f"{model._meta.model_name}_id": OuterRef("pk"), "organisation_id": org_id})
        shared |= Q(visibility=Visibility.NAMED_ORGANISATIONS) & Q(Exists(named))
    consent_ok = ~Q(basis=Basis.CONSENT) | ~Exists(_consent_missing(model))
    own = Q(source_organisation_id=org_id) if org_id is not None else Q(pk__in=[])
    return own | (shared & consent_ok)


def visible_items(user, queryset):
    """Filter a queryset of governed items (already limited to one case the user may see)."""
    return queryset.filter(item_visibility_q(user, queryset.model))


def readable_expression(user, model):
    """A boolean SQL expression: may this user read the row? (Used by `split`; a query annotates it.)"""
    from django.db.models import BooleanField, Case, Value, When

    return Case(
        When(item_visibility_q(user, model), then=Value(True)), default=Value(False), output_field=BooleanField()
    )


@dataclass
class Split:
    """Governed rows split by the reading rule: `rows` in the queryset's order, each with `.readable`;
    `readable`, the rows the user may read; `withheld`, the source organisations of the rest (by name),
    for the covenant's signal "there is information, contact <organisation>"."""

    rows: list
    readable: list
    withheld: list

    @property
    def withheld_names(self) -> list[str]:
        return [organisation.name for organisation in self.withheld]


def split(user, queryset) -> Split:
    """THE split of governed items into what `user` may read and the organisations holding the rest: one
    query, used by the case pages, the report, the workspace, the preparation view, exports and the API.
    The queryset must already be limited to a case the user may see (access objects do that)."""
    rows = list(
        queryset.select_related("source_organisation").annotate(_readable=readable_expression(user, queryset.model))
    )
    withheld = {}
    for row in rows:
        row.readable = bool(row._readable)
        if not row.readable:
            withheld[row.source_organisation_id] = row.source_organisation
    ordered = sorted(withheld.values(), key=lambda organisation: organisation.name)
    return Split(rows=rows, readable=[row for row in rows if row.readable], withheld=ordered)


def may_see_item(user, item) -> bool:
    return type(item).objects.filter(pk=item.pk).filter(item_visibility_q(user, type(item))).exists()


def client_items_q(model, person) -> Q:
    """Which governed items (of `model`) may be shown to household member `person` in what they are
    handed (the client's report, their plan). Stricter than any professional's view:

    - visibility "may be shown to the client" only (never team, named organisations, source only);
    - about this person, or about the household as a whole (no person named);
    - never about another member with a confidential address (it could give away whereabouts);
    - consent-based items only while every person they concern has running consent.
    """
    from ineen.privacy.enums import Basis, Visibility

    through = model.concerns.through
    item_fk = f"{model._meta.model_name}_id"
    concerned = through.objects.filter(**{item_fk: OuterRef("pk")})
    about_person = Exists(concerned.filter(person_id=person.pk))
    hidden_other = Exists(concerned.filter(protected_q("person__")).exclude(person_id=person.pk))
    consent_ok = ~Q(basis=Basis.CONSENT) | ~Exists(_consent_missing(model))
    q = Q(visibility=Visibility.CLIENT_SHAREABLE) & (about_person | ~Exists(concerned)) & ~hidden_other & consent_ok
    if any(f.name == "person" for f in model._meta.get_fields()):  # life domains, strengths: one member or all
        q &= Q(person__isnull=True) | Q(person_id=person.pk)
    return q


# --- conferences -------------------------------------------------------------------------------


def get_conference(
    request, public_id, *, purpose: str, action=Action.VIEW, allow=None, record=True, related=()
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


def conference_subject(conference) -> Subject:
    case = conference.case
    return Subject(
        "conference", str(conference.public_id), str(case.household.public_id), safety_house_code=case.safety_house.code
    )


def may_chair_conference(user, conference, relation=None) -> bool:
    """The chair (procesregisseur) schedules, invites and runs the meeting."""
    return (relation or case_relation(user, conference.case)) == CHAIR


def may_schedule_conference(user, case, relation=None) -> bool:
    """Scheduling a new conference for a case: the chair of its safety house (as get_case `allow`)."""
    return (relation or case_relation(user, case)) == CHAIR


def may_take_part(user, conference, relation=None, *, invited_user_ids=None) -> bool:
    """Give input, scores and ideas: the chair, or a team member invited to this conference.
    Emergency access never takes part. `invited_user_ids`: the conference's invited users when the
    caller has already loaded them (saves a query)."""
    relation = relation or case_relation(user, conference.case)
    if relation == CHAIR:
        return True
    if relation in (None, BREAK_GLASS):
        return False
    if invited_user_ids is not None:
        return user.pk in invited_user_ids
    return conference.invitations.filter(user=user).exists()


def may_edit_note(user, note, relation) -> bool:
    """A conference note is changed by its author (while they still take part in the case) or by the
    chair, who keeps the minutes."""
    if relation == CHAIR:
        return True
    return relation not in (None, BREAK_GLASS) and note.author_id == user.pk


# --- the plan ------------------------------------------------------------------------------------


def may_update_action(user, action, relation) -> bool:
    """A plan action's status and outcome: its owner (while in the team), the case director, the chair.
    Emergency access is read-only."""
    if relation in (CHAIR, TeamRole.CASE_DIRECTOR):
        return True
    return relation not in (None, BREAK_GLASS) and action.owner_id == user.pk


def may_record_breach(user, bottom_line, relation) -> bool:
    """A bottom line's breach: its guardian (while in the team), the case director, the chair."""
    if relation in (CHAIR, TeamRole.CASE_DIRECTOR):
        return True
    return relation not in (None, BREAK_GLASS) and bottom_line.guardian_id == user.pk


# --- attachments ---------------------------------------------------------------------------------


def get_attachment(access, public_id, *, purpose: str, action=Action.VIEW):
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


def may_remove_attachment(user, attachment, relation) -> bool:
    """Removing a file: the chair, or whoever added it while they are still at the table. (A file added to
    the wrong case must be undone quickly; others ask the uploader or the chair.)"""
    if relation == CHAIR:
        return True
    return relation not in (None, BREAK_GLASS) and attachment.uploaded_by_id == user.pk
