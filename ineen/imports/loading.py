"""Loading a safety house's old case files (issue 13, point 4; the format: docs/import.md).

`import_case_files` is the one domain action, used by the management command and the API. Nothing is
half imported: the whole file is checked first (validation.py) and written in one transaction; a file with
any problem writes nothing but the audit event of the attempt. Importing the same file again creates
nothing: every record's own reference is stored (ImportedRecord, unique per house and kind) and a record
whose reference is known is skipped, never changed (corrections are made in Ineen, audited as such).

Each household becomes a Household with a Case in that safety house, in the state the file says (closed by
default), with no team: only the house's chair sees it (policy.cases_for_user), and records are shown
through that case like any other (recorded_in). Every created row gets a create audit event with the
actor's channel (cli or api); the write history's triggers run as for any write."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from ineen.access import policy
from ineen.access.actor import acting
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action, Outcome
from ineen.cases.actions import _next_reference
from ineen.cases.enums import CaseState
from ineen.cases.models import Case, CaseStateChange
from ineen.conferences.enums import ConferenceKind, ConferenceState, LiveStep
from ineen.conferences.models import Conference, OrganisationPresence
from ineen.guide.enums import Phase
from ineen.guide.models import GuideVersion
from ineen.households.enums import MEASURE_CATEGORY, Concern
from ineen.households.models import Household, Incident, IncidentInvolvement, LegalMeasure, LifeDomainAssessment, Person
from ineen.plans.enums import ActionStatus
from ineen.plans.models import PlanAction

from .models import ImportedRecord, RecordKind
from .validation import SECTIONS, Checked, ImportInvalid, Problem, check, parse

PURPOSE = "import dossiers"
DEFAULT_GOAL = "Overleg uit een oud dossier (geïmporteerd)."

MODELS: dict[str, type] = {
    RecordKind.HOUSEHOLD: Household,
    RecordKind.PERSON: Person,
    RecordKind.LIFE_DOMAIN: LifeDomainAssessment,
    RecordKind.INCIDENT: Incident,
    RecordKind.MEASURE: LegalMeasure,
    RecordKind.CONFERENCE: Conference,
    RecordKind.AGREEMENT: PlanAction,
}


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do): created and already present records per kind."""

    dry_run: bool
    created: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    cases: list[str] = field(default_factory=list)  # references of the cases created or added to

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "created": {kind: self.created[kind] for kind in RecordKind.values},
            "already_imported": {kind: self.skipped[kind] for kind in RecordKind.values},
            "cases": self.cases,
        }


def _moment(day: date) -> datetime:
    # The old files know the day, not the hour: the start of that day in the house's time zone.
    return timezone.make_aware(datetime.combine(day, time()))


def import_case_files(*, actor, house, raw: bytes | str, dry_run: bool = False) -> ImportResult:
    """Check and load one import file into `house`.

    The actor must be allowed (policy.may_import_case_files: the house's chair or functional admin);
    otherwise policy.NotVisible (404, audited by the caller's refusal handling). Raises ImportInvalid with
    every problem (JSON path + Dutch message) when the file is not right; nothing is written then except
    one audit event of the refused attempt. With `dry_run` the file is checked and counted, nothing
    written but the attempt's audit event. Side effects: the rows, their ImportedRecord, one create audit
    event per row and one event for the import as a whole."""
    actor = acting(actor)
    subject = Subject("case_file_import", house.code, safety_house_code=house.code)
    if actor.user is None or not policy.may_import_case_files(actor.user, house):
        raise policy.refusal("case_file_import", purpose=PURPOSE, reason="no import right", object_id=house.code)
    try:
        checked = check(parse(raw), house=house)
        if GuideVersion.objects.filter(is_current=True).first() is None:
            raise ImportInvalid([Problem("$", "Er is geen huidige leidraad; laad die eerst (load_guide).")])
    except ImportInvalid as invalid:
        _record_attempt(actor, subject, outcome=Outcome.DENIED, detail=f"invalid: {len(invalid.problems)} problem(s)")
        raise
    result = ImportResult(dry_run=dry_run)
    if dry_run:
        _count(checked, result)
        _record_attempt(actor, subject, detail=f"dry run: would create {sum(result.created.values())} record(s)")
        return result
    with transaction.atomic():
        # One import of a house at a time: a second one waits here and then finds the first one's references.
        type(house).objects.select_for_update().filter(pk=house.pk).first()
        checked.existing = check(checked.data, house=house).existing
        for data in checked.data["households"]:
            _Household(actor=actor, house=house, checked=checked, data=data, result=result).load()
        _record_attempt(actor, subject, detail=f"created {sum(result.created.values())} record(s)")
    return result


