"""Plan changes between meetings (issue 10, point 3): a team member proposes a change with a reason; the
involved partners (the action's owner and new owner, the bottom line's guardian and new guardian, the case
director) agree or object before `respond_by`; when all agree it is applied and stays in the plan's
history (before/after, who proposed, who agreed, when).

Choices (docs/architecture.md): an objection, or no answer by the deadline, never applies anything: the
change is shown to the case director as "naar het volgende overleg" (computed, nothing is applied
silently). Applying is conditional on the version of the action or bottom line seen at proposal: if
someone changed it meanwhile, the change is not applied (state "outdated") and goes to the conference.
The proposer's own answer counts as agreement when they are a required partner."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from ineen.access.actor import acting
from ineen.audit.models import Action
from ineen.cases.enums import TeamRole
from ineen.cases.models import TeamMembership

from .actions import MAX_TEXT, _audit
from .enums import ActionStatus, ActionType, Answer, BottomLineStatus, ChangeKind, ChangeState, Towards
from .models import BottomLine, PlanAction, PlanChange, PlanChangeResponse


def working_days_later(start: datetime.date, days: int) -> datetime.date:
    """`days` working days (Monday to Friday) after `start`."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def default_respond_by(today=None) -> datetime.date:
    days = int(getattr(settings, "INEEN_PLAN_CHANGE_RESPONSE_DAYS", 5))
    return working_days_later(today or timezone.localdate(), days)


def active_team_user_ids(case) -> dict[int, str]:
    """User id -> team role of the case's active team (the director role wins). One query."""
    today = timezone.localdate()
    roles: dict[int, str] = {}
    for m in TeamMembership.objects.filter(case=case):
        if m.is_active_on(today) and roles.get(m.user_id) != TeamRole.CASE_DIRECTOR:
            roles[m.user_id] = m.role
    return roles


def running_team(case) -> list[TeamMembership]:
    """The memberships running today, one per person (an older double membership would list someone twice as a
    possible owner), by first name: whom a proposal may name as owner."""
    today = timezone.localdate()
    rows = (
        TeamMembership.objects.filter(case=case)
        .select_related("user", "organisation")
        .order_by("user__first_name", "pk")
    )
    seen, team = set(), []
    for m in rows:
        if m.is_active_on(today) and m.user_id not in seen:
            seen.add(m.user_id)
            team.append(m)
    return team


def _name(user) -> str:
    if user is None:  # an agreement imported from an old case file: only its owner organisation is known
        return "—"
    return user.get_full_name() or user.email


def _text(value, field, *, required=True):
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Vul dit in.")})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}})
    return value


def _person(user, team, field) -> dict:
    if user is None or user.pk not in team:
        raise ValidationError({field: _("Kies iemand uit het team van deze casus.")})
    return {f"{field}_id": user.pk, field: _name(user), f"{field}_organisation_id": user.organisation_id}


def _date(value, field, today):
    if not isinstance(value, datetime.date) or value < today:
        raise ValidationError({field: _("Kies een datum vanaf vandaag.")})
    return value.isoformat()


