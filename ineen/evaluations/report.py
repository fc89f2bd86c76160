"""Evaluation aggregates per period (quarter or month) and per chair: per questionnaire the number invited,
the responses, the response rate and the mean per item. Aggregates only: no case, no household, no free text.
A cell with fewer than THRESHOLD responses shows "<5" and no rate or means, so one respondent cannot be
recognised. Invited: for the professional questionnaires the conference's invited professionals and its
chair; for the client's, the household members invited to it. Three queries whatever the number of cases."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from ineen.conferences.enums import ConferenceState
from ineen.conferences.models import Conference, Invitation
from ineen.ops.replica import from_replica

from .enums import CLIENT_KINDS, Kind
from .models import EvaluationAnswer, QuestionnaireItem, QuestionnaireVersion

THRESHOLD = 5
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def period_of(day, period: str) -> str:
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


@dataclass
class Cell:
    invited: int = 0
    respondents: set = field(default_factory=set)
    values: dict = field(default_factory=lambda: defaultdict(list))  # item key -> values

    @property
    def responses(self) -> int:
        return len(self.respondents)

    @property
    def shown(self) -> bool:
        return self.responses >= THRESHOLD

    @property
    def shown_responses(self) -> str:
        return str(self.responses) if self.shown else f"<{THRESHOLD}"

    @property
    def rate(self) -> str:
        if not self.shown or not self.invited:
            return "—"
        return f"{round(100 * self.responses / self.invited)}%"

    def mean(self, key) -> float | None:
        values = self.values.get(key)
        return round(sum(values) / len(values), 1) if self.shown and values else None


@dataclass
class Row:
    period: str
    chair: str
    cell: Cell

    def means(self, items):
        return [self.cell.mean(item.key) for item in items]


@dataclass
class Questionnaire:
    kind: str
    label: str
    items: list
    rows: list = field(default_factory=list)
    total: Cell = field(default_factory=Cell)

    @property
    def chart(self):
        """Bars for the whole selection (every period and chair): (item, mean) where shown."""
        return [(item, self.total.mean(item.key)) for item in self.items]


def _items():
    version = QuestionnaireVersion.objects.filter(is_current=True).first()
    grouped = defaultdict(list)
    for item in QuestionnaireItem.objects.filter(version=version):
        grouped[item.kind].append(item)
    return grouped


@from_replica  # aggregates over ended conferences (ineen/ops/replica.py)
def build(house_id, *, period: str = "quarter") -> list[Questionnaire]:
    """The questionnaires of the house's ended conferences, each with its rows (newest period first) and the
    total over all rows, for the chart."""
    labels = dict(Kind.choices)
    grouped = _items()
    conferences = {
        c.pk: c
        for c in Conference.objects.filter(case__safety_house_id=house_id, state=ConferenceState.ENDED)
        .select_related("chair")
        .only("pk", "starts_at", "chair__first_name", "chair__last_name", "chair__email", "chair_id")
    }
    invited_users = defaultdict(set)
    invited_people = defaultdict(set)
    for conference_id, user_id, person_id in Invitation.objects.filter(conference_id__in=conferences).values_list(
        "conference_id", "user_id", "person_id"
    ):
        if user_id:
            invited_users[conference_id].add(user_id)
        if person_id:
            invited_people[conference_id].add(person_id)
    result = {str(kind): Questionnaire(str(kind), str(labels[kind]), grouped.get(str(kind), [])) for kind in Kind}
    cells: dict[tuple, Cell] = {}

    def key_of(conference):
        day = timezone.localtime(conference.starts_at).date()
        chair = conference.chair.get_full_name() or conference.chair.email
        return period_of(day, period), chair

    for conference in conferences.values():
        professionals = len(invited_users[conference.pk] | {conference.chair_id})
        for kind in Kind:
            invited = len(invited_people[conference.pk]) if kind in CLIENT_KINDS else professionals
            cell = cells.setdefault((str(kind), *key_of(conference)), Cell())
            cell.invited += invited
            result[str(kind)].total.invited += invited
    answers = EvaluationAnswer.objects.filter(response__conference_id__in=conferences).values_list(
        "response_id", "response__kind", "response__conference_id", "item__key", "value"
    )
    for response_id, kind, conference_id, item_key, value in answers:
        for cell in (cells[(kind, *key_of(conferences[conference_id]))], result[kind].total):
            cell.respondents.add(response_id)
            cell.values[item_key].append(value)
    for (kind, period_key, chair), cell in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        result[kind].rows.append(Row(period_key, chair, cell))
    for questionnaire in result.values():
        questionnaire.rows.sort(key=lambda row: row.period, reverse=True)
    return list(result.values())
