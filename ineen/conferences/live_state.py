"""What the live workspace shows: one view per BOB step (besluitvorming in three parts), each read
in a fixed number of queries, whatever the number of participants or items (QUALITY.md: <= 15 per
page). Governed content (contributions, notes, incidents) is filtered by the access policy; what a
user may not read becomes "there is information, contact <organisation>".
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from ineen.access import policy
from ineen.cases.enums import TeamRole
from ineen.cases.models import TeamMembership
from ineen.guide import rules
from ineen.guide.enums import Phase, Step
from ineen.guide.models import GuideItem
from ineen.plans.models import BottomLine, PlanAction

from . import clients as client_talks
from . import live, self_rating
from . import live_forms as f
from .enums import (
    BRAINSTORM_KINDS,
    LIVE_STEP_ORDER,
    PRESENT,
    Attendance,
    ConferenceState,
    IncidentMarkKind,
    LiveStep,
    PartKind,
)
from .models import Conference, ConferenceNote, Contribution, IncidentMark, Invitation, ScalingScore, SharedTopItem

# Loaded with the conference itself (get_conference(related=...)): no extra queries for them.
RELATED = ("chair", "phase_decision__decided_by", "agreement__next_conference")


@dataclass(frozen=True)
class View:
    key: str
    step: str  # LiveStep
    label: str
    notes_step: str | None  # guide Step the notes of this view belong to
    guide_steps: tuple = ()  # guide items shown as "questions for this step"


VIEWS = {
    v.key: v
    for v in [
        View("opening", LiveStep.OPENING, _("Opening"), Step.BEFORE, (Step.BEFORE,)),
        View("beeldvorming", LiveStep.PICTURE, _("Beeldvorming"), Step.PICTURE, (Step.PICTURE,)),
        View(
            "oordeelsvorming",
            LiveStep.JUDGEMENT,
            _("Schaalvraag en oordeelsvorming"),
            Step.JUDGEMENT,
            (Step.SCALING, Step.JUDGEMENT),
        ),
        View("brainstorm", LiveStep.DECISION, _("Brainstorm en prioriteiten"), Step.DECISION, (Step.DECISION,)),
        View("plan", LiveStep.DECISION, _("Wie doet wat en wanneer"), Step.DECISION),
        View("afspraken", LiveStep.DECISION, _("Afspraken over samenwerking"), Step.DECISION),
        View("afgerond", LiveStep.CLOSED, _("Afgerond"), None),
    ]
}
DEFAULT_VIEW = {
    LiveStep.OPENING: "opening",
    LiveStep.PICTURE: "beeldvorming",
    LiveStep.JUDGEMENT: "oordeelsvorming",
    LiveStep.DECISION: "brainstorm",
    LiveStep.CLOSED: "afgerond",
}
DECISION_VIEWS = ("brainstorm", "plan", "afspraken")
LIVE_STEPS = LiveStep.choices
# Speaking order: professionals already involved first, then the experts, then anyone else.
SPEAKING_ORDER = {TeamRole.CASE_DIRECTOR: 0, TeamRole.PROFESSIONAL: 1, TeamRole.EXPERT: 2}


def view_for(conference, requested):
    return VIEWS.get(requested) or VIEWS[DEFAULT_VIEW[conference.current_step]]


# Which views show a region of the page (conferences/workspace.html); regions not listed are in every view.
_NOTES_VIEWS = tuple(key for key, view in VIEWS.items() if view.notes_step)
REGION_VIEWS = {
    "opening": ("opening",),
    **dict.fromkeys(("contributions", "contribution-form", "top", "incidents"), ("beeldvorming",)),
    **dict.fromkeys(("scores", "phase"), ("oordeelsvorming",)),
    **dict.fromkeys(("ideas", "idea-form"), ("brainstorm",)),
    **dict.fromkeys(("actions", "action-form", "bottom-lines", "bottom-line-form"), ("plan",)),
    **dict.fromkeys(("agreement", "next"), ("afspraken",)),
    **dict.fromkeys(("notes", "note-form"), _NOTES_VIEWS),
}


def view_showing(conference, requested, region):
    """The view to answer a refused action in: the one the post named (the hidden `weergave`) when it shows
    the region sent, else one that does. The refused form is in that region: the user's input stays on
    screen, and the region's data is in the context (a view without it failed to render: a 500)."""
    view = view_for(conference, requested)
    keys = REGION_VIEWS.get(region)
    if keys is None or view.key in keys:
        return view
    current = DEFAULT_VIEW[conference.current_step]
    return VIEWS[current if current in keys else keys[0]]


