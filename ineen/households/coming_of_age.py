"""Turning 18 (issue 11, point 9): youth care (Jeugdwet) ends at 18, so a young person whose 18th birthday
falls within the plan's horizon needs a transition arranged. Shown on the case page and the plan, and as a
work item for the case director (section "signals").

The horizon is the later of: six months from today, and the latest due date of the case's open plan
actions. Six months is about how long arranging adult care (Wmo, adult mental health care, income) takes;
the actions' due dates stretch it when the plan itself reaches further. With only a birth year known, the
person counts as turning 18 on 1 January of that year: an early signal is better than a missed one.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from ineen.access import policy

HORIZON_MONTHS = 6


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one: the day after 28 February
        return date(day.year + years, 3, 1)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    return date(year, month, 28)


def eighteenth_birthday(person) -> tuple[date, bool] | None:
    """(the day, exact?) or None when neither birth date nor birth year is known."""
    if person.birth_date:
        return _add_years(person.birth_date, 18), True
    if person.birth_year:
        return date(person.birth_year + 18, 1, 1), False
    return None


@dataclass(frozen=True)
class TurningEighteen:
    person: object
    on: date
    exact: bool


_UNSET = object()


def horizon(case, today: date, latest=_UNSET) -> date:
    """`latest`: the latest due date of the case's open actions when the caller already has it (or None)."""
    from ineen.plans.enums import ActionStatus
    from ineen.plans.models import PlanAction

    if latest is _UNSET:
        latest = PlanAction.objects.filter(case=case, status=ActionStatus.OPEN).aggregate(latest=Max("due_on"))[
            "latest"
        ]
    six_months = _add_months(today, HORIZON_MONTHS)
    return max(six_months, latest) if latest else six_months


def turning_eighteen(case, today: date, members=None, latest=_UNSET) -> list[TurningEighteen]:
    """Members of the case's household (as shown through this case) who turn 18 between today and the
    horizon. `members` (already scoped to the case) and `latest` (see horizon): loaded by the caller, to
    save queries."""
    if members is None:
        # One query: the members with their case's latest open due date alongside (the page budget).
        from django.db.models import Subquery

        from ineen.plans.enums import ActionStatus
        from ineen.plans.models import PlanAction

        due = (
            PlanAction.objects.filter(case_id=case.pk, status=ActionStatus.OPEN)
            .values("case_id")
            .annotate(latest=Max("due_on"))
            .values("latest")[:1]
        )
        members = list(
            policy.household_records(case, case.household.members.all())
            .exclude(birth_date__isnull=True, birth_year__isnull=True)
            .annotate(latest_due=Subquery(due))
        )
        if not members:
            return []
        latest = members[0].latest_due
    until = horizon(case, today, latest)
    found = []
    for person in members:
        birthday = eighteenth_birthday(person)
        if birthday and today <= birthday[0] <= until:
            found.append(TurningEighteen(person=person, on=birthday[0], exact=birthday[1]))
    return sorted(found, key=lambda t: t.on)


def signals_for(case, relation, today: date) -> list[TurningEighteen]:
    """The turning-18 signals of a case page or plan, for whom the policy shows them (else none)."""
    return turning_eighteen(case, today) if policy.sees_turning_eighteen(case, relation) else []