def _before_after(
    kind,
    *,
    action,
    bottom_line,
    team,
    today,
    what,
    owner,
    due_on,
    towards,
    text,
    guardian,
    on_breach,
    kind_of_action="",
):
    """The proposal as before/after dicts of display values (and ids for applying)."""
    if kind == ChangeKind.NEW_ACTION:
        if towards not in Towards.values:
            raise ValidationError({"towards": _("Kies richting het gezin of richting professionals.")})
        after = {"what": _text(what, "what"), "due_on": _date(due_on, "due_on", today), "towards": towards}
        if kind_of_action:  # an arrangement element knows its type (information exchange, action, meeting)
            if kind_of_action not in ActionType.values:
                raise ValidationError({"action_type": _("Kies een soort afspraak.")})
            after["action_type"] = kind_of_action
        return {}, {**after, **_person(owner, team, "owner")}
    if kind in (ChangeKind.ACTION_CHANGE, ChangeKind.DROP_ACTION):
        if action is None or action.status != ActionStatus.OPEN:
            raise ValidationError({"action": _("Kies een open actie van dit plan.")})
        before = {"what": action.what, "owner": _name(action.owner), "due_on": action.due_on.isoformat()}
        if kind == ChangeKind.DROP_ACTION:
            return {**before, "status": str(ActionStatus.OPEN.label)}, {"status": str(ActionStatus.CANCELLED.label)}
        after = {}
        if owner is not None and owner.pk != action.owner_id:
            after.update(_person(owner, team, "owner"))
        if due_on is not None and due_on != action.due_on:
            after["due_on"] = _date(due_on, "due_on", today)
        if not after:
            raise ValidationError({"owner": _("Kies een andere eigenaar of een andere datum.")})
        return before, after
    if kind == ChangeKind.BOTTOM_LINE:
        if bottom_line is None or bottom_line.status != BottomLineStatus.ACTIVE:
            raise ValidationError({"bottom_line": _("Kies een bodemeis die nu geldt.")})
        before = {"text": bottom_line.text, "guardian": _name(bottom_line.guardian), "on_breach": bottom_line.on_breach}
        after = {}
        if (text or "").strip() and text.strip() != bottom_line.text:
            after["text"] = _text(text, "text")
        if guardian is not None and guardian.pk != bottom_line.guardian_id:
            after.update(_person(guardian, team, "guardian"))
        if (on_breach or "").strip() and on_breach.strip() != bottom_line.on_breach:
            after["on_breach"] = _text(on_breach, "on_breach")
        if not after:
            raise ValidationError({"text": _("Wijzig de tekst, de bewaker of wat er gebeurt als het misgaat.")})
        return before, after
    raise ValidationError({"kind": _("Kies wat u wilt wijzigen.")})


@transaction.atomic
def propose_change(
    *,
    case,
    actor,
    kind,
    reason,
    action=None,
    bottom_line=None,
    what="",
    owner=None,
    due_on=None,
    towards="",
    text="",
    guardian=None,
    on_breach="",
    respond_by=None,
    action_type="",
) -> PlanChange:
    """Propose a change to the plan. The required partners get an empty answer each (their "waiting for
    my answer" item on Mijn werk); the proposer's own one is "agree". When nobody else needs to answer
    the change is applied at once. Side effects: audit event(s)."""
    actor = acting(actor)
    today = timezone.localdate()
    reason = _text(reason, "reason")
    team = active_team_user_ids(case)
    before, after = _before_after(
        kind,
        action=action,
        bottom_line=bottom_line,
        team=team,
        today=today,
        what=what,
        owner=owner,
        due_on=due_on,
        towards=towards,
        text=text,
        guardian=guardian,
        on_breach=on_breach,
        kind_of_action=action_type,
    )
    respond_by = respond_by or default_respond_by(today)
    if respond_by < today:
        raise ValidationError({"respond_by": _("Kies een datum vanaf vandaag.")})
    target = action or bottom_line
    change = PlanChange.objects.create(
        case=case,
        kind=kind,
        action=action,
        bottom_line=bottom_line,
        target_version=target.version if target is not None else 0,
        proposed_by=actor.user,
        reason=reason,
        before=before,
        after=after,
        respond_by=respond_by,
    )
    partners = {uid for uid, role in team.items() if role == TeamRole.CASE_DIRECTOR}
    partners.update(uid for uid in (after.get("owner_id"), after.get("guardian_id")) if uid)
    if action is not None:
        partners.add(action.owner_id)
    if bottom_line is not None:
        partners.add(bottom_line.guardian_id)
    now = timezone.now()
    PlanChangeResponse.objects.bulk_create(
        PlanChangeResponse(
            change=change,
            partner_id=uid,
            answer=Answer.AGREE if uid == actor.user.pk else "",
            answered_at=now if uid == actor.user.pk else None,
        )
        for uid in sorted(partners & set(team))
    )
    _audit(
        actor=actor, action=Action.CREATE, case=case, object_type="plan_change", object_id=change.public_id, detail=kind
    )
    if not change.responses.filter(answer="").exists():
        _apply(change, actor)
    return change


