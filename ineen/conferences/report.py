"""The conference report (verslag) and its plain-language version for one household member. Reading only.

Each report costs a fixed number of queries, whatever the number of members, participants, scores and
actions (QUALITY.md: <= 15 per page, session, login and audit included, which leave about six): the
lists that are not governed content (members, scores, shared top 3, actions, bottom lines, attendance)
come back from ONE query on the conference as JSON arrays (`json_rows`), and each kind of governed
content (life domains, incidents, notes) is one query through the access policy
(`policy.readable_expression`; what the reader may not read becomes "there is information, contact
<organisation>").

The client version reads only what `policy.client_items_q` lets through for that person, plus the
plan actions towards the family, the next meeting and the case director -- also in one query. Never:
notes of a closed part, scores, items the person may not see, and the names of criminal-chain
organisations (and their people) that only sat at the closed part of the meeting.
"""

import datetime
import json
import uuid
from types import SimpleNamespace

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Aggregate, BooleanField, Case, Exists, F, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import JSONObject
from django.utils import timezone

from ineen.access import policy
from ineen.accounts.enums import Chain
from ineen.cases.models import CaseDirectorAssignment
from ineen.guide import rules
from ineen.guide.enums import Top3Kind
from ineen.households.enums import Concern, IncidentRole, LifeDomain, Relationship, ViolenceType
from ineen.households.models import Incident, IncidentInvolvement, Person, Strength
from ineen.plans.enums import ActionStatus, ActionType, BottomLineStatus, Towards
from ineen.plans.models import BottomLine, PlanAction

from . import self_rating
from .enums import (
    BRAINSTORM_KINDS,
    Attendance,
    ConferenceState,
    ContributionKind,
    Horizon,
    IncidentMarkKind,
    PartKind,
    SelfRatingChannel,
)
from .models import (
    ClientNotInvited,
    Conference,
    ConferenceNote,
    Contribution,
    IncidentMark,
    Invitation,
    ScalingScore,
    SelfRating,
    SharedTopItem,
)
from .youth import youth_notes_q

PURPOSE = "verslag"
CLIENT_PURPOSE = "verslag voor cliënt"
# Relationships for which the client version says "je" instead of "u".
CHILD_RELATIONSHIPS = {Relationship.CHILD, Relationship.CHILD_EARLIER}
ADULT_AGE = 18


# --- one query, many lists ---------------------------------------------------------------------


class _JSONRows(Aggregate):
    """The grouped rows as one JSON array, returned as text: json_group_array on SQLite, json_agg on
    PostgreSQL (cast to text, so both backends hand Python the same thing)."""

    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = self.as_sql(compiler, connection, function="JSON_AGG", **extra)
        return f"CAST({sql} AS text)", params


def json_rows(queryset, link, outer="pk", **fields):
    """A correlated subquery: the rows of `queryset` whose `link` equals the outer row's `outer`, as one
    JSON array of objects with `fields` (name -> field path or expression). NULL when there are none.
    Dates come back as ISO strings; parse them with `_date`."""
    rows = (
        queryset.filter(**{link: OuterRef(outer)})
        .order_by()
        .values(link)
        .annotate(_rows=_JSONRows(JSONObject(**fields)))
        .values("_rows")
    )
    return Subquery(rows, output_field=TextField())


def _lists(conference, **subqueries):
    """Evaluate `subqueries` (name -> json_rows(...) or any expression) on the conference row: ONE query.
    Returns {name: value}. (Prefixed, since names like "actions" are also reverse relations.)"""
    row = (
        Conference.objects.filter(pk=conference.pk)
        .annotate(**{f"report_{name}": expression for name, expression in subqueries.items()})
        .values(*[f"report_{name}" for name in subqueries])
        .get()
    )
    return {name: row[f"report_{name}"] for name in subqueries}


def _rows(text, **labels):
    """Parse a json_rows result into objects; `labels` maps a field to its choices, adding
    `<field>_label`."""
    result = []
    for row in json.loads(text) if text else []:
        for name, choices in labels.items():
            row[f"{name}_label"] = dict(choices).get(row.get(name), row.get(name))
        result.append(SimpleNamespace(**row))
    return result


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def _name(first, last):
    return f"{first or ''} {last or ''}".strip()


def one_to_one(obj, name):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


# --- when the meeting took place ----------------------------------------------------------------


