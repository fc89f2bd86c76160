"""Triage as a standing meeting (issue 10, point 8): the chair plans a triage meeting of the safety house
with several referrals on the agenda and invited partners; each agenda item gets an outcome (accept with a
route, decline, advice to the referrer, referred elsewhere), recorded as the case's Triage with reasons the
referrer sees on their referral page.

Who sees the agenda: only the chair of the house. Invited partners get the date and place (and an e-mail
link), not the referrals: the single-case triage page is chair-only today and we keep that rule until the
privacy officer decides which minimal referral information partners may see before the meeting.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action

from . import actions
from .enums import CaseState
from .models import Case, TriageAgendaItem, TriageMeeting


def waiting_for_triage(house):
    """Referrals of the house waiting for a triage decision."""
    return Case.objects.filter(safety_house=house, state__in=(CaseState.REFERRED, CaseState.IN_TRIAGE))


def _subject(meeting) -> Subject:
    return Subject("triage_meeting", str(meeting.public_id), safety_house_code=meeting.safety_house.code)


@transaction.atomic
def plan_meeting(*, house, actor, starts_at, location: str, invited=(), cases=()) -> TriageMeeting:
    actor = acting(actor)
    if starts_at is None or starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Plan het weegoverleg in de toekomst.")})
    if not location.strip():
        raise ValidationError({"location": _("Vul de locatie in.")})
    cases = list(cases)
    if not cases:
        raise ValidationError({"cases": _("Zet minstens één aanmelding op de agenda.")})
    waiting = set(waiting_for_triage(house).values_list("pk", flat=True))
    if any(c.pk not in waiting for c in cases):
        raise ValidationError({"cases": _("Alleen aanmeldingen die op het weegoverleg wachten kunnen op de agenda.")})
    meeting = TriageMeeting.objects.create(
        safety_house=house, starts_at=starts_at, location=location, created_by=actor.user
    )
    meeting.invited.set(invited)
    for position, case in enumerate(cases, start=1):
        TriageAgendaItem.objects.create(meeting=meeting, case=case, position=position)
        actions.prepare_triage(case=case, actor=actor, scheduled_for=starts_at, participants=_participants(invited))
    events.record(
        actor=actor,
        action=Action.CREATE,
        purpose="weegoverleg",
        role="chair",
        subject=_subject(meeting),
        detail=f"agenda {len(cases)} invited {len(list(invited))}",
    )
    return meeting


def _participants(invited) -> str:
    return ", ".join(sorted({u.organisation.name for u in invited if u.organisation_id}))


@transaction.atomic
def record_outcome(
    *,
    item: TriageAgendaItem,
    actor,
    decision: str,
    reasons: str,
    route: str = "",
    referred_to: str = "",
    clients_informed: bool = False,
) -> TriageAgendaItem:
    """One agenda item's outcome: the case's triage decision (actions.decide_triage, which audits, moves the
    case and tells the referrer by e-mail link)."""
    actor = acting(actor)
    item = TriageAgendaItem.objects.select_for_update().select_related("case").get(pk=item.pk)
    if item.triage_id is not None:
        raise ValidationError(_("Voor dit agendapunt is al een uitkomst vastgelegd."))
    triage = actions.decide_triage(
        case=item.case,
        actor=actor,
        decision=decision,
        route=route,
        reasons=reasons,
        referred_to=referred_to,
        clients_informed=clients_informed,
    )
    item.triage = triage
    item.save(update_fields=["triage"])
    return item
