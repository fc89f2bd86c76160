"""Mijn werk items (ineen/web/work_items.py) of information governance:

- "disputes": items of my organisation that a household member disputes, in cases where I am in the team
  (only the source organisation answers: access/disputes.py); one query.
- "signals": as case director, a young person in the case who turns 18 within the plan's horizon
  (households/coming_of_age.py); a few queries per directed case (a director has a handful).
No case content beyond the reference and a first name where the signal needs it.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import TeamMembership
from ineen.web.work_items import WorkItem

from .enums import DisputeState
from .models import Dispute


def _my_team_cases(user, today, **extra):
    return (
        TeamMembership.objects.filter(user=user, active_from__lte=today, **extra)
        .exclude(active_until__lt=today)
        .exclude(ended_on__isnull=False)
        .exclude(case__state=CaseState.CLOSED)
        .filter(case__in=policy.cases_for_user(user).values("pk"))
        .values("case_id")
    )


def dispute_items(user) -> list[WorkItem]:
    if not user.is_authenticated or user.organisation_id is None:
        return []
    today = timezone.localdate()
    items = []
    for d in (
        Dispute.objects.filter(
            state=DisputeState.PENDING,
            source_organisation_id=user.organisation_id,
            case__in=_my_team_cases(user, today),
        )
        .select_related("case")
        .only("public_id", "raised_at", "kind", "case__public_id", "case__reference")
        .order_by("raised_at")
    ):
        items.append(
            WorkItem(
                section="disputes",
                title=_("Bevestig of corrigeer betwiste informatie van uw organisatie"),
                url=reverse("privacy:dispute_answer", args=[d.case.public_id, d.public_id]),
                case_reference=d.case.reference,
                due_on=timezone.localtime(d.raised_at).date(),
                detail=d.get_kind_display(),
            )
        )
    return items


def signal_items(user) -> list[WorkItem]:
    """Three queries whatever the number of directed cases: the cases, their open actions' latest due
    dates, and the members with a known birth date or year."""
    from django.db.models import Max

    from ineen.cases.models import Case
    from ineen.households.coming_of_age import turning_eighteen
    from ineen.households.models import Person
    from ineen.plans.enums import ActionStatus
    from ineen.plans.models import PlanAction

    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    cases = list(Case.objects.filter(pk__in=_my_team_cases(user, today, role=TeamRole.CASE_DIRECTOR)))
    if not cases:
        return []
    latest = dict(
        PlanAction.objects.filter(case__in=cases, status=ActionStatus.OPEN)
        .values("case_id")
        .annotate(latest=Max("due_on"))
        .values_list("case_id", "latest")
    )
    people = list(
        Person.objects.filter(household_id__in={c.household_id for c in cases})
        .exclude(birth_date__isnull=True, birth_year__isnull=True)
        .select_related("recorded_in")
    )
    opened = {p.recorded_in_id: p.recorded_in.opened_at for p in people if p.recorded_in_id}
    items = []
    for case in cases:
        opened[case.pk] = case.opened_at
        members = [p for p in people if policy.household_record_shown(case, p, opened)]
        for t in turning_eighteen(case, today, members=members, latest=latest.get(case.pk)):
            items.append(
                WorkItem(
                    section="signals",
                    title=_("%(name)s wordt 18: regel de overgang naar zorg voor volwassenen")
                    % {"name": t.person.first_name},
                    url=reverse("web:case_detail", args=[case.public_id]) + "#wordt-18",
                    case_reference=case.reference,
                    due_on=t.on,
                )
            )
    return items
