"""The barrier register (knelpuntenregister): escalations and breaches whose cause lies in the system
(waiting lists, no mandate, no budget, rules in the way), counted per organisation, category and quarter,
with the median time to a result. Aggregates only: no case reference, no household, no free text; a count
below THRESHOLD is shown as "<5" and its median left out, so a single case cannot be recognised."""

from dataclasses import dataclass, field
from statistics import median

from django.utils import timezone

from ineen.accounts.models import SafetyHouse
from ineen.ops.replica import from_replica

from .enums import FINISHED, SYSTEM_CATEGORIES, Category
from .models import BottomLineBreach, Escalation

THRESHOLD = 5
LABELS = dict(Category.choices)


@dataclass
class Row:
    quarter: str
    organisation: str
    category: str
    escalations: int = 0
    breaches: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.escalations + self.breaches

    @property
    def shown_total(self) -> str:
        return str(self.total) if self.total >= THRESHOLD else f"<{THRESHOLD}"

    @property
    def shown_median(self) -> str:
        """Median days from raising to a result, over the finished escalations; only from THRESHOLD of them."""
        return str(round(median(self.days))) if len(self.days) >= THRESHOLD else "—"

    @property
    def category_label(self) -> str:
        return str(LABELS.get(self.category, self.category))


def _quarter(day) -> str:
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


@from_replica  # an aggregate register over quarters (ineen/ops/replica.py)
def register(house_ids) -> list[SafetyHouse]:
    """The safety houses in `house_ids`, each with `.rows` (Row per quarter, organisation, category),
    newest quarter first. Three queries whatever the number of cases."""
    houses = list(SafetyHouse.objects.filter(pk__in=house_ids).order_by("name"))
    rows: dict[tuple, Row] = {}
    escalations = Escalation.objects.filter(
        case__safety_house_id__in=house_ids, category__in=SYSTEM_CATEGORIES
    ).values_list("case__safety_house_id", "organisation__name", "category", "raised_at", "status", "resolved_on")
    for house_id, organisation, category, raised_at, status, resolved_on in escalations:
        # The local day it was raised (resolved_on is a local date too): the UTC date is a day early in the
        # last hour(s) of the Dutch day, which made every such duration one day too long.
        raised_on = timezone.localdate(raised_at)
        quarter = _quarter(raised_on)
        row = rows.setdefault((house_id, quarter, organisation, category), Row(quarter, organisation, category))
        row.escalations += 1
        if status in FINISHED and resolved_on is not None:
            row.days.append(max((resolved_on - raised_on).days, 0))
    # A breach that was escalated is counted once: as its escalation.
    breaches = BottomLineBreach.objects.filter(
        case__safety_house_id__in=house_ids, barrier__in=SYSTEM_CATEGORIES, escalations__isnull=True
    ).values_list("case__safety_house_id", "bottom_line__guardian_organisation__name", "barrier", "occurred_on")
    for house_id, organisation, category, occurred_on in breaches:
        quarter = _quarter(occurred_on)
        row = rows.setdefault((house_id, quarter, organisation, category), Row(quarter, organisation, category))
        row.breaches += 1
    for house in houses:
        mine = [row for (house_id, *_rest), row in rows.items() if house_id == house.pk]
        mine.sort(key=lambda r: (r.organisation, r.category))
        mine.sort(key=lambda r: r.quarter, reverse=True)
        house.rows = mine
    return houses
