"""The dossier analysis as JSON (issue 13, points 3 and 6): the same tables as the page, CSV and XLSX
(ineen/insights/dossier_table.py), through the same policy (dossier_analysis_houses), the same selection
form (so the same 400 messages) and the same audit event. Aggregates only, small cells suppressed."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from ineen.access import policy
from ineen.cases.enums import Route
from ineen.insights import dossier, dossier_table
from ineen.insights.dossier_forms import SelectionForm
from ineen.insights.dossier_views import RULE, analyse, houses_for

from .schemas import ErrorOut, InvalidOut

router = Router(tags=["inzicht"])
DATE_PATTERN = r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
API_NAMES = {"huis": "house", "van": "from", "tot": "to", "route": "route"}


class DossierFilter(Schema):
    house: str = Field(
        "",
        max_length=20,
        pattern=r"^[-a-zA-Z0-9_]*$",
        description="Code van het Zorg- en Veiligheidshuis (leeg: uw eerste).",
    )
    # ISO dates as text with a pattern: pydantic's lax date parsing would take "0" as 1970-01-01 (a Unix time),
    # which the schema calls invalid. The selection form parses them (a day that does not exist: 400).
    start: str | None = Field(
        None,
        alias="from",
        pattern=DATE_PATTERN,
        json_schema_extra={"format": "date"},
        description="Aangemeld of een overleg vanaf deze datum, JJJJ-MM-DD (vóór 1900: begrensd).",
    )
    end: str | None = Field(
        None,
        alias="to",
        pattern=DATE_PATTERN,
        json_schema_extra={"format": "date"},
        description="Tot en met deze datum, JJJJ-MM-DD; vóór `from`: een lege selectie zonder cijfers.",
    )
    route: Route | None = Field(None, description="Alleen casussen met deze route.")


class DossierRowOut(Schema):
    key: str
    label: str
    cells: list[str]


class DossierTableOut(Schema):
    key: str
    caption: str
    columns: list[str]
    rows: list[DossierRowOut]


class DossierAnalysisOut(Schema):
    house: str
    start: dt.date | None
    end: dt.date | None
    route: str
    threshold: int = Field(description='Aantallen kleiner dan dit staan als "<drempel>".')
    shown: bool = Field(description="Onwaar: te weinig huishoudens in de selectie, geen cijfers.")
    tables: list[DossierTableOut]


@router.get(
    "/insights/dossier-analysis",
    response={200: DossierAnalysisOut, 400: InvalidOut, 401: ErrorOut, 404: ErrorOut},
    url_name="dossier_analysis",
    summary="Dossieranalyse: de maten uit het onderzoek, alleen geaggregeerd",
)
@policy.access_rule(RULE)
def dossier_analysis(request, filters: Query[DossierFilter]):
    houses = houses_for(request.user, filters.house)
    data = {
        "huis": filters.house,
        "van": filters.start or "",
        "tot": filters.end or "",
        "route": filters.route or "",
    }
    form = SelectionForm(data, houses=houses, lenient=True)
    if not form.is_valid():
        errors = [
            {"field": API_NAMES.get(name, name), "message": str(e)}
            for name, listed in form.errors.items()
            for e in listed
        ]
        detail = "Ongeldige invoer: " + "; ".join(e["message"] for e in errors)
        return 400, {"detail": detail, "errors": errors}  # defensive: the schema has parsed every field already
    house, report_tables = analyse(request, form)
    return {
        "house": house.code,
        "start": form.cleaned_data["van"],
        "end": form.cleaned_data["tot"],
        "route": filters.route or "",
        "threshold": dossier.THRESHOLD,
        "shown": bool(report_tables),
        "tables": dossier_table.as_dicts(report_tables),
    }
