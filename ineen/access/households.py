"""A household with several cases: which of its records are shown through which case.

A household can have several cases, one after another or at the same time (a new referral of a known
household). Its records (members, incidents, life domains, strengths, services, measures, other
tables) hang on the household and remember the case they were recorded in (`recorded_in`). Seen
through case C, a record is shown when it was recorded in C or in a case of the same household opened
before C: the earlier history helps the new team, but what a later team records never reaches the
team of an earlier case (unless they are in the later team too and look through the later case).
This one rule serves the pages, the API, reports, exports, search and counts; it narrows what the
item reading rule (items.item_visibility_q) leaves, it does not replace it. docs/privacy.md,
"Households with several cases". Part of the access policy (`policy` re-exports these).
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db.models import Model, OuterRef, Q, QuerySet

from ineen.cases.models import Case


def _household_scope(household_id: Any, case_id: Any, opened_at: Any, prefix: str = "") -> Q:
    return Q(**{f"{prefix}household_id": household_id}) & (
        Q(**{f"{prefix}recorded_in_id": case_id})
        | Q(**{f"{prefix}recorded_in__household_id": household_id, f"{prefix}recorded_in__opened_at__lt": opened_at})
    )


def household_scope_q(case: Case, prefix: str = "") -> Q:
    """Which household records may be shown through `case`: of its household, recorded in `case` or in
    a case of that household opened before it. A record without `recorded_in` is shown through no case
    (deny by default). `prefix`: the path to the record, e.g. "incident__" for incident involvements."""
    return _household_scope(case.household_id, case.pk, case.opened_at, prefix)


def household_scope_outer_q(prefix: str = "", case_path: str = "") -> Q:
    """household_scope_q for a subquery under a Case queryset (search, counts over many cases): the
    case is the outer row (`case_path`: the path from the outer row to the case, e.g. "case__")."""
    return _household_scope(
        OuterRef(f"{case_path}household_id"), OuterRef(f"{case_path}pk"), OuterRef(f"{case_path}opened_at"), prefix
    )


def household_scope_any_q(cases: Iterable[Case], prefix: str = "") -> Q:
    """Records shown through at least one of `cases` (of one household): for documents that span the
    cases a user may see, like the subject-access export. Nothing when `cases` is empty."""
    q = Q(pk__in=[])
    for case in cases:
        q |= household_scope_q(case, prefix)
    return q


def household_record_shown(case: Case, record: Any, opened_at: dict[int, datetime]) -> bool:
    """household_scope_q for records already in memory (the research export, which reads a whole
    house at once). `opened_at`: case pk -> opened_at for the household's cases."""
    if record.household_id != case.household_id or record.recorded_in_id is None:
        return False
    if record.recorded_in_id == case.pk:
        return True
    earlier = opened_at.get(record.recorded_in_id)
    return earlier is not None and earlier < case.opened_at


def later_case_opened_at(case: Case) -> datetime | None:
    """When the first case of the household opened after `case` was opened, or None. For what carries
    only the household (audit events in the transparency report): from then on it belongs to the later case."""
    return (
        Case.objects.filter(household_id=case.household_id, opened_at__gt=case.opened_at)
        .order_by("opened_at")
        .values_list("opened_at", flat=True)
        .first()
    )


def household_records[M: Model](case: Case, queryset: QuerySet[M]) -> QuerySet[M]:
    """Narrow a queryset of household records (or of members) to those shown through `case`. Combine
    with visible_items / readable_expression for governed items."""
    return queryset.filter(household_scope_q(case))


def earlier_case_labels(case: Case, records: Sequence[Any]) -> None:
    """Mark records that came from an earlier case of the household with that case's reference
    (`record.earlier_case`), so the page says where a record comes from. One query."""
    earlier_ids = {r.recorded_in_id for r in records if r.recorded_in_id not in (None, case.pk)}
    references = dict(Case.objects.filter(pk__in=earlier_ids).values_list("pk", "reference")) if earlier_ids else {}
    for record in records:
        record.earlier_case = references.get(record.recorded_in_id, "")