def one_to_one(obj, name):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def refresh(conference):
    """The conference again after a write (the write itself is audited; no read event)."""
    return Conference.objects.select_related("case__household", "case__safety_house", "guide_version", *RELATED).get(
        pk=conference.pk
    )


def _active_q(prefix=""):
    today = timezone.localdate()
    return Q(**{f"{prefix}active_from__lte": today}) & (
        Q(**{f"{prefix}active_until__isnull": True}) | Q(**{f"{prefix}active_until__gte": today})
    )


def _split(user, queryset):
    """Readable items, and the names of the organisations whose items this user may not read. One
    query (the organisation comes along by select_related)."""
    split = policy.split(user, queryset)
    return split.readable, split.withheld_names


def participants(conference):
    """One query: the invitations with the person, their organisation and their role in the case team.
    Returns (professionals in speaking order, household members at the table, parts with people)."""
    role = (
        TeamMembership.objects.filter(_active_q(), case_id=conference.case_id, user_id=OuterRef("user_id"))
        .annotate(
            _rank=Case(When(role=TeamRole.CASE_DIRECTOR, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("_rank")
        .values("role")[:1]
    )
    rows = list(
        Invitation.objects.filter(conference=conference)
        .select_related("user__organisation", "person", "part")
        .annotate(team_role=Subquery(role))
    )
    people, clients, parts = {}, {}, {}
    for inv in rows:
        parts[inv.part_id] = inv.part
        if inv.user_id:
            entry = people.setdefault(
                inv.user_id,
                {"user": inv.user, "role": inv.team_role, "parts": [], "reason": inv.reason, "attendance": inv},
            )
            entry["parts"].append(inv.part)
        else:
            clients.setdefault(
                inv.person_id,
                {
                    "person": inv.person,
                    "parts": [],
                    "trusted": inv.trusted_person,
                    "attendance": inv.get_attendance_display(),
                    "recorded": inv.attendance != Attendance.UNKNOWN,
                    "present": inv.attendance in PRESENT,
                    "heard": inv.heard,
                },
            )
            clients[inv.person_id]["parts"].append(inv.part)
    ordered = sorted(
        people.values(), key=lambda p: (SPEAKING_ORDER.get(p["role"], 3), p["user"].last_name, p["user"].first_name)
    )
    for entry in ordered:
        entry["involved"] = entry["role"] in (TeamRole.CASE_DIRECTOR, TeamRole.PROFESSIONAL)
    return ordered, list(clients.values()), sorted(parts.values(), key=lambda p: p.order)


def guide_questions(conference, view):
    """The guide's questions for this step (the conference's chosen parts, or all of the phase when
    none were chosen), as (question, [sub-questions]). One query."""
    if not view.guide_steps:
        return []
    chosen = Conference.chosen_items.through.objects.filter(conference_id=conference.pk).values("guideitem_id")
    items = list(
        GuideItem.objects.filter(
            Q(pk__in=chosen) | Q(parent_id__in=chosen) | ~Exists(chosen),
            Q(phase=conference.phase) | Q(phase=""),
            version_id=conference.guide_version_id,
            step__in=view.guide_steps,
        ).order_by("order")
    )
    roots = {item.pk: (item, []) for item in items if item.parent_id is None}
    for item in items:
        if item.parent_id in roots:
            roots[item.parent_id][1].append(item)
    return list(roots.values())


def steps(conference):
    current = LIVE_STEP_ORDER.index(conference.current_step)
    return [
        {"key": str(s), "label": s.label, "done": i < current, "current": i == current, "view": DEFAULT_VIEW[s]}
        for i, s in enumerate(LIVE_STEP_ORDER)
    ]


def neighbours(conference):
    index = LIVE_STEP_ORDER.index(conference.current_step)
    before = LIVE_STEP_ORDER[index - 1] if index > 0 else None
    after = LIVE_STEP_ORDER[index + 1] if index + 1 < len(LIVE_STEP_ORDER) else None
    return before, after


def status_context(user, conference, relation, now=None):
    """The header: phase, BOB steps, the clock and the chair's step buttons. No queries."""
    before, after = neighbours(conference)
    return {
        "may_chair": policy.may_chair_conference(user, conference, relation),
        "clock": live.clock(conference, now),
        "stamp": live.stamp(conference, now),
        "steps": steps(conference),
        "step_before": before,
        "step_after": after,
        "is_open": conference.state in (ConferenceState.PLANNED, ConferenceState.LIVE),
    }


def build(request, conference, relation, view, *, forms=None, now=None):
    """The context of the workspace (full page, poll and action responses alike) for `view`."""
    user = request.user
    forms = dict(forms or {})
    people, clients, parts = participants(conference)
    invited = {p["user"].pk for p in people}
    if not parts:
        parts = list(conference.parts.all())  # only before anyone is invited
    ctx = {
        **status_context(user, conference, relation, now),
        "conference": conference,
        "case": conference.case,
        "relation": relation,
        "view": view,
        "views": VIEWS,
        "decision_views": [VIEWS[k] for k in DECISION_VIEWS],
        "may_take_part": policy.may_take_part(user, conference, relation, invited_user_ids=invited),
        "people": people,
        "clients": clients,
        "clients_unrecorded": [c["person"] for c in clients if not c["recorded"]],
        "parts": parts,
        "split": len(parts) > 1,
        "decision": one_to_one(conference, "phase_decision"),
        "agreement": one_to_one(conference, "agreement"),
        "withheld": [],
        "forms": forms,
    }
    # Lazy: the guide's text never changes within a version, so poll answers never ask for it.
    ctx["questions"] = SimpleLazyObject(lambda: guide_questions(conference, view))
    if view.notes_step:
        _notes(ctx, user, conference, view, forms, parts)
    loader = {
        "opening": _opening,
        "beeldvorming": _picture,
        "oordeelsvorming": _judgement,
        "brainstorm": _brainstorm,
        "plan": _plan,
        "afspraken": _agreements,
        "afgerond": _closed,
    }[view.key]
    loader(ctx, user, conference, forms)
    return ctx


def _withheld(ctx, names):
    ctx["withheld"] = sorted(set(ctx["withheld"]) | set(names))


def _notes(ctx, user, conference, view, forms, parts):
    notes, hidden = _split(
        user,
        ConferenceNote.objects.filter(conference=conference, step=view.notes_step)
        .select_related("author", "part")
        .order_by("part__order", "pk"),
    )
    _withheld(ctx, hidden)
    for note in notes:
        note.closed_part = note.part.kind == PartKind.CLOSED
        note.youth_part = note.part.kind == PartKind.YOUTH
        note.conference = conference  # may_edit_note checks the case's state: no query per note
        note.editable = ctx["is_open"] and policy.may_edit_note(user, note, ctx["relation"])
        note.form = forms.pop(f"note-{note.pk}", None) or f.NoteEditForm(
            initial={"version": note.version, "text": note.text}, auto_id=f"ws-note-{note.pk}-%s"
        )
        note.conflict = forms.pop(f"note-{note.pk}-current", None)
    ctx["notes"] = notes
    forms.setdefault("note", f.NoteForm(parts=parts, auto_id="ws-newnote-%s"))


def _opening(ctx, user, conference, forms):
    # The household's voice at the opening: their preparation talks, also of who does not come.
    ctx["client_rows"] = client_talks.client_rows(conference)
    budgets = conference.step_budgets or {}
    forms.setdefault("budgets", f.BudgetsForm(initial=budgets, auto_id="ws-budget-%s"))


def _editable(ctx, user, conference, items, forms):
    """Per own contribution (or any, for the chair): the correct form, its conflict, may it be changed."""
    for item in items:
        item.conference = conference  # may_edit_contribution checks the case's state: no query per item
        item.editable = ctx["is_open"] and policy.may_edit_contribution(user, item, ctx["relation"])
        if not item.editable:
            continue
        item.edit_form = forms.pop(f"item-{item.pk}", None) or f.ContributionEditForm(
            initial={"version": item.version, "text": item.text}, auto_id=f"ws-item-{item.pk}-%s"
        )
        item.edit_conflict = forms.pop(f"item-{item.pk}-current", None)


def top_items(conference):
    return list(
        SharedTopItem.objects.filter(conference=conference, kind=rules.top3_for_phase(conference.phase)).select_related(
            "contribution"
        )
    )


def _picture(ctx, user, conference, forms):
    kind = live.PHASE_CONTRIBUTION[Phase(conference.phase)]
    items, hidden = _split(user, Contribution.objects.filter(conference=conference, kind=kind).select_related("author"))
    _withheld(ctx, hidden)
    top = top_items(conference)
    chosen = {t.contribution_id: t.rank for t in top if t.contribution_id}
    for item in items:
        item.top_rank = chosen.get(item.pk)
    _editable(ctx, user, conference, items, forms)
    ctx.update(
        contributions=items,
        contribution_kind=kind,
        top=top,
        top_kind=rules.top3_for_phase(conference.phase),
        top_ranks=[{"rank": r, "item": next((t for t in top if t.rank == r), None)} for r in (1, 2, 3)],
        top_conflict=forms.pop("top-current", False),
    )
    forms.setdefault("contribution", f.ContributionForm(initial={"kind": kind}, auto_id="ws-contribution-%s"))
    forms.setdefault("top", f.TopItemForm(auto_id="ws-top-%s"))
    if conference.phase == Phase.IMMEDIATE_SAFETY:
        from ineen.households.models import Incident

        marks = {
            m: Exists(IncidentMark.objects.filter(conference=conference, mark=m, incident=OuterRef("pk")))
            for m in IncidentMarkKind.values
        }
        incidents, hidden = _split(
            user,
            Incident.objects.filter(policy.household_scope_q(conference.case))
            .annotate(**{f"is_{m}": q for m, q in marks.items()})
            .order_by("date", "pk"),
        )
        _withheld(ctx, hidden)
        for incident in incidents:
            incident.marks = [m for m in IncidentMarkKind if getattr(incident, f"is_{m.value}")]
        ctx["incidents"] = incidents
        ctx["marked"] = [
            {"mark": m, "incident": next((i for i in incidents if m in i.marks), None)} for m in IncidentMarkKind
        ]
        ctx["mark_kinds"] = list(IncidentMarkKind)


def _judgement(ctx, user, conference, forms):
    scores = list(
        ScalingScore.objects.filter(conference=conference, scale=rules.scale_for_phase(conference.phase))
        .select_related("author__organisation")
        .order_by("value", "pk")
    )
    scorers = {p["user"].pk for p in ctx["people"]} | {conference.chair_id}
    own = next((s for s in scores if s.author_id == user.pk), None)
    ctx.update(
        scores_count=len(scores),
        scorers_count=len(scorers | {s.author_id for s in scores if s.author_id}),
        own_score=own,
        scale=rules.scale_for_phase(conference.phase),
        scored_ids={s.author_id for s in scores},
    )
    if conference.scores_revealed and scores:
        spread = rules.score_distribution({s.pk: s.value for s in scores})
        stacked = {}
        for s in scores:  # a dot per score on the 1-10 strip (SVG, 600 wide); equal scores stack upwards
            s.outlier = s.pk in spread.outliers
            s.x = 20 + (s.value - 1) * 60
            s.y = 38 - 14 * stacked.get(s.value, 0)
            stacked[s.value] = stacked.get(s.value, 0) + 1
        top_y = min(s.y for s in scores) - 10
        ctx.update(
            scores=scores,
            distribution=spread,
            ticks=[(n, 20 + (n - 1) * 60) for n in range(1, 11)],
            median_x=20 + (spread.median - 1) * 60,
            strip_box=f"0 {min(top_y, 0)} 600 {80 - min(top_y, 0)}",
            median_top=min(top_y, 0) + 4,
        )
    # The household's own answers: a separate model, shown beside the distribution once revealed, never in it.
    own_answers = self_rating.household_answers(conference)  # also before revealing: the same query count
    if conference.scores_revealed:
        ctx["own_answers"] = own_answers
    ctx["may_rate_for_clients"] = policy.may_record_self_rating(user, conference, ctx["relation"])
    forms.setdefault(
        "score",
        f.ScoreForm(
            initial={"value": own.value, "justification": own.justification} if own else None, auto_id="ws-score-%s"
        ),
    )
    allowed = rules.allowed_phase_decisions(conference.phase)
    ctx["allowed_decisions"] = allowed
    forms.setdefault(
        "phase",
        f.PhaseDecisionForm(
            allowed=allowed, auto_id="ws-phase-%s", initial={"seen": live.decision_seen(ctx["decision"])}
        ),
    )


def _brainstorm(ctx, user, conference, forms):
    ideas, hidden = _split(
        user, Contribution.objects.filter(conference=conference, kind__in=BRAINSTORM_KINDS).select_related("author")
    )
    _withheld(ctx, hidden)
    for idea in ideas:
        idea.form = forms.pop(f"idea-{idea.pk}", None) or f.PriorityForm(
            initial={
                "version": idea.version,
                "is_priority": idea.is_priority,
                "client_priority": idea.client_priority,
                "expert_view": idea.expert_view,
                "client_capacity": idea.client_capacity,
                "horizon": idea.horizon,
            },
            auto_id=f"ws-idea-{idea.pk}-%s",
        )
        idea.conflict = forms.pop(f"idea-{idea.pk}-current", None)
    _editable(ctx, user, conference, ideas, forms)
    ctx["idea_groups"] = [{"kind": k, "ideas": [i for i in ideas if i.kind == k]} for k in BRAINSTORM_KINDS]
    ctx["priorities"] = [i for i in ideas if i.is_priority]
    forms.setdefault("idea", f.IdeaForm(auto_id="ws-idea-%s"))


def team(conference):
    """The running memberships, one per person (an older double membership would list someone twice as a
    possible owner or guardian)."""
    seen, members = set(), []
    for membership in (
        TeamMembership.objects.filter(_active_q(), case_id=conference.case_id)
        .select_related("user", "organisation")
        .order_by("role", "user__last_name", "pk")
    ):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            members.append(membership)
    return members


def offered_ideas(user, conference, may_chair):
    """The prioritised brainstorm ideas not yet turned into an action: offered to the chair only, and only
    while the meeting is open."""
    if not may_chair or conference.state != ConferenceState.LIVE:
        return []
    ideas, _hidden = _split(
        user,
        Contribution.objects.filter(
            conference=conference, kind__in=BRAINSTORM_KINDS, is_priority=True, plan_action__isnull=True
        ),
    )
    return list(ideas)


def _plan(ctx, user, conference, forms):
    # The forms' choices (team, top 3) are read only when a form is rendered: not by the poll.
    members = SimpleLazyObject(lambda: team(conference))
    actions = list(
        PlanAction.objects.filter(conference=conference).select_related("owner", "owner_organisation", "answers")
    )
    for action in actions:
        action.needs_reason = not action.reason.strip() and action.answers_id is None
    bottom_lines = list(
        BottomLine.objects.filter(conference=conference)
        .select_related("guardian", "guardian_organisation")
        .order_by("pk")
    )
    ctx.update(
        actions=actions,
        hints=live.plan_hints(actions),
        bottom_lines=bottom_lines,
        # The chair is prompted for the family's words of what concerns the family (issue 11, point 4).
        missing_wordings=live.missing_wordings(actions, bottom_lines),
    )
    # The chair is offered the prioritised ideas no action was made of yet ("Maak hier een actie van").
    ideas = SimpleLazyObject(lambda: offered_ideas(user, conference, ctx["may_chair"]))
    ctx["offered_ideas"] = ideas
    forms.setdefault(
        "action",
        SimpleLazyObject(
            lambda: f.PlanActionForm(team=members, top=top_items(conference), ideas=ideas, auto_id="ws-action-%s")
        ),
    )
    forms.setdefault(
        "bottom_line", SimpleLazyObject(lambda: f.BottomLineForm(team=members, auto_id="ws-bottomline-%s"))
    )


def _agreements(ctx, user, conference, forms):
    agreement = ctx["agreement"]
    initial = {"version": agreement.version if agreement else 0}
    if agreement:
        initial.update(
            timeline=agreement.timeline, keep_informed=agreement.keep_informed, closure_plan=agreement.closure_plan
        )
    forms.setdefault("agreement", f.AgreementForm(initial=initial, auto_id="ws-agreement-%s"))
    ctx["agreement_conflict"] = forms.pop("agreement-current", None)
    decision = ctx["decision"]
    ctx["show_closure"] = conference.phase == Phase.RECOVERY or bool(decision and decision.decision == "close")
    if "next" not in forms:
        case = conference.case
        members = policy.household_records(case, case.household.members.all())
        forms["next"] = f.NextMeetingForm(initial={"kind": conference.kind}, members=members, auto_id="ws-next-%s")


def _closed(ctx, user, conference, forms):
    ctx.update(
        top=top_items(conference),
        actions=list(PlanAction.objects.filter(conference=conference).select_related("owner", "owner_organisation")),
        bottom_lines=list(BottomLine.objects.filter(conference=conference).select_related("guardian")),
    )


def projector(conference, now=None):
    """What the projector shows (views/workspace.workspace_projector): only the current step's shared
    content — the phase's top 3, the scores' distribution once revealed, the plan's actions — and the
    clock. No personal input, no forms. At most three queries."""
    step = conference.current_step
    ctx = {
        "conference": conference,
        "clock": live.clock(conference, now),
        "stamp": live.stamp(conference, now),
        "step_label": dict(LiveStep.choices).get(step, ""),
        "top": [],
        "distribution": None,
        "counts": [],
        "actions": [],
    }
    if step in (LiveStep.PICTURE, LiveStep.DECISION, LiveStep.CLOSED):
        ctx["top"] = top_items(conference)
        ctx["top_kind"] = rules.top3_for_phase(conference.phase)
    if step == LiveStep.JUDGEMENT:
        ctx["scale"] = rules.scale_for_phase(conference.phase)
        if conference.scores_revealed:
            values = list(
                ScalingScore.objects.filter(conference=conference, scale=ctx["scale"]).values_list("value", flat=True)
            )
            ctx["distribution"] = rules.score_distribution(values)
            ctx["counts"] = [{"value": n, "count": values.count(n)} for n in range(1, 11)]
            # Beside, never counted; on the wall only what was said aloud at the table.
            ctx["own_answers"] = self_rating.household_answers(conference, said_at_the_table=True)
    if step in (LiveStep.DECISION, LiveStep.CLOSED):
        ctx["actions"] = list(
            PlanAction.objects.filter(conference=conference).select_related("owner", "owner_organisation")
        )
    return ctx
