"""Checking an import file before anything is written: the JSON Schema (docs/import.schema.json) for the
shape, then the rules a schema cannot express (organisations that exist, references inside the file and to
earlier imports, dates that exist and follow each other). Every error carries the JSON path of the record
and a Dutch message; all errors of a file are reported at once.

Pure functions over the parsed file plus a few queries; writes nothing (loading.py writes)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from ineen.households.enums import MEASURE_CATEGORY

from .models import ImportedRecord, RecordKind

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "import.schema.json"
MAX_BYTES = 5 * 1024 * 1024  # a few thousand households; larger sets are split into several files
MAX_ERRORS = 200  # a file with more is clearly the wrong file: the first 200 say enough

# The lists of a household and the kind of record each holds.
SECTIONS = {
    "persons": RecordKind.PERSON,
    "life_domains": RecordKind.LIFE_DOMAIN,
    "incidents": RecordKind.INCIDENT,
    "measures": RecordKind.MEASURE,
    "conferences": RecordKind.CONFERENCE,
    "agreements": RecordKind.AGREEMENT,
}


@dataclass(frozen=True)
class Problem:
    path: str  # JSON path, e.g. $.households[0].persons[1].birth_date
    message: str  # Dutch, for the person who made the file


@dataclass
class Checked:
    """A file that passed every check, with what the writer needs: organisations by name, and the
    references already imported into this house (kind -> reference -> (case id, object id))."""

    data: dict[str, Any]
    organisations: dict[str, Any]
    existing: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)


class ImportInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} fout(en) in het importbestand")
        self.problems = problems


@cache
def schema() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def _json_path(parts) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _schema_message(error) -> str:
    """jsonschema's messages are English and show Python reprs; the file's author gets Dutch."""
    kind, value = error.validator, error.validator_value
    if kind == "required":
        missing = [name for name in value if isinstance(error.instance, dict) and name not in error.instance]
        return "verplicht veld ontbreekt: " + ", ".join(missing)
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return "onbekend veld: " + ", ".join(extra)
    if kind == "enum":
        return f"onbekende waarde {json.dumps(error.instance, ensure_ascii=False)[:80]}; toegestaan: " + ", ".join(
            str(v) for v in value
        )
    if kind == "const":
        return f"moet {json.dumps(value)} zijn"
    if kind == "type":
        names = {
            "string": "tekst",
            "object": "object",
            "array": "lijst",
            "boolean": "true of false",
            "integer": "getal",
        }
        return f"moet {names.get(value, value)} zijn"
    if kind == "pattern":
        if "[0-9]{4}-[0-9]{2}" in value:
            return "is geen datum: schrijf JJJJ-MM-DD (bijvoorbeeld 2021-03-15)"
        if value.startswith("^([0-9]{4})"):
            return "moet vier cijfers zijn (of leeg)"
        return "mag niet beginnen of eindigen met een spatie of stuurteken"
    if kind == "minLength":
        return "mag niet leeg zijn"
    if kind == "maxLength":
        return f"is te lang (hoogstens {value} tekens)"
    if kind == "minItems":
        return f"moet minstens {value} waarde(n) bevatten"
    if kind == "maxItems":
        return f"bevat te veel waarden (hoogstens {value})"
    if kind == "uniqueItems":
        return "bevat een waarde twee keer"
    return "heeft een ongeldige waarde"


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _strings_with_nul(value, parts=()):
    if isinstance(value, str):
        if "\x00" in value:
            yield parts
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings_with_nul(item, (*parts, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings_with_nul(item, (*parts, index))


def parse(raw: bytes | str) -> Any:
    """The file's JSON, or ImportInvalid with one problem at `$`."""
    if len(raw) > MAX_BYTES:
        raise ImportInvalid([Problem("$", f"Het bestand is te groot (hoogstens {MAX_BYTES // 1024 // 1024} MB).")])
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportInvalid([Problem("$", f"Dit is geen geldige JSON ({error}).")]) from None


def check(data: Any, *, house) -> Checked:
    """All checks of a parsed file for `house`; raises ImportInvalid with every problem found."""
    from jsonschema import Draft202012Validator

    problems = [
        Problem(_json_path(error.absolute_path), _schema_message(error))
        for error in Draft202012Validator(schema()).iter_errors(data)
    ]
    problems += [
        Problem(_json_path(parts), "bevat een niet-toegestaan teken (NUL)") for parts in _strings_with_nul(data)
    ]
    if problems:
        raise ImportInvalid(sorted(set(problems), key=lambda p: p.path)[:MAX_ERRORS])
    return _check_meaning(data, house=house)