def meeting_times(conference):
    """The times a report shows: when held, the actual start and end (the end alone when the start is
    not known); otherwise the planned start and end, marked as planned. Never an end before the start.
    No query: the start is recorded on the conference by live.start (conferences held before that field
    existed show only their end)."""
    if conference.state == ConferenceState.ENDED and conference.ended_at:
        end = timezone.localtime(conference.ended_at)
        started = conference.started_at
        start = timezone.localtime(started) if started and started <= conference.ended_at else None
        held = True
    else:
        start = timezone.localtime(conference.starts_at)
        end = start + datetime.timedelta(minutes=conference.duration_minutes or 0)
        held = False
    return SimpleNamespace(
        start=start, end=end, held=held, same_day=start is None or start.date() == end.date(), day=start or end
    )


# --- the professionals' report -----------------------------------------------------------------

# Loaded with the conference itself (get_conference(related=...)): no extra queries for them.
RELATED = ("chair", "phase_decision__decided_by", "agreement__next_conference")


def _bundle(conference, scale):
    """Members, scores, shared top 3, actions, bottom lines, attendance and non-invitations of the
    conference: one query."""
    return _lists(
        conference,
        members=json_rows(
            Person.objects.filter(policy.household_scope_q(conference.case)),
            "household",
            "case__household_id",
            id="id",
            first_name="first_name",
            last_name="last_name",
            birth_year="birth_year",
            relationship="relationship",
            living_at_home="living_at_home",
            language="language",
            needs_interpreter="needs_interpreter",
            public_id="public_id",
            confidential="has_confidential_address",
        ),
        scores=json_rows(
            ScalingScore.objects.filter(scale=scale),
            "conference",
            id="id",
            value="value",
            justification="justification",
            author_first="author__first_name",
            author_last="author__last_name",
            organisation="author__organisation__name",
        ),
        # The household's own answers (self_rating.py): a list of their own, beside the scores, never in them.
        own=json_rows(
            SelfRating.objects.all(),
            "conference",
            id="id",
            question="question",
            value="value",
            words="words",
            person="person_id",
            first="person__first_name",
            channel="channel",
        ),
        top=json_rows(SharedTopItem.objects.all(), "conference", kind="kind", rank="rank", text="text"),
        actions=json_rows(
            PlanAction.objects.all(),
            "conference",
            id="id",
            public_id="public_id",
            what="what",
            owner_first="owner__first_name",
            owner_last="owner__last_name",
            organisation="owner_organisation__name",
            due_on="due_on",
            reason="reason",
            answers="answers__text",
            action_type="action_type",
            towards="towards",
            horizon="horizon",
            status="status",
        ),
        lines=json_rows(
            BottomLine.objects.all(),
            "conference",
            id="id",
            text="text",
            guardian_first="guardian__first_name",
            guardian_last="guardian__last_name",
            organisation="guardian_organisation__name",
            how_we_know="how_we_know",
            on_breach="on_breach",
            status="status",
        ),
        invitations=json_rows(
            Invitation.objects.all(),
            "conference",
            id="id",
            user="user_id",
            part="part__kind",
            part_order="part__order",
            attendance="attendance",
            user_first="user__first_name",
            user_last="user__last_name",
            organisation="user__organisation__name",
            person_first="person__first_name",
            person_last="person__last_name",
            trusted_person="trusted_person",
            trusted_present="trusted_person_present",
            heard="heard",
            with_first="online_with__first_name",
            with_last="online_with__last_name",
        ),
        not_invited=json_rows(
            ClientNotInvited.objects.all(),
            "conference",
            first="person__first_name",
            last="person__last_name",
            reason="reason",
        ),
    )


def _split(user, queryset):
    """Governed rows: those the user may read, and the names of the organisations holding the rest."""
    split = policy.split(user, queryset)
    return split.readable, set(split.withheld_names)