def _record_attempt(actor, subject: Subject, *, outcome: str = Outcome.ALLOWED, detail: str) -> None:
    events.record(actor=actor, action=Action.CREATE, subject=subject, purpose=PURPOSE, outcome=outcome, detail=detail)


def _count(checked: Checked, result: ImportResult) -> None:
    for data in checked.data["households"]:
        kinds = [(RecordKind.HOUSEHOLD, [data])] + [(kind, data.get(section, [])) for section, kind in SECTIONS.items()]
        for kind, items in kinds:
            for item in items:
                (result.skipped if item["ref"] in checked.existing[kind] else result.created)[kind] += 1


@dataclass
class _Household:
    """The loading of one household of the file, inside the import's transaction."""

    actor: Any
    house: Any
    checked: Checked
    data: dict[str, Any]
    result: ImportResult
    case: Any = None
    persons: dict[str, Person] = field(default_factory=dict)
    conferences: dict[str, Conference] = field(default_factory=dict)

    def load(self) -> None:
        self._case()
        for item in self.data.get("persons", []):
            self._add(RecordKind.PERSON, item, self._person)
        self.persons.update(self._loaded(RecordKind.PERSON, Person))
        for item in self.data.get("life_domains", []):
            self._add(RecordKind.LIFE_DOMAIN, item, self._life_domain)
        for item in self.data.get("incidents", []):
            self._add(RecordKind.INCIDENT, item, self._incident)
        for item in self.data.get("measures", []):
            self._add(RecordKind.MEASURE, item, self._measure)
        for item in self.data.get("conferences", []):
            self._add(RecordKind.CONFERENCE, item, self._conference)
        self.conferences.update(self._loaded(RecordKind.CONFERENCE, Conference))
        for item in self.data.get("agreements", []):
            self._add(RecordKind.AGREEMENT, item, self._agreement)

    # --- bookkeeping ---

    def _existing(self, kind: str, ref: str) -> tuple[int, int] | None:
        return self.checked.existing[kind].get(ref)

    def _loaded(self, kind: str, model: type) -> dict[str, Any]:
        """Records of this household imported earlier, by reference (a new record may point at them)."""
        known = {ref: pk for ref, (_, pk) in self.checked.existing[kind].items()}
        wanted = {item["ref"]: known[item["ref"]] for item in self.data.get(_section(kind), []) if item["ref"] in known}
        rows = model._default_manager.in_bulk(list(wanted.values()))  # type: ignore[attr-defined]
        return {ref: rows[pk] for ref, pk in wanted.items() if pk in rows}

    def _add(self, kind: str, item: dict[str, Any], build) -> None:
        if self._existing(kind, item["ref"]) is not None:
            self.result.skipped[kind] += 1
            return
        row = build(item)
        ImportedRecord.objects.create(
            safety_house=self.house, kind=kind, reference=item["ref"], case=self.case, object_id=row.pk
        )
        self.result.created[kind] += 1
        events.record(
            actor=self.actor,
            action=Action.CREATE,
            subject=Subject(
                model_name(row),
                str(getattr(row, "public_id", row.pk)),
                household_id=str(self.case.household.public_id),
                safety_house_code=self.house.code,
            ),
            purpose=PURPOSE,
            detail=f"import {kind} {item['ref']}"[:500],
        )

    def _source(self, item: dict[str, Any]):
        return self.checked.organisations[item.get("source_organisation", self.checked.data["source_organisation"])]

    # --- the records ---

    def _case(self) -> None:
        existing = self._existing(RecordKind.HOUSEHOLD, self.data["ref"])
        if existing is not None:
            self.case = Case.objects.select_related("household").get(pk=existing[0])
            self.result.skipped[RecordKind.HOUSEHOLD] += 1
            self.result.cases.append(self.case.reference)
            return
        data = self.data
        household = Household.objects.create(
            safety_house=self.house,
            name=data["name"],
            postcode_area=data.get("postcode_area", ""),
            created_at=_moment(date.fromisoformat(data["opened_on"])),
            created_by=self.actor.user,
        )
        state = data.get("state", CaseState.CLOSED)
        closed_on = data.get("closed_on") or self._last_day()
        self.case = Case.objects.create(
            reference=_next_reference(self.house),
            safety_house=self.house,
            household=household,
            state=state,
            route=data.get("route", ""),
            opened_at=_moment(date.fromisoformat(data["opened_on"])),
            closed_at=_moment(date.fromisoformat(closed_on)) if state == CaseState.CLOSED else None,
        )
        CaseStateChange.objects.create(
            case=self.case,
            from_state="",
            to_state=state,
            changed_by=self.actor.user,
            reason="Geïmporteerd uit een oud dossier.",
        )
        self.result.cases.append(self.case.reference)
        ImportedRecord.objects.create(
            safety_house=self.house,
            kind=RecordKind.HOUSEHOLD,
            reference=data["ref"],
            case=self.case,
            object_id=household.pk,
        )
        self.result.created[RecordKind.HOUSEHOLD] += 1
        events.record(
            actor=self.actor,
            action=Action.CREATE,
            subject=policy.case_subject(self.case),
            purpose=PURPOSE,
            detail=f"import household {data['ref']}"[:500],
        )

    def _last_day(self) -> str:
        """A closed case without a closing date in the file closes on its last known day."""
        days = [self.data["opened_on"]] + [c["date"] for c in self.data.get("conferences", [])]
        return max(days)

    def _person(self, item: dict[str, Any]) -> Person:
        born = date.fromisoformat(item["birth_date"]) if "birth_date" in item else None
        person = Person.objects.create(
            household=self.case.household,
            recorded_in=self.case,
            first_name=item["first_name"],
            last_name=item.get("last_name", ""),
            birth_date=born,
            birth_year=born.year if born else None,
            relationship=item["relationship"],
            living_at_home=item.get("living_at_home", True),
        )
        self.persons[item["ref"]] = person
        return person

    def _life_domain(self, item: dict[str, Any]) -> LifeDomainAssessment:
        recorded = item.get("recorded_on") or self.data["opened_on"]
        return LifeDomainAssessment.objects.create(
            household=self.case.household,
            recorded_in=self.case,
            person=self.persons.get(item.get("person", "")),
            domain=item["domain"],
            concern=item.get("concern", Concern.UNKNOWN),
            note=item.get("note", ""),
            recorded_at=_moment(date.fromisoformat(recorded)),
            source_organisation=self._source(item),
        )

    def _incident(self, item: dict[str, Any]) -> Incident:
        incident = Incident.objects.create(
            household=self.case.household,
            recorded_in=self.case,
            date=date.fromisoformat(item["date"]),
            violence_types=list(item["violence_types"]),
            description=item.get("description", ""),
            recorded_at=_moment(date.fromisoformat(item["date"])),
            source_organisation=self._source(item),
        )
        for entry in item.get("involved", []):
            IncidentInvolvement.objects.create(
                incident=incident, person=self.persons[entry["person"]], role=entry["role"]
            )
        return incident

    def _measure(self, item: dict[str, Any]) -> LegalMeasure:
        return LegalMeasure.objects.create(
            household=self.case.household,
            recorded_in=self.case,
            person=self.persons[item["person"]],
            category=item.get("category") or MEASURE_CATEGORY[item["kind"]],
            kind=item["kind"],
            starts_on=date.fromisoformat(item["starts_on"]) if "starts_on" in item else None,
            ends_on=date.fromisoformat(item["ends_on"]) if "ends_on" in item else None,
            note=item.get("note", ""),
            source_organisation=self._source(item),
        )

    def _conference(self, item: dict[str, Any]) -> Conference:
        # `chair` is required and used by documents, calendars and evaluations: the importing user stands
        # in (the `imported` flag says so on the conference pages); who was there is per organisation.
        conference = Conference.objects.create(
            case=self.case,
            kind=item.get("kind", ConferenceKind.FOCUS),
            phase=item.get("phase", Phase.IMMEDIATE_SAFETY),
            goal=item.get("goal") or DEFAULT_GOAL,
            starts_at=_moment(date.fromisoformat(item["date"])),
            guide_version=GuideVersion.objects.get(is_current=True),
            chair=self.actor.user,
            state=ConferenceState.ENDED,
            current_step=LiveStep.CLOSED,
            imported=True,
        )
        OrganisationPresence.objects.bulk_create(
            [
                OrganisationPresence(conference=conference, organisation=self.checked.organisations[name])
                for name in item["organisations_present"]
            ]
        )
        self.conferences[item["ref"]] = conference
        return conference

    def _agreement(self, item: dict[str, Any]) -> PlanAction:
        conference = self.conferences[item["conference"]]
        return PlanAction.objects.create(
            case=self.case,
            conference=conference,
            what=item["what"],
            owner=None,
            imported=True,
            owner_organisation=self.checked.organisations[item["owner_organisation"]],
            due_on=date.fromisoformat(item["due_on"]) if "due_on" in item else timezone.localdate(conference.starts_at),
            reason=item.get("reason", ""),
            action_type=item["action_type"],
            towards=item["towards"],
            status=item.get("status", ActionStatus.OPEN),
            created_at=conference.starts_at,
        )


def _section(kind: str) -> str:
    return next(section for section, k in SECTIONS.items() if k == kind)


def model_name(row) -> str:
    return type(row)._meta.model_name or type(row).__name__.lower()
