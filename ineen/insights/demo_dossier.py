"""Demo data for the dossier analysis (issue 13, point 3): the demo house's conferences that ended get what
the chair records at and after a meeting — who of the professionals and the household was there, a phase
decision, and agreements of every type — so /inzicht/dossieranalyse/ shows figures (and some "<5" cells)
for the chair, the manager and the researcher. Deterministic; runs after the other demo modules. Only rows
still empty are filled, so a rerun changes nothing. Written like the other demo seeders that move
conferences into the past: direct rows (the history triggers still record them), no audit read events."""

from datetime import timedelta

from ineen.cases.models import Case, Referral, Triage
from ineen.conferences.enums import Attendance, ConferenceState, PhaseDecisionKind
from ineen.conferences.models import Conference, Invitation, PhaseDecision
from ineen.guide.enums import Phase
from ineen.plans.enums import ActionType, Towards
from ineen.plans.models import PlanAction

from .dossier import CONFERENCE_KINDS, held

AGREEMENTS = [
    (
        ActionType.INFORMATION_EXCHANGE,
        Towards.PROFESSIONALS,
        "Politie deelt de laatste meldingen met Veilig Thuis.",
        "",
    ),
    (
        ActionType.ACTION,
        Towards.PROFESSIONALS,
        "Reclassering zoekt uit of een contactverbod mogelijk is.",
        "Zorg: dreiging na vrijlating.",
    ),
    (
        ActionType.ACTION,
        Towards.FAMILY,
        "Wijkteam bespreekt met moeder wat zij nodig heeft voor de kinderen.",
        "Herstelpunt van moeder.",
    ),
    (ActionType.NEW_MEETING, Towards.FAMILY, "Casusregisseur plant een gesprek met het hele gezin.", ""),
]
NEXT = {Phase.IMMEDIATE_SAFETY: Phase.STABLE_SAFETY, Phase.STABLE_SAFETY: Phase.RECOVERY}


def _in_order(house) -> None:
    """Other demo seeders move conferences into the past after the triage was decided today; put the
    referral and the triage of such a case before its first conference again, so the lead times are real."""
    for case in Case.objects.filter(safety_house=house).select_related("referral"):
        first = held(case.conferences.all()).order_by("starts_at").first()
        if first is None:
            continue
        triage = case.triages.filter(decided_at__isnull=False).order_by("decided_at").first()
        if triage and triage.decided_at >= first.starts_at:
            Triage.objects.filter(pk=triage.pk).update(decided_at=first.starts_at - timedelta(days=9 + case.pk % 12))
            triage.refresh_from_db()
        referral = getattr(case, "referral", None)
        limit = triage.decided_at if triage else first.starts_at
        if referral and referral.submitted_at >= limit:
            Referral.objects.filter(pk=referral.pk).update(submitted_at=limit - timedelta(days=2 + case.pk % 8))


def seed(house) -> None:
    _in_order(house)
    ended = Conference.objects.filter(
        case__safety_house=house, state=ConferenceState.ENDED, kind__in=CONFERENCE_KINDS
    ).order_by("starts_at", "pk")
    for n, conference in enumerate(ended.select_related("case")):
        invitations = list(conference.invitations.filter(attendance=Attendance.UNKNOWN).order_by("pk"))
        for i, invitation in enumerate(invitations):
            if invitation.user_id:
                attendance = Attendance.ABSENT if (n + i) % 6 == 5 else Attendance.PHYSICAL
            else:
                attendance = Attendance.PHYSICAL if (n + i) % 3 else Attendance.ABSENT
            Invitation.objects.filter(pk=invitation.pk).update(attendance=attendance)
        if not PhaseDecision.objects.filter(conference=conference).exists():
            forward = n % 3 == 0 and conference.phase in NEXT
            PhaseDecision.objects.create(
                conference=conference,
                from_phase=conference.phase,
                decision=PhaseDecisionKind.FORWARD if forward else PhaseDecisionKind.STAY,
                to_phase=NEXT[conference.phase] if forward else "",
                reason="De veiligheid is nog niet stabiel." if not forward else "De bodemeisen worden nagekomen.",
                decided_by=conference.chair,
            )
        if conference.actions.exists():
            continue
        owners = [inv.user for inv in conference.invitations.filter(user__isnull=False).select_related("user")]
        owners = [user for user in owners if user.organisation_id] or []
        if not owners:
            continue
        for i, (action_type, towards, what, reason) in enumerate(AGREEMENTS[: 2 + n % 3]):
            owner = owners[(n + i) % len(owners)]
            PlanAction.objects.create(
                case=conference.case,
                conference=conference,
                what=what,
                owner=owner,
                owner_organisation=owner.organisation,
                due_on=(conference.starts_at + timedelta(days=14)).date(),
                reason=reason,
                action_type=action_type,
                towards=towards,
            )