def _incidents(user, conference):
    """The incidents marked first / worst / latest in this conference, one query. Per mark: the
    incident (with who was involved in which role) or, when the user may not read it, the
    organisation to contact."""
    marks = {
        m: Exists(IncidentMark.objects.filter(conference=conference, mark=m, incident=OuterRef("pk")))
        for m in IncidentMarkKind.values
    }
    marked = IncidentMark.objects.filter(conference=conference).values("incident_id")
    involved = json_rows(
        IncidentInvolvement.objects.all(), "incident", first="person__first_name", last="person__last_name", role="role"
    )
    rows = policy.split(
        user,
        Incident.objects.filter(policy.household_scope_q(conference.case), pk__in=marked).annotate(
            involved=involved, **{f"is_{m}": q for m, q in marks.items()}
        ),
    ).rows
    result = []
    for kind in IncidentMarkKind:
        incident = next((i for i in rows if getattr(i, f"is_{kind.value}")), None)
        if incident is None:
            continue
        entry = SimpleNamespace(mark=kind, incident=None, withheld="")
        if incident.readable:
            incident.people = [
                SimpleNamespace(name=_name(r.first, r.last), role=r.role_label)
                for r in _rows(incident.involved, role=IncidentRole.choices)
            ]
            entry.incident = incident
        else:
            entry.withheld = incident.source_organisation.name
        result.append(entry)
    return result


def _scores(conference, rows):
    """Scores with their author, the distribution (lowest / median / highest / outliers) and whether
    they may be shown yet: after the chair revealed them, or once the meeting has ended."""
    shown = conference.scores_revealed or conference.state == ConferenceState.ENDED
    if not shown or not rows:
        return {"scores_shown": shown, "scores": [], "distribution": None}
    distribution = rules.score_distribution({s.id: s.value for s in rows})
    for s in rows:
        s.who = _name(s.author_first, s.author_last)
        s.outlier = s.id in distribution.outliers
    rows.sort(key=lambda s: (s.value, s.id))
    return {"scores_shown": True, "scores": rows, "distribution": distribution}


def _own_answers(conference, rows):
    """The household's own answers per question, shown with the scores (after they were revealed)."""
    if not (conference.scores_revealed or conference.state == ConferenceState.ENDED):
        return []
    for r in rows:
        r.person = SimpleNamespace(first_name=r.first)
        r.get_channel_display = r.channel_label
    return self_rating.household_answers(conference, rows)


def _attendance(invitations, not_invited):
    """Per part (in order): the professionals and the household members at the table."""
    parts = {}
    for inv in sorted(invitations, key=lambda i: (i.part_order, i.id)):
        part = parts.get(inv.part)
        if part is None:
            part = parts[inv.part] = SimpleNamespace(kind=inv.part, label=inv.part_label, professionals=[], clients=[])
        if inv.user is not None:
            part.professionals.append(
                SimpleNamespace(
                    name=_name(inv.user_first, inv.user_last),
                    organisation=inv.organisation,
                    attendance=inv.attendance_label,
                )
            )
        else:
            part.clients.append(
                SimpleNamespace(
                    name=_name(inv.person_first, inv.person_last),
                    trusted_person=inv.trusted_person,
                    attendance=inv.attendance_label,
                    # online: the professional who sat with the client; the chair's check
                    online_with=_name(inv.with_first, inv.with_last) if inv.with_first or inv.with_last else "",
                    trusted_present=bool(inv.trusted_present),
                    heard=bool(inv.heard),
                )
            )
    return list(parts.values()), [SimpleNamespace(name=_name(n.first, n.last), reason=n.reason) for n in not_invited]


