"""The dossier analysis (issue 13, point 3): the research's own measures of its ten case files (chapter
3.3.1, tables 3.1 and 3.2) over any selection of a safety house's cases (period, route), computed in SQL.

`compute(selection)` is THE one computation: it returns raw figures (a JSON-able dict of numbers, nothing
about any one case); `dossier_table.tables()` suppresses small cells and formats them, and the page, CSV,
XLSX and API only render those tables, so the four outputs carry the same numbers.
`dossier_reference.compute()` is a plain-Python computation of the same dict that the tests compare with.

Every figure is an aggregate query (COUNT/MIN/MAX/AVG, GROUP BY, window functions); the number of queries
does not depend on the number of households, and no Python loop walks over case rows.

Definitions (docs/architecture.md, "Dossier analysis"):
- selection: the house's cases, on `route` if given; with a period, the cases referred in it or with a held
  conference in it (dates inclusive, local time). Households: the households of those cases.
- held conference: a focus or MDA++ conference that ended (triage conferences are the triage step).
- household records (life domains with some or serious concerns, incidents, measures) count per household,
  whatever case recorded them; conference figures use the held conferences of the selected cases.
- agreements: plan actions made at a held conference, without copies carried over to a next one.
- times are per case (a trajectory): referral submitted -> first triage decision -> first held conference.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models import Case as CaseWhen
from django.db.models.functions import RowNumber
from django.utils import timezone

from ineen.access.sql import InSubquery
from ineen.cases.models import Case
from ineen.conferences.enums import PRESENT, ConferenceKind, ConferenceState, PhaseDecisionKind
from ineen.conferences.models import Conference, Invitation, OrganisationPresence, PhaseDecision
from ineen.guide.enums import Phase
from ineen.households.enums import Concern, LifeDomain, MeasureCategory, MeasureKind, ViolenceType
from ineen.households.models import Household, Incident, LegalMeasure, LifeDomainAssessment
from ineen.plans.enums import ActionType, Towards
from ineen.plans.models import PlanAction

THRESHOLD = 5  # as the evaluation aggregates and the barrier register: counts under 5 show as "<5"
CONFERENCE_KINDS = (ConferenceKind.FOCUS, ConferenceKind.MDA)
PROBLEM = (Concern.SOME, Concern.SERIOUS)
AGREEMENT_CELLS = [(t.value, w.value) for w in Towards for t in ActionType]
TIMINGS = ("referral_triage", "triage_conference", "referral_conference")
MOVES = [(a.value, b.value) for a in Phase for b in Phase if a != b]


@dataclass(frozen=True)
class Selection:
    house_id: int
    start: date | None = None
    end: date | None = None
    route: str = ""


def _bounds(selection: Selection) -> tuple[datetime | None, datetime | None]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(selection.start, time.min, tz) if selection.start else None
    end = datetime.combine(selection.end + timedelta(days=1), time.min, tz) if selection.end else None
    return start, end


def _in_period(field: str, start: datetime | None, end: datetime | None) -> Q:
    q = Q()
    if start:
        q &= Q(**{f"{field}__gte": start})
    if end:
        q &= Q(**{f"{field}__lt": end})
    return q


def held(conferences: QuerySet[Conference]) -> QuerySet[Conference]:
    return conferences.filter(state=ConferenceState.ENDED, kind__in=CONFERENCE_KINDS)


def selected_cases(selection: Selection) -> QuerySet[Case]:
    cases = Case.objects.filter(safety_house_id=selection.house_id)
    if selection.route:
        cases = cases.filter(route=selection.route)
    start, end = _bounds(selection)
    if start or end:
        conference_in_period = held(Conference.objects.filter(case=OuterRef("pk"))).filter(
            _in_period("starts_at", start, end)
        )
        cases = cases.filter(_in_period("referral__submitted_at", start, end) | Q(Exists(conference_in_period)))
    return cases


def organisations_present(conferences: QuerySet[Conference]) -> list[QuerySet]:
    """THE definition of "organisation at a conference": row sources (conf, hh, org) — conference, its
    household, an organisation that was there. Two sources: the organisation of each invited professional
    whose attendance was recorded as present (in person or online), and, for conferences known only from an
    old case file (ineen/imports), the organisations the file says were present (`OrganisationPresence`).
    Every organisation figure reads the union of these sources (`_organisation_figures`)."""
    invited = (
        Invitation.objects.filter(
            conference__in=conferences,
            user__isnull=False,
            user__organisation__isnull=False,
            attendance__in=PRESENT,
        )
        .annotate(conf=F("conference_id"), hh=F("conference__case__household_id"), org=F("user__organisation_id"))
        .values("conf", "hh", "org")
    )
    recorded = (
        OrganisationPresence.objects.filter(conference__in=conferences)
        .annotate(conf=F("conference_id"), hh=F("conference__case__household_id"), org=F("organisation_id"))
        .values("conf", "hh", "org")
    )
    return [invited, recorded]


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    return queryset.query.get_compiler(connection=connection).as_sql()


def _organisation_figures(conferences: QuerySet[Conference]) -> dict:
    """Organisations involved, in one SQL statement over the union of both sources: how many, how many in
    one household only, and per household in total, at the first and at the last held conference. The
    first/last conference of a household: no earlier/later one (ties broken by id), as `_edge_conferences`."""
    sources = [_sql(q) for q in organisations_present(conferences)]
    held_sql, held_params = _sql(
        conferences.annotate(cid=F("pk"), chh=F("case__household_id"), cat=F("starts_at")).values("cid", "chh", "cat")
    )
    union = " UNION ".join(f"SELECT conf, hh, org FROM ({sql}) s{n}" for n, (sql, _p) in enumerate(sources))  # noqa: S608
    params = tuple(held_params) + tuple(p for _sql_, ps in sources for p in ps)
    edge = (
        "SELECT c.cid FROM c WHERE NOT EXISTS (SELECT 1 FROM c AS d WHERE d.chh = c.chh "
        "AND (d.cat {op} c.cat OR (d.cat = c.cat AND d.cid {op} c.cid)))"
    )
    query = (
        f"WITH c AS ({held_sql}), p AS ({union}), "  # noqa: S608 (SQL compiled by Django from querysets)
        f"firsts AS ({edge.format(op='<')}), lasts AS ({edge.format(op='>')}), "
        "per AS (SELECT hh, COUNT(DISTINCT org) AS k, "
        "COUNT(DISTINCT CASE WHEN conf IN (SELECT cid FROM firsts) THEN org END) AS f, "
        "COUNT(DISTINCT CASE WHEN conf IN (SELECT cid FROM lasts) THEN org END) AS l FROM p GROUP BY hh), "
        "o AS (SELECT org, COUNT(DISTINCT hh) AS h FROM p GROUP BY org) "
        "SELECT (SELECT COUNT(*) FROM o), (SELECT COUNT(*) FROM o WHERE h = 1), "
        "COUNT(*), MIN(k), MAX(k), AVG(k), MIN(f), MAX(f), AVG(f), MIN(l), MAX(l), AVG(l) FROM per"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
    total, one, n = row[0], row[1], row[2]

    def dist(lo, hi, mean):
        return {"n": n or 0, "min": lo, "max": hi, "mean": _mean(mean)}

    return {
        "total": total,
        "one_household": one,
        "per_household": dist(*row[3:6]),
        "first": dist(*row[6:9]),
        "last": dist(*row[9:12]),
    }


def _edge_conferences(conferences: QuerySet[Conference], *, last: bool) -> QuerySet:
    """The first (or last) held conference of each household: one row per household (window function)."""
    order = [F("starts_at").desc(), F("pk").desc()] if last else [F("starts_at").asc(), F("pk").asc()]
    return conferences.annotate(
        rank=Window(RowNumber(), partition_by=[F("case__household_id")], order_by=order)
    ).filter(rank=1)


def _has_type(value: str) -> Q:
    # JSON containment is jsonb @> on PostgreSQL; SQLite has no `contains` on JSON, so match the quoted
    # value in the JSON text there (the list holds plain enum values, so quotes delimit them exactly).
    if connection.features.supports_json_field_contains:
        return Q(violence_types__contains=[value])
    return Q(violence_types__icontains=json.dumps(value))


def _days(value) -> float | None:
    if value is None:
        return None
    if not isinstance(value, timedelta):  # SQLite may hand back microseconds
        value = timedelta(microseconds=value)
    return round(value.total_seconds() / 86400, 1)


def _mean(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _stats(prefix: str, field: str, **filters) -> dict:
    f = {"filter": filters["filter"]} if filters else {}
    return {
        f"{prefix}_n": Count(field, **f),
        f"{prefix}_min": Min(field, **f),
        f"{prefix}_max": Max(field, **f),
        f"{prefix}_mean": Avg(field, **f),
    }


def _dist(row: dict, prefix: str, *, days: bool = False) -> dict:
    """n, min, max and mean of one aggregate; durations in days (one decimal), means to two decimals."""
    one = _days if days else (lambda v: v)
    return {
        "n": row[f"{prefix}_n"] or 0,
        "min": one(row[f"{prefix}_min"]),
        "max": one(row[f"{prefix}_max"]),
        "mean": _days(row[f"{prefix}_mean"]) if days else _mean(row[f"{prefix}_mean"]),
    }


def _median(queryset: QuerySet, field: str, n: int) -> float | None:
    """The median of a duration annotation over n rows: the middle one or two rows, fetched in one query."""
    if not n:
        return None
    lo, hi = (n - 1) // 2, n // 2
    middle = list(
        queryset.filter(**{f"{field}__isnull": False}).order_by(field).values_list(field, flat=True)[lo : hi + 1]
    )
    days = [_days(v) for v in middle]
    return round(sum(days) / len(days), 1)


def compute(selection: Selection) -> dict:
    """The raw figures of the selection (counts, minima, maxima, means, medians). With fewer than THRESHOLD
    households only the counts of households and cases are computed."""
    cases = selected_cases(selection)
    households = Household.objects.filter(pk__in=cases.values("household_id"))
    base = households.annotate(
        k=Count("life_domains__domain", distinct=True, filter=Q(life_domains__concern__in=PROBLEM))
    ).aggregate(households=Count("pk"), **_stats("domains", "k"))
    result: dict = {"households": base["households"]}
    if base["households"] < THRESHOLD:
        return result
    hh_ids = cases.values("household_id")
    result["domains_per_household"] = _dist(base, "domains")
    result["life_domains"] = LifeDomainAssessment.objects.filter(
        household_id__in=hh_ids, concern__in=PROBLEM
    ).aggregate(**{d: Count("household_id", distinct=True, filter=Q(domain=d)) for d in LifeDomain.values})
    result["violence_types"] = Incident.objects.filter(household_id__in=hh_ids).aggregate(
        **{t: Count("household_id", distinct=True, filter=_has_type(t)) for t in ViolenceType.values}
    )
    measures = LegalMeasure.objects.filter(household_id__in=hh_ids).aggregate(
        **{f"c:{c}": Count("household_id", distinct=True, filter=Q(category=c)) for c in MeasureCategory.values},
        **{f"k:{k}": Count("household_id", distinct=True, filter=Q(kind=k)) for k in MeasureKind.values},
    )
    result["measure_categories"] = {c: measures[f"c:{c}"] for c in MeasureCategory.values}
    result["measure_kinds"] = {k: measures[f"k:{k}"] for k in MeasureKind.values}

    # `= ANY(ARRAY(..))`: the house's case ids once, then the conferences' case index; a plain IN let the
    # planner scan every conference in the country (access/sql.py says why).
    conferences = held(Conference.objects.filter(InSubquery("case_id", cases.values("pk"))))
    result["organisations"] = _organisation_figures(conferences)

    spans = conferences.values("case__household_id").annotate(
        n=Count("pk"),
        span=ExpressionWrapper(Max("starts_at") - Min("starts_at"), output_field=DurationField()),
    )
    spans = spans.aggregate(total=Sum("n"), **_stats("per", "n"), **_stats("span", "span", filter=Q(n__gte=2)))
    result["conferences"] = {"total": spans["total"] or 0, **_dist(spans, "per")}
    result["days_first_last"] = _dist(spans, "span", days=True)

    agreements = PlanAction.objects.filter(conference__in=conferences, carried_over_from__isnull=True).aggregate(
        total=Count("pk"),
        with_reason=Count("pk", filter=~Q(reason="")),
        **{f"{t}:{w}": Count("pk", filter=Q(action_type=t, towards=w)) for t, w in AGREEMENT_CELLS},
    )
    result["agreements"] = {
        "total": agreements["total"],
        "with_reason": agreements["with_reason"],
        "cells": {f"{t}:{w}": agreements[f"{t}:{w}"] for t, w in AGREEMENT_CELLS},
    }

    client_present = Invitation.objects.filter(conference=OuterRef("pk"), person__isnull=False, attendance__in=PRESENT)
    with_client = conferences.aggregate(
        conferences=Count("pk"),
        with_client=Count("pk", filter=Q(Exists(client_present))),
        households=Count("case__household_id", distinct=True, filter=Q(Exists(client_present))),
    )
    pairs = (
        Invitation.objects.filter(conference__in=conferences, person__isnull=False)
        .values("conference_id", "person_id")
        .annotate(
            p=Max(CaseWhen(When(attendance__in=PRESENT, then=Value(1)), default=Value(0), output_field=IntegerField()))
        )
        .aggregate(invited=Count("person_id"), present=Sum("p"))
    )
    result["clients"] = {
        "invited": pairs["invited"],
        "present": pairs["present"] or 0,
        "conferences": with_client["conferences"],
        "conferences_with_client": with_client["with_client"],
        "households_with_client": with_client["households"],
    }

    # The first triage decision and the first held conference per case, as MIN over a join grouped by case
    # (NULLs are ignored, as the earliest row would be). One pass over the house's cases: correlated
    # "first row" subqueries per case took 1-1.5 s at region scale (25,000 cases), four times over.
    held_q = Q(conferences__state=ConferenceState.ENDED, conferences__kind__in=CONFERENCE_KINDS)
    timed = cases.annotate(
        ref=Min("referral__submitted_at"),
        tri=Min("triages__decided_at"),
        conf=Min("conferences__starts_at", filter=held_q),
    ).annotate(
        referral_triage=ExpressionWrapper(F("tri") - F("ref"), output_field=DurationField()),
        triage_conference=ExpressionWrapper(F("conf") - F("tri"), output_field=DurationField()),
        referral_conference=ExpressionWrapper(F("conf") - F("ref"), output_field=DurationField()),
    )
    times = timed.aggregate(cases=Count("pk"), **{k: v for t in TIMINGS for k, v in _stats(t, t).items()})
    result["cases"] = times["cases"]
    result["timing"] = {}
    for t in TIMINGS:  # three measures, not rows: one median query each
        figures = _dist(times, t, days=True)
        result["timing"][t] = {**figures, "median": _median(timed, t, figures["n"])}

    # The last held conference's phase per household, counted here: one row per household of the selection
    # (a window over the selection's conferences; the IN over that window made PostgreSQL plan badly).
    phases = dict.fromkeys(Phase.values, 0)
    for phase in _edge_conferences(conferences, last=True).values_list("phase", flat=True):
        phases[phase] = phases.get(phase, 0) + 1
    result["phases"] = phases
    decisions = (
        PhaseDecision.objects.filter(conference__in=conferences)
        .values("decision", "from_phase", "to_phase")
        .annotate(n=Count("pk"))
    )
    movements: dict = {
        "decisions": dict.fromkeys(PhaseDecisionKind.values, 0),
        "moves": {f"{a}>{b}": 0 for a, b in MOVES},
    }
    for row in decisions:  # aggregated rows: at most 4 decisions x 3 x 4 phases
        movements["decisions"][row["decision"]] += row["n"]
        move = f"{row['from_phase']}>{row['to_phase']}"
        if move in movements["moves"]:
            movements["moves"][move] += row["n"]
    result["movements"] = movements
    return result