def _check_meaning(data: dict[str, Any], *, house) -> Checked:
    from ineen.accounts.models import Organisation

    problems: list[Problem] = []
    names = {data["source_organisation"]}
    for household in data["households"]:
        for item in household.get("life_domains", []) + household.get("incidents", []) + household.get("measures", []):
            if "source_organisation" in item:
                names.add(item["source_organisation"])
        for conference in household.get("conferences", []):
            names.update(conference["organisations_present"])
        names.update(agreement["owner_organisation"] for agreement in household.get("agreements", []))
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=names)}

    refs: dict[str, set[str]] = {kind: set() for kind in RecordKind.values}
    for household in data["households"]:
        refs[RecordKind.HOUSEHOLD].add(household["ref"])
        for section, kind in SECTIONS.items():
            refs[kind].update(item["ref"] for item in household.get(section, []))
    existing: dict[str, dict[str, tuple[int, int]]] = {kind: {} for kind in RecordKind.values}
    for kind, reference, case_id, object_id in ImportedRecord.objects.filter(
        safety_house=house, reference__in=set().union(*refs.values())
    ).values_list("kind", "reference", "case_id", "object_id"):
        if reference in refs[kind]:
            existing[kind][reference] = (case_id, object_id)

    def organisation(path: str, name: str) -> None:
        if name not in organisations:
            problems.append(Problem(path, f"onbekende organisatie {name!r}: gebruik de naam zoals die in Ineen staat"))

    def when(path: str, value: str | None, *, past: bool = True) -> date | None:
        if value is None:
            return None
        day = _parse_date(value)
        if day is None:
            problems.append(Problem(path, f"{value} is geen bestaande datum"))
        elif past and day > timezone.localdate():
            problems.append(Problem(path, f"{value} ligt in de toekomst; een oud dossier gaat over het verleden"))
        return day

    organisation("$.source_organisation", data["source_organisation"])
    seen: dict[tuple[str, str], str] = {}
    for h, household in enumerate(data["households"]):
        at = f"$.households[{h}]"
        _unique(seen, problems, RecordKind.HOUSEHOLD, household["ref"], f"{at}.ref")
        own_case = existing[RecordKind.HOUSEHOLD].get(household["ref"], (None, None))[0]
        opened = when(f"{at}.opened_on", household["opened_on"])
        closed = when(f"{at}.closed_on", household.get("closed_on"))
        if opened and closed and closed < opened:
            problems.append(Problem(f"{at}.closed_on", "ligt vóór de datum van opening (opened_on)"))
        if household.get("state", "closed") == "active" and "closed_on" in household:
            problems.append(Problem(f"{at}.closed_on", "een lopende casus (state active) heeft geen sluitdatum"))
        for section, kind in SECTIONS.items():
            for i, item in enumerate(household.get(section, [])):
                path = f"{at}.{section}[{i}]"
                _unique(seen, problems, kind, item["ref"], f"{path}.ref")
                earlier = existing[kind].get(item["ref"])
                if earlier is not None and earlier[0] != own_case:
                    problems.append(
                        Problem(
                            f"{path}.ref", f"bronkenmerk {item['ref']!r} is al geïmporteerd bij een ander huishouden"
                        )
                    )
                if "source_organisation" in item:
                    organisation(f"{path}.source_organisation", item["source_organisation"])
        persons = {p["ref"] for p in household.get("persons", [])}
        conferences = {c["ref"]: c for c in household.get("conferences", [])}
        for i, person in enumerate(household.get("persons", [])):
            when(f"{at}.persons[{i}].birth_date", person.get("birth_date"))
        for i, item in enumerate(household.get("life_domains", [])):
            _person(problems, persons, item.get("person"), f"{at}.life_domains[{i}].person")
            when(f"{at}.life_domains[{i}].recorded_on", item.get("recorded_on"))
        for i, item in enumerate(household.get("incidents", [])):
            when(f"{at}.incidents[{i}].date", item["date"])
            involved = [entry["person"] for entry in item.get("involved", [])]
            for j, person in enumerate(involved):
                _person(problems, persons, person, f"{at}.incidents[{i}].involved[{j}].person")
                if involved.index(person) != j:
                    problems.append(
                        Problem(f"{at}.incidents[{i}].involved[{j}].person", "staat twee keer bij dit incident")
                    )
        for i, item in enumerate(household.get("measures", [])):
            path = f"{at}.measures[{i}]"
            _person(problems, persons, item["person"], f"{path}.person")
            starts, ends = (
                when(f"{path}.starts_on", item.get("starts_on"), past=False),
                when(f"{path}.ends_on", item.get("ends_on"), past=False),
            )
            if starts and ends and ends < starts:
                problems.append(Problem(f"{path}.ends_on", "ligt vóór de begindatum (starts_on)"))
            expected = MEASURE_CATEGORY.get(item["kind"])
            if expected is None and "category" not in item:
                problems.append(
                    Problem(f"{path}.category", "verplicht bij maatregel 'other': criminal, civil of administrative")
                )
            elif expected is not None and item.get("category", expected) != expected:
                problems.append(
                    Problem(f"{path}.category", f"past niet bij maatregel {item['kind']!r} (dat is {expected})")
                )
        for i, conference in enumerate(household.get("conferences", [])):
            day = when(f"{at}.conferences[{i}].date", conference["date"])
            if day and opened and day < opened:
                problems.append(Problem(f"{at}.conferences[{i}].date", "ligt vóór de datum van opening (opened_on)"))
            for j, name in enumerate(conference["organisations_present"]):
                organisation(f"{at}.conferences[{i}].organisations_present[{j}]", name)
        for i, agreement in enumerate(household.get("agreements", [])):
            path = f"{at}.agreements[{i}]"
            if agreement["conference"] not in conferences:
                problems.append(
                    Problem(
                        f"{path}.conference",
                        f"overleg {agreement['conference']!r} staat niet bij dit huishouden in het bestand",
                    )
                )
            organisation(f"{path}.owner_organisation", agreement["owner_organisation"])
            when(f"{path}.due_on", agreement.get("due_on"), past=False)
    if problems:
        raise ImportInvalid(sorted(set(problems), key=lambda p: p.path)[:MAX_ERRORS])
    return Checked(data=data, organisations=organisations, existing=existing)


def _unique(seen: dict[tuple[str, str], str], problems: list[Problem], kind: str, ref: str, path: str) -> None:
    first = seen.setdefault((kind, ref), path)
    if first != path:
        problems.append(Problem(path, f"bronkenmerk {ref!r} staat al eerder in het bestand ({first})"))


def _person(problems: list[Problem], persons: set[str], ref: str | None, path: str) -> None:
    if ref is not None and ref not in persons:
        problems.append(Problem(path, f"gezinslid {ref!r} staat niet bij dit huishouden in het bestand"))