def professional_report(user, conference, relation):
    """Everything the professionals' report shows to `user`, who may see the conference's case."""
    household = conference.case.household
    bundle = _bundle(conference, rules.scale_for_phase(conference.phase))
    members = _rows(bundle["members"], relationship=Relationship.choices)
    for member in members:
        member.public_id = uuid.UUID(str(member.public_id))  # SQLite keeps UUIDs as plain hex
    members.sort(key=lambda m: (m.birth_year or 0, m.first_name))
    domains, withheld = _split(
        user,
        policy.household_records(conference.case, household.life_domains.filter(concern=Concern.SERIOUS))
        .select_related("person")
        .order_by("domain", "pk"),
    )
    incidents = _incidents(user, conference)
    withheld |= {entry.withheld for entry in incidents if entry.withheld}
    # Members' disputes, fact or worry, last confirmed (privacy/_item_trust.html): one query.
    policy.attach_disputes([*domains, *(entry.incident for entry in incidents if entry.incident)])
    notes, hidden = _split(
        user,
        ConferenceNote.objects.filter(conference=conference)
        .select_related("part", "author")
        .order_by("part__order", "step", "pk"),
    )
    withheld |= hidden
    top = _rows(bundle["top"])
    top_groups = {}
    for item in sorted(top, key=lambda t: (t.kind, t.rank)):
        top_groups.setdefault(item.kind, []).append(item)
    actions = _rows(
        bundle["actions"],
        action_type=ActionType.choices,
        towards=Towards.choices,
        horizon=Horizon.choices,
        status=ActionStatus.choices,
    )
    for a in actions:
        a.due_on = _date(a.due_on)
        a.owner = _name(a.owner_first, a.owner_last)
        a.needs_reason = not (a.reason or "").strip() and not a.answers
    actions.sort(key=lambda a: (a.due_on, a.id))
    lines = _rows(bundle["lines"], status=BottomLineStatus.choices)
    for line in lines:
        line.guardian = _name(line.guardian_first, line.guardian_last)
    lines.sort(key=lambda line: line.id)
    parts, not_invited = _attendance(
        _rows(bundle["invitations"], part=PartKind.choices, attendance=Attendance.choices), _rows(bundle["not_invited"])
    )
    return {
        "conference": conference,
        "case": conference.case,
        "household": household,
        "relation": relation,
        "is_final": conference.state == ConferenceState.ENDED,
        "is_cancelled": conference.state == ConferenceState.CANCELLED,
        "times": meeting_times(conference),
        "members": members,
        "serious_domains": [SimpleNamespace(label=LifeDomain(d.domain).label, item=d) for d in domains],
        "incidents": incidents,
        "withheld": sorted(withheld),
        **_scores(conference, _rows(bundle["scores"])),
        "own_answers": _own_answers(conference, _rows(bundle["own"], channel=SelfRatingChannel.choices)),
        "scale_label": rules.scale_for_phase(conference.phase).label,
        "top_groups": [(dict(Top3Kind.choices).get(k, k), items) for k, items in top_groups.items()],
        "decision": one_to_one(conference, "phase_decision"),
        "actions": actions,
        "bottom_lines": lines,
        "agreement": one_to_one(conference, "agreement"),
        "parts": parts,
        "not_invited": not_invited,
        "notes": notes,
        "may_print_for_clients": policy.may_manage_privacy(user, conference.case, relation),
    }


# --- the client version ------------------------------------------------------------------------


def _closed_only(org_path):
    """True when the organisation at `org_path` (on a PlanAction row) is of the criminal chain and sat
    only at the closed part of the action's conference: then its name (and its people's) stay out of
    what a client is handed."""
    invited = Invitation.objects.filter(conference=OuterRef("conference_id"), user__organisation=OuterRef(org_path))
    return (
        Q(**{f"{org_path.removesuffix('_id')}__chain": Chain.CRIMINAL})
        & Exists(invited.filter(part__kind=PartKind.CLOSED))
        & ~Exists(invited.exclude(part__kind=PartKind.CLOSED))
    )


def _unless(condition, field):
    """`field`, or an empty string when `condition` holds: hidden values never leave the database."""
    return Case(When(condition, then=Value("")), default=F(field), output_field=TextField())


