"""Mijn werk items (ineen/web/work_items.py) of information governance:

- "disputes": items of my organisation that a household member disputes, in cases where I am in the team
  (only the source organisation answers: access/disputes.py); one query.
- "signals": as case director, a young person in the case who turns 18 within the plan's horizon
  (households/coming_of_age.py); three queries whatever the number of directed cases.
Both are two-phase providers (ineen/web/work_items.py): their queries are read in Mijn werk's one round trip,
only in cases the user may see (the request's policy.work_scope).
No case content beyond the reference and a first name where the signal needs it.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import Case, TeamMembership
from ineen.web.work_items import Pending, WorkItem, label, provider

from .enums import DisputeState
from .models import Dispute


def _my_team_cases(user, scope, today, **extra):
    return (
        TeamMembership.objects.filter(scope.case_q("case"), user=user, active_from__lte=today, **extra)
        .exclude(active_until__lt=today)
        .exclude(ended_on__isnull=False)
        .exclude(case__state=CaseState.CLOSED)
        .values("case_id")
    )


@provider
def dispute_items(user, scope) -> Pending | list[WorkItem]:
    if not user.is_authenticated or user.organisation_id is None:
        return []
    pending = (
        Dispute.objects.filter(
            state=DisputeState.PENDING,
            source_organisation_id=user.organisation_id,
            case__in=_my_team_cases(user, scope, timezone.localdate()),
        )
        .order_by("raised_at")
        .values_list("public_id", "raised_at", "kind", "case__public_id", "case__reference")
    )

    def build(rows):
        return [
            WorkItem(
                section="disputes",
                title=_("Bevestig of corrigeer betwiste informatie van uw organisatie"),
                url=reverse("privacy:dispute_answer", args=[case_id, public_id]),
                case_reference=reference,
                due_on=timezone.localtime(raised_at).date(),
                detail=label(Dispute, "kind", kind),
            )
            for public_id, raised_at, kind, case_id, reference in rows[0]
        ]

    return Pending([pending], build)


@provider
def signal_items(user, scope) -> Pending | list[WorkItem]:
    """Three queries whatever the number of directed cases, each narrowed by the directed cases as a
    subquery so they need not wait for each other: the cases, their open actions' latest due dates, and the
    members with a known birth date or year."""
    from django.db.models import Max

    from ineen.households.coming_of_age import turning_eighteen
    from ineen.households.models import Person
    from ineen.plans.enums import ActionStatus
    from ineen.plans.models import PlanAction

    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    directed = _my_team_cases(user, scope, today, role=TeamRole.CASE_DIRECTOR)
    cases = Case.objects.filter(pk__in=directed).values_list(
        "pk", "public_id", "reference", "household_id", "opened_at", named=True
    )
    latest = (
        PlanAction.objects.filter(case__in=directed, status=ActionStatus.OPEN)
        .values("case_id")
        .annotate(latest=Max("due_on"))
        .values_list("case_id", "latest")
    )
    people = (
        Person.objects.filter(household_id__in=Case.objects.filter(pk__in=directed).values("household_id"))
        .exclude(birth_date__isnull=True, birth_year__isnull=True)
        .values_list(
            "household_id",
            "recorded_in_id",
            "recorded_in__opened_at",
            "birth_date",
            "birth_year",
            "first_name",
            named=True,
        )
    )

    def build(rows):
        cases, latest, people = rows[0], dict(rows[1]), rows[2]
        opened = {p.recorded_in_id: p.recorded_in__opened_at for p in people if p.recorded_in_id}
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

    return Pending([cases, latest, people], build)