@transaction.atomic
def respond_to_change(*, change, actor, answer, comment="") -> PlanChange:
    """A required partner agrees or objects (an objection needs a comment). The change row is locked, so
    two last answers at the same time apply it exactly once. Side effects: audit event; applying."""
    actor = acting(actor)
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Kies akkoord of bezwaar.")})
    comment = _text(comment, "comment", required=answer == Answer.OBJECT)
    locked = PlanChange.objects.select_for_update().get(pk=change.pk)
    if locked.state != ChangeState.OPEN:
        raise ValidationError(_("Over deze wijziging is al besloten."))
    done = PlanChangeResponse.objects.filter(change=locked, partner=actor.user, answer="").update(
        answer=answer, comment=comment, answered_at=timezone.now()
    )
    if not done:
        raise ValidationError(_("U hoeft op deze wijziging niet (meer) te reageren."))
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=change.case,
        object_type="plan_change",
        object_id=change.public_id,
        detail=f"answer {answer}",
    )
    if answer == Answer.OBJECT:
        PlanChange.objects.filter(pk=locked.pk).update(state=ChangeState.OBJECTED, decided_at=timezone.now())
    elif not locked.responses.filter(answer="").exists():
        locked.case = change.case
        _apply(locked, actor)
    return PlanChange.objects.get(pk=change.pk)


def _apply(change, actor) -> None:
    """Carry out an agreed change, conditional on the target's version at proposal ("outdated" otherwise)."""
    after, now = change.after, timezone.now()
    applied = True
    if change.kind == ChangeKind.NEW_ACTION:
        created = PlanAction.objects.create(
            case_id=change.case_id,
            what=after["what"],
            owner_id=after["owner_id"],
            owner_organisation_id=after["owner_organisation_id"],
            due_on=datetime.date.fromisoformat(after["due_on"]),
            reason=change.reason,
            towards=after["towards"],
            action_type=after.get("action_type", ActionType.ACTION),
        )
        change.action = created
    elif change.kind in (ChangeKind.ACTION_CHANGE, ChangeKind.DROP_ACTION):
        fields: dict = {"version": F("version") + 1}
        if change.kind == ChangeKind.DROP_ACTION:
            fields.update(status=ActionStatus.CANCELLED, outcome=change.reason)
        if "owner_id" in after:
            fields.update(owner_id=after["owner_id"], owner_organisation_id=after["owner_organisation_id"])
        if "due_on" in after:
            fields["due_on"] = datetime.date.fromisoformat(after["due_on"])
        applied = bool(
            PlanAction.objects.filter(
                pk=change.action_id, version=change.target_version, status=ActionStatus.OPEN
            ).update(**fields)
        )
    elif change.kind == ChangeKind.BOTTOM_LINE:
        fields = {"version": F("version") + 1}
        for key in ("text", "on_breach"):
            if key in after:
                fields[key] = after[key]
        if "guardian_id" in after:
            fields.update(guardian_id=after["guardian_id"], guardian_organisation_id=after["guardian_organisation_id"])
        applied = bool(
            BottomLine.objects.filter(
                pk=change.bottom_line_id, version=change.target_version, status=BottomLineStatus.ACTIVE
            ).update(**fields)
        )
    change.state = ChangeState.APPLIED if applied else ChangeState.OUTDATED
    change.decided_at = now
    change.save(update_fields=["state", "decided_at", "action"])
    _audit(
        actor=actor,
        action=Action.UPDATE,
        case=change.case,
        object_type="plan_change",
        object_id=change.public_id,
        detail=change.state,
    )


LABELS = {
    "what": _l("Wat"),
    "owner": _l("Wie"),
    "due_on": _l("Wanneer klaar"),
    "towards": _l("Richting"),
    "status": _l("Status"),
    "text": _l("Bodemeis"),
    "guardian": _l("Wie bewaakt"),
    "on_breach": _l("Als het niet nagekomen wordt"),
}


def change_rows(change) -> list[tuple[str, str, str]]:
    """(label, before, after) per changed field, in the user's words (dates written out)."""

    def show(key, value):
        if value in (None, ""):
            return ""
        if key == "due_on":
            return formats.date_format(datetime.date.fromisoformat(value), "j F Y")
        if key == "towards":
            return str(Towards(value).label)
        return str(value)

    rows = []
    for key in LABELS:
        if key in change.after:
            rows.append((str(LABELS[key]), show(key, change.before.get(key)), show(key, change.after[key])))
    return rows
