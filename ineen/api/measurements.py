"""Repeated measurement and a family's timeline as JSON (issue 13, point 6): the same computation as the
pages (ineen/insights/measurement.py, timeline.py), through policy.get_case (read audited, outsiders 404)
and the same rules for governed items, members' own scores (the voice rule) and closed parts."""

import datetime as dt
from uuid import UUID

from ninja import Field, Query, Router, Schema

from ineen.access import policy
from ineen.insights import measurement as m
from ineen.insights import timeline as t

from .schemas import ErrorOut, InvalidOut

router = Router(tags=["inzicht"])
ERRORS = {400: InvalidOut, 401: ErrorOut, 404: ErrorOut}
READ = "get_case: chair of the house or active team member (as the pages)"


class RatingOut(Schema):
    rater: str = Field(description="Naam van de professional of voornaam van het gezinslid.")
    organisation: str = Field("", description="Organisatie van de professional; leeg voor een gezinslid.")
    member: bool = Field(description="Een eigen cijfer van een gezinslid (telt niet mee in de spreiding).")
    value: int = Field(ge=1, le=10)
    channel: str = Field("", description="Hoe een gezinslid het cijfer gaf (conference, preparation, own_access).")


class ScaleRowOut(Schema):
    conference: UUID
    day: dt.date
    ratings: list[RatingOut]
    lowest: int | None = None
    highest: int | None = None
    spread: int | None = None
    flagged: bool = Field(description="Spreiding tussen de professionals van 4 punten of meer.")


class ScaleOut(Schema):
    scale: str
    label: str
    member_question: str = Field(description="De eigen vraag van de gezinsleden die bij deze schaal hoort.")
    rows: list[ScaleRowOut]


class OccasionOut(Schema):
    conference: UUID
    case_reference: str
    day: dt.date
    held: bool
    phase: str
    phase_label: str
    decision: str = ""
    to_phase: str = ""
    new_incidents: int


class MeasurementsOut(Schema):
    start: dt.date = Field(
        description="Start voor herhaling: eerste gehouden overleg van deze casus, anders de opening."
    )
    recurrence: int = Field(description="Leesbare incidenten met een datum na de start.")
    divergence: int
    occasions: list[OccasionOut]
    scales: list[ScaleOut]
    withheld: list[str] = Field(description="Organisaties met informatie die u niet mag lezen.")


class PartOut(Schema):
    part: str
    visible: bool
    people: list[str] = Field(description="Naam (organisatie): aanwezigheid; leeg als u het deel niet mag zien.")


class EntryOut(Schema):
    kind: str
    kind_label: str
    when: dt.datetime
    title: str
    lines: list[str]
    parts: list[PartOut]
    conference: UUID | None = None


class TimelineOut(Schema):
    entries: list[EntryOut]
    undated_measures: list[str]
    withheld: list[str]


class TimelineFilter(Schema):
    kind: list[str] = Field([], description="Alleen deze soorten: " + ", ".join(t.KINDS) + ". Onbekende tellen niet.")


@router.get(
    "/cases/{public_id}/measurements",
    response={200: MeasurementsOut, **ERRORS},
    url_name="case_measurements",
    summary="Herhaalde meting: de drie schaalvragen per overleg, per professional en per gezinslid",
)
@policy.access_rule(READ)
def case_measurements(request, public_id: UUID):
    access = policy.get_case(request, public_id, purpose=m.PURPOSE)
    data = m.measurement(access)
    scales = []
    for series in data["series"]:
        rows = []
        for row in series.rows:
            ratings = [
                {
                    "rater": c.rater.name,
                    "organisation": "" if c.rater.member else c.rater.detail,
                    "member": c.rater.member,
                    "value": c.value,
                    "channel": c.channel,
                }
                for c in row.cells
                if c is not None
            ]
            rows.append(
                {
                    "conference": row.occasion.public_id,
                    "day": row.occasion.day,
                    "ratings": ratings,
                    "lowest": row.lowest,
                    "highest": row.highest,
                    "spread": row.spread,
                    "flagged": row.flagged,
                }
            )
        scales.append({"scale": series.scale, "label": series.label, "member_question": series.question, "rows": rows})
    occasions = [
        {
            "conference": o.public_id,
            "case_reference": o.case_reference,
            "day": o.day,
            "held": o.held,
            "phase": o.phase,
            "phase_label": o.phase_label,
            "decision": o.decision_label,
            "to_phase": o.to_phase_label,
            "new_incidents": o.new_incidents,
        }
        for o in data["occasions"]
    ]
    return {
        "start": data["start"],
        "recurrence": data["recurrence"],
        "divergence": data["divergence"],
        "occasions": occasions,
        "scales": scales,
        "withheld": data["withheld"],
    }


@router.get(
    "/cases/{public_id}/timeline",
    response={200: TimelineOut, **ERRORS},
    url_name="case_timeline",
    summary="Tijdlijn van het gezin: wat u mag zien, in volgorde van datum",
)
@policy.access_rule(READ + "; closed and youth parts by may_see_part_attendance")
def case_timeline(request, public_id: UUID, filters: Query[TimelineFilter]):
    access = policy.get_case(request, public_id, purpose=t.PURPOSE)
    data = t.timeline(access, filters.kind)
    entries = [
        {
            "kind": e.kind,
            "kind_label": e.kind_label,
            "when": e.when,
            "title": e.title,
            "lines": [str(line) for line in e.lines],
            "parts": [
                {
                    "part": p.label,
                    "visible": p.visible,
                    "people": [f"{name} ({org}): {attendance}" for name, org, attendance in p.people],
                }
                for p in e.parts
            ],
            "conference": e.public_id,
        }
        for e in data["entries"]
    ]
    return {"entries": entries, "undated_measures": data["undated_measures"], "withheld": data["withheld"]}
