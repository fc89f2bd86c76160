"""Importing old case files through the API (issue 13, point 4; the format: docs/import.md).

The API's only write. How it is authenticated (docs/architecture.md, "Import of existing case files"):
the same session login as the pages (mandatory MFA and session limits by the middleware), and for this
unsafe method ninja's SessionAuth checks CSRF (the csrftoken cookie and an X-CSRFToken header, plus the
Origin/Referer check on HTTPS), so another site cannot make a logged-in browser post a file. Only the
chair or functional admin of the house may import (policy.may_import_case_files); anyone else, and an
unknown house, gets the same audited 404. The body is the JSON file itself; problems come back as 400 with
every problem's JSON path and a Dutch message, and then nothing was imported. The request is one
transaction (ATOMIC_REQUESTS) around the domain action's own."""

from ninja import Query, Router, Schema
from pydantic import Field

from ineen.access import policy
from ineen.accounts.models import SafetyHouse
from ineen.imports.loading import PURPOSE, import_case_files
from ineen.imports.validation import ImportInvalid

from .schemas import ErrorOut

router = Router(tags=["import"])


class ImportParams(Schema):
    house: str = Field(
        min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$", description="De code van het Zorg- en Veiligheidshuis"
    )
    dry_run: bool = Field(False, description="Alleen controleren en tellen, niets opslaan")


class ProblemOut(Schema):
    path: str
    message: str


class ImportInvalidOut(ErrorOut):
    problems: list[ProblemOut]


class CountsOut(Schema):
    household: int
    person: int
    life_domain: int
    incident: int
    measure: int
    conference: int
    agreement: int


class ImportOut(Schema):
    dry_run: bool
    created: CountsOut
    already_imported: CountsOut
    cases: list[str]


BODY = {
    "requestBody": {
        "required": True,
        "description": "Het importbestand zelf (JSON volgens docs/import.schema.json).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@router.post(
    "/imports/case-files",
    response={200: ImportOut, 400: ImportInvalidOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="import_case_files",
    summary="Oude dossiers importeren (procesregisseur of functioneel beheerder van het huis)",
    openapi_extra=BODY,
)
@policy.access_rule("may_import_case_files: chair or functional admin of the house")
def import_files(request, params: Query[ImportParams]):
    house = SafetyHouse.objects.filter(code__iexact=params.house).first()
    if house is None:
        raise policy.refusal("case_file_import", purpose=PURPOSE, reason="unknown house", object_id=params.house)
    try:
        result = import_case_files(
            actor=policy.actor_of(request), house=house, raw=request.body, dry_run=params.dry_run
        )
    except ImportInvalid as invalid:
        # Dutch, like the API's other messages (errors.py) and the problems themselves.
        detail = f"Niets geïmporteerd: {len(invalid.problems)} fout(en) in het bestand."
        problems = [{"path": p.path, "message": p.message} for p in invalid.problems]
        return 400, {"detail": detail, "problems": problems}
    return 200, result.as_dict()