def _client_bundle(conference, person):
    hidden = _closed_only("owner_organisation_id")
    top_rank = Subquery(SharedTopItem.objects.filter(contribution=OuterRef("pk")).values("rank")[:1])
    following = (
        # Only a meeting this member is invited to: a member kept apart must not learn when the others meet.
        Conference.objects.filter(
            case=OuterRef("case_id"),
            starts_at__gt=OuterRef("starts_at"),
            state=ConferenceState.PLANNED,
            invitations__person=person,
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return _lists(
        conference,
        director=json_rows(
            CaseDirectorAssignment.objects.filter(ended_at__isnull=True),
            "case",
            "case_id",
            first="director__first_name",
            last="director__last_name",
            organisation="organisation__name",
        ),
        notes=json_rows(
            ConferenceNote.objects.exclude(part__kind=PartKind.CLOSED).filter(
                policy.client_items_q(ConferenceNote, person), youth_notes_q(person)
            ),
            "conference",
            id="id",
            text="text",
        ),
        contributions=json_rows(
            Contribution.objects.filter(policy.client_items_q(Contribution, person)),
            "conference",
            id="id",
            kind="kind",
            text="text",
            top_rank=top_rank,
        ),
        strengths=json_rows(
            Strength.objects.filter(policy.household_scope_q(conference.case), policy.client_items_q(Strength, person)),
            "household",
            "case__household_id",
            id="id",
            text="description",
        ),
        incidents=json_rows(
            Incident.objects.filter(policy.household_scope_q(conference.case), policy.client_items_q(Incident, person)),
            "household",
            "case__household_id",
            id="id",
            date="date",
            types="violence_types",
            text="description",
        ),
        actions=json_rows(
            PlanAction.objects.filter(towards=Towards.FAMILY).exclude(status=ActionStatus.CANCELLED),
            "conference",
            id="id",
            # The family's words only: the professionals' `what` never leaves the database here.
            wording="client_wording",
            due_on="due_on",
            status="status",
            hidden=Case(When(hidden, then=Value(True)), default=Value(False), output_field=BooleanField()),
            owner_first=_unless(hidden, "owner__first_name"),
            owner_last=_unless(hidden, "owner__last_name"),
            organisation=_unless(hidden, "owner_organisation__name"),
        ),
        following=Subquery(following),
        other_confidential=Exists(
            Person.objects.filter(policy.protected_q(), household=OuterRef("case__household_id")).exclude(pk=person.pk)
        ),
    )


def _next_meeting(conference, following, person):
    agreement = one_to_one(conference, "agreement")
    planned = agreement.next_conference if agreement else None
    if (
        planned is not None
        and planned.state == ConferenceState.PLANNED
        and Invitation.objects.filter(conference=planned, person=person).exists()
    ):
        return planned.starts_at
    return following


def informal(person) -> bool:
    """Children are addressed with "je", adults with "u"."""
    age = person.age
    return person.relationship in CHILD_RELATIONSHIPS or (age is not None and age < ADULT_AGE)


def client_report(conference, person):
    """What may be handed to household member `person`: see the module docstring."""
    bundle = _client_bundle(conference, person)
    directors = _rows(bundle["director"])
    director = directors[0] if directors else None
    if director:
        director.name = _name(director.first, director.last)
        director.first_name = director.first or director.name
    contributions = sorted(_rows(bundle["contributions"]), key=lambda c: c.id)
    actions = _rows(bundle["actions"])
    for a in actions:
        a.due_on = _date(a.due_on)
        a.owner = _name(a.owner_first, a.owner_last)
        a.done = a.status == ActionStatus.DONE
        a.wording = (a.wording or "").strip()
    actions.sort(key=lambda a: (a.due_on, a.id))
    top = sorted((c for c in contributions if c.top_rank), key=lambda c: c.top_rank)
    rest = [c for c in contributions if not c.top_rank]
    incidents = _rows(bundle["incidents"])
    for incident in incidents:
        incident.date = _date(incident.date)
        types = json.loads(incident.types) if isinstance(incident.types, str) else incident.types or []
        incident.types = [str(dict(ViolenceType.choices).get(t, t)).lower() for t in types]
    incidents.sort(key=lambda i: (i.date, i.id))
    meeting = _next_meeting(conference, bundle["following"], person)
    # A coming meeting's date only for a member invited to it (a member kept apart must not learn it).
    dated = conference.state == ConferenceState.ENDED or conference.invitations.filter(person=person).exists()
    return {
        "conference": conference,
        "case": conference.case,
        "person": person,
        "informal": informal(person),
        "director": director,
        "chair": conference.chair,
        "top": top,
        # The top 3 first; the rest once, under its kind.
        "worries": [c for c in rest if c.kind in (ContributionKind.WORRY, ContributionKind.RISK)],
        "recovery": [c for c in rest if c.kind == ContributionKind.RECOVERY_POINT],
        "ideas": [c for c in rest if c.kind in BRAINSTORM_KINDS],
        "strengths": sorted(_rows(bundle["strengths"]), key=lambda s: s.id),
        "incidents": incidents,
        "notes": sorted(_rows(bundle["notes"]), key=lambda n: n.id),
        "actions": actions,
        "next_meeting": timezone.localtime(meeting) if meeting else None,
        "is_final": conference.state == ConferenceState.ENDED,
        "times": meeting_times(conference) if dated else None,
        # Screen only, for whoever prints: free text in actions could still say where someone stays.
        "check_whereabouts": bool(bundle["other_confidential"]),
    }
