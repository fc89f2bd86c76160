"""Import of old case files (issue 13, point 4): docs/import.md, ineen/imports."""

import copy
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ineen.access import policy
from ineen.access.actor import Actor
from ineen.audit.models import AuditEvent, Outcome
from ineen.cases.enums import CaseState
from ineen.cases.models import Case
from ineen.conferences.models import Conference, OrganisationPresence
from ineen.households import enums as household_enums
from ineen.households.models import Household, Incident, IncidentInvolvement, LegalMeasure, LifeDomainAssessment, Person
from ineen.imports.loading import import_case_files
from ineen.imports.models import ImportedRecord
from ineen.imports.validation import ImportInvalid, schema
from ineen.plans import enums as plan_enums
from ineen.plans.models import PlanAction
from tests.factories import OrganisationFactory

DOCS = Path(__file__).resolve().parents[2] / "docs"
SAMPLE = json.loads((DOCS / "import.sample.json").read_text(encoding="utf-8"))
MODELS = [Household, Case, Person, LifeDomainAssessment, Incident, IncidentInvolvement, LegalMeasure]
MODELS += [Conference, OrganisationPresence, PlanAction, ImportedRecord]


def organisation_names(data):
    names = {data["source_organisation"]}
    for household in data["households"]:
        for section in ("life_domains", "incidents", "measures"):
            names |= {
                item["source_organisation"] for item in household.get(section, []) if "source_organisation" in item
            }
        for conference in household.get("conferences", []):
            names |= set(conference["organisations_present"])
        names |= {agreement["owner_organisation"] for agreement in household.get("agreements", [])}
    return names


@pytest.fixture
def orgs(cast):
    for name in organisation_names(SAMPLE):
        OrganisationFactory(name=name, houses=[cast.house])


def load(cast, data=SAMPLE, *, user=None, dry_run=False):
    actor = Actor.system(user or cast.chair, channel="cli")
    return import_case_files(actor=actor, house=cast.house, raw=json.dumps(data), dry_run=dry_run)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def problems(cast, data):
    before = counts()
    with pytest.raises(ImportInvalid) as caught:
        load(cast, data)
    assert counts() == before  # nothing half imported
    return {(p.path, p.message) for p in caught.value.problems}


def test_the_sample_imports_cleanly(cast, orgs):
    before = counts()
    result = load(cast)
    after = counts()
    created = {name: after[name] - before[name] for name in after}
    assert created == {
        "Household": 3,
        "Case": 3,
        "Person": 8,
        "LifeDomainAssessment": 8,
        "Incident": 4,
        "IncidentInvolvement": 7,
        "LegalMeasure": 4,
        "Conference": 6,
        "OrganisationPresence": 19,
        "PlanAction": 9,
        "ImportedRecord": 3 + 8 + 8 + 4 + 4 + 6 + 9,
    }
    assert dict(result.created) == {
        "household": 3,
        "person": 8,
        "life_domain": 8,
        "incident": 4,
        "measure": 4,
        "conference": 6,
        "agreement": 9,
    }
    case = Case.objects.get(household__name="Gezin Voorbeeld-Akker")
    assert (case.state, case.route, case.team.count()) == (CaseState.CLOSED, "regular", 0)
    assert timezone.localdate(case.closed_at).isoformat() == "2020-06-30"
    active = Case.objects.get(household__name="Huishouden Fictief")
    assert (active.state, active.closed_at) == (CaseState.ACTIVE, None)
    # a closed case without a closing date closes on its last known day
    assert timezone.localdate(Case.objects.get(household__name="Gezin Proef").closed_at).isoformat() == "2020-08-03"
    action = PlanAction.objects.get(what__startswith="Veilig Thuis bespreekt")
    assert (action.owner, action.imported, action.owner_organisation.name) == (None, True, "Veilig Thuis Haaglanden")
    assert (action.action_type, action.towards, action.status) == ("action", "family", "done")
    assert action.reason.startswith("Moeder weet niet")
    assert action.due_on.isoformat() == "2019-03-18"  # no due date in the file: the conference's day
    measure = LegalMeasure.objects.get(kind="supervision_order")
    assert (measure.category, measure.person.first_name) == ("civil", "Noor")
    assert LegalMeasure.objects.get(kind="contact_ban").category == "criminal"  # derived from the kind
    assert LegalMeasure.objects.get(kind="contact_ban").source_organisation.name == "Openbaar Ministerie Den Haag"
    incident = Incident.objects.get(description="Melding politie na ruzie.")
    assert incident.violence_types == ["physical", "witness"]
    assert incident.recorded_in == case and incident.household == case.household
    assert {(i.person.first_name, i.role) for i in incident.involvements.all()} == {
        ("Bram", "used_violence"),
        ("Ilse", "experienced"),
        ("Noor", "witnessed"),
    }
    conference = Conference.objects.get(case=case, starts_at__year=2019, starts_at__month=3)
    assert conference.imported and conference.state == "ended"
    assert {p.organisation.name for p in conference.organisations_present.all()} == set(
        SAMPLE["households"][0]["conferences"][0]["organisations_present"]
    )
    person = Person.objects.get(first_name="Ilse")
    assert (person.birth_date.isoformat(), person.birth_year, person.relationship) == ("1984-05-12", 1984, "parent")


def test_every_created_row_is_audited_as_a_create_with_the_channel(cast, orgs):
    before = AuditEvent.objects.count()
    load(cast)
    new = AuditEvent.objects.order_by("pk")[before:]
    assert {(e.action, e.origin_channel, e.outcome, e.actor_id) for e in new} == {
        ("create", "cli", Outcome.ALLOWED, cast.chair.pk)
    }
    # one per household, person, life domain, incident, measure, conference, agreement, and the import itself
    assert len(new) == 3 + 8 + 8 + 4 + 4 + 6 + 9 + 1
    assert {e.object_type for e in new} >= {"case", "person", "incident", "legalmeasure", "conference", "planaction"}


def test_importing_the_same_file_twice_changes_nothing(cast, orgs):
    load(cast)
    rows = counts()
    audit = AuditEvent.objects.count()
    result = load(cast)
    assert counts() == rows
    assert AuditEvent.objects.count() == audit + 1  # only the attempt itself
    attempt = AuditEvent.objects.order_by("pk").last()
    assert (attempt.object_type, attempt.detail) == ("case_file_import", "created 0 record(s)")
    assert sum(result.created.values()) == 0
    assert dict(result.skipped) == {
        "household": 3,
        "person": 8,
        "life_domain": 8,
        "incident": 4,
        "measure": 4,
        "conference": 6,
        "agreement": 9,
    }


def test_a_later_file_adds_only_the_new_records(cast, orgs):
    load(cast)
    later = copy.deepcopy(SAMPLE)
    household = later["households"][2]
    household["incidents"].append(
        {
            "ref": "ZVH-2021-0207/I2",
            "date": "2021-10-01",
            "violence_types": ["threat"],
            "involved": [{"person": "ZVH-2021-0207/P2", "role": "experienced"}],
        }
    )
    household["agreements"].append(
        {
            "ref": "ZVH-2021-0207/A2",
            "conference": "ZVH-2021-0207/O1",
            "what": "Politie belt na.",
            "action_type": "action",
            "towards": "family",
            "owner_organisation": "Politie Eenheid Den Haag",
        }
    )
    result = load(cast, later)
    assert sum(result.created.values()) == 2 and (result.created["incident"], result.created["agreement"]) == (1, 1)
    added = Incident.objects.get(violence_types=["threat"])
    case = Case.objects.get(household__name="Huishouden Fictief")
    assert added.recorded_in == case and added.involvements.get().person.first_name == "Mila"
    assert PlanAction.objects.get(what="Politie belt na.").conference.case == case


def test_dry_run_writes_nothing_but_the_attempt(cast, orgs):
    rows, audit = counts(), AuditEvent.objects.count()
    result = load(cast, dry_run=True)
    assert counts() == rows and AuditEvent.objects.count() == audit + 1
    assert result.created["household"] == 3


def broken(change):
    data = copy.deepcopy(SAMPLE)
    change(data)
    return data


H0 = "$.households[0]"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda d: d["households"][0]["persons"][0].pop("relationship"),
            (f"{H0}.persons[0]", "verplicht veld ontbreekt: relationship"),
            id="missing-field",
        ),
        pytest.param(
            lambda d: d["households"][0]["conferences"][0]["organisations_present"].append("Onbekende Stichting"),
            (
                f"{H0}.conferences[0].organisations_present[5]",
                "onbekende organisatie 'Onbekende Stichting': gebruik de naam zoals die in Ineen staat",
            ),
            id="unknown-organisation",
        ),
        pytest.param(
            lambda d: d["households"][0]["agreements"][0].update(owner_organisation="Nergens"),
            (
                f"{H0}.agreements[0].owner_organisation",
                "onbekende organisatie 'Nergens': gebruik de naam zoals die in Ineen staat",
            ),
            id="unknown-owner-organisation",
        ),
        pytest.param(
            lambda d: d["households"][0]["incidents"][0]["violence_types"].append("pushing"),
            (
                f"{H0}.incidents[0].violence_types[2]",
                'onbekende waarde "pushing"; toegestaan: ' + ", ".join(household_enums.ViolenceType.values),
            ),
            id="unknown-enum-value",
        ),
        pytest.param(
            lambda d: d["households"][0]["persons"][0].update(birth_date="1984-02-30"),
            (f"{H0}.persons[0].birth_date", "1984-02-30 is geen bestaande datum"),
            id="date-that-does-not-exist",
        ),
        pytest.param(
            lambda d: d["households"][0]["persons"][0].update(birth_date="12-05-1984"),
            (f"{H0}.persons[0].birth_date", "is geen datum: schrijf JJJJ-MM-DD (bijvoorbeeld 2021-03-15)"),
            id="bad-date-format",
        ),
        pytest.param(
            lambda d: d["households"][1]["persons"][1].update(ref="ZVH-2020-0031/P1"),
            (
                "$.households[1].persons[1].ref",
                "bronkenmerk 'ZVH-2020-0031/P1' staat al eerder in het bestand ($.households[1].persons[0].ref)",
            ),
            id="duplicate-reference",
        ),
        pytest.param(
            lambda d: d["households"][1].update(ref="ZVH-2019-0142"),
            ("$.households[1].ref", "bronkenmerk 'ZVH-2019-0142' staat al eerder in het bestand ($.households[0].ref)"),
            id="duplicate-household-reference",
        ),
        pytest.param(
            lambda d: d["households"][0]["agreements"][0].update(conference="ZVH-2020-0031/O1"),
            (
                f"{H0}.agreements[0].conference",
                "overleg 'ZVH-2020-0031/O1' staat niet bij dit huishouden in het bestand",
            ),
            id="agreement-on-a-conference-not-in-the-file",
        ),
        pytest.param(
            lambda d: d["households"][0]["measures"][0].update(person="ZVH-2019-0142/P9"),
            (f"{H0}.measures[0].person", "gezinslid 'ZVH-2019-0142/P9' staat niet bij dit huishouden in het bestand"),
            id="measure-of-an-unknown-person",
        ),
        pytest.param(
            lambda d: d["households"][0]["measures"][0].update(category="civil"),
            (f"{H0}.measures[0].category", "past niet bij maatregel 'contact_ban' (dat is criminal)"),
            id="measure-category-does-not-fit",
        ),
        pytest.param(
            lambda d: d["households"][0]["measures"][0].update(ends_on="2018-01-01"),
            (f"{H0}.measures[0].ends_on", "ligt vóór de begindatum (starts_on)"),
            id="measure-ends-before-it-starts",
        ),
        pytest.param(
            lambda d: d["households"][0].update(closed_on="2019-01-01"),
            (f"{H0}.closed_on", "ligt vóór de datum van opening (opened_on)"),
            id="closed-before-opened",
        ),
        pytest.param(
            lambda d: d["households"][0]["conferences"][0].update(date="2999-01-01"),
            (f"{H0}.conferences[0].date", "2999-01-01 ligt in de toekomst; een oud dossier gaat over het verleden"),
            id="conference-in-the-future",
        ),
        pytest.param(
            lambda d: d["households"][0]["persons"][0].update(shoe_size=42),
            (f"{H0}.persons[0]", "onbekend veld: shoe_size"),
            id="unknown-field",
        ),
        pytest.param(
            lambda d: d["households"][0].update(name="Gezin\x00"),
            (f"{H0}.name", "bevat een niet-toegestaan teken (NUL)"),
            id="nul-character",
        ),
        pytest.param(lambda d: d.update(version=2), ("$.version", "moet 1 zijn"), id="wrong-version"),
    ],
)
def test_a_broken_file_names_each_error_and_imports_nothing(cast, orgs, change, expected):
    assert expected in problems(cast, broken(change))


def test_all_errors_of_a_file_are_reported_at_once(cast, orgs):
    def two(d):
        d["households"][0]["agreements"][0].update(owner_organisation="Nergens")
        d["households"][2]["persons"][0].update(birth_date="2021-13-01")

    found = problems(cast, broken(two))
    assert {path for path, _ in found} == {
        f"{H0}.agreements[0].owner_organisation",
        "$.households[2].persons[0].birth_date",
    }


def test_not_json_is_one_clear_error(cast):
    with pytest.raises(ImportInvalid) as caught:
        import_case_files(actor=Actor.system(cast.chair, channel="cli"), house=cast.house, raw=b"{nope")
    assert caught.value.problems[0].path == "$" and "geen geldige JSON" in caught.value.problems[0].message


def test_a_refused_attempt_is_audited(cast, orgs):
    data = broken(lambda d: d["households"][0]["agreements"][0].update(owner_organisation="Nergens"))
    before = AuditEvent.objects.count()
    with pytest.raises(ImportInvalid):
        load(cast, data)
    event = AuditEvent.objects.order_by("pk")[before:].get()
    assert (event.outcome, event.object_type, event.detail) == (
        Outcome.DENIED,
        "case_file_import",
        "invalid: 1 problem(s)",
    )


def test_a_reference_imported_for_another_household_is_refused(cast, orgs):
    load(cast)
    data = broken(
        lambda d: d["households"][1]["persons"].append(
            {"ref": "ZVH-2019-0142/P1", "first_name": "X", "relationship": "other"}
        )
    )
    assert (
        "$.households[1].persons[2].ref",
        "bronkenmerk 'ZVH-2019-0142/P1' is al geïmporteerd bij een ander huishouden",
    ) in problems(cast, data)


def test_only_the_chair_or_functional_admin_may_import(cast, orgs):
    for user in (cast.member, cast.director, cast.manager, cast.researcher, cast.other_chair):
        with pytest.raises(policy.NotVisible):
            load(cast, user=user)
    assert counts()["Household"] == Household.objects.count()
    load(cast, user=cast.admin)
    assert Case.objects.filter(household__name="Gezin Proef").exists()


def test_the_imported_case_is_seen_by_the_chair_only(cast, orgs):
    load(cast, user=cast.admin)
    imported = Case.objects.filter(household__name__in=["Gezin Voorbeeld-Akker", "Huishouden Fictief"])
    for case in imported:
        assert case in policy.cases_for_user(cast.chair)
        assert policy.case_relation(cast.chair, case) == policy.CHAIR
        for user in (cast.member, cast.outsider, cast.admin, cast.manager, cast.other_chair):
            assert case not in policy.cases_for_user(user)
            assert policy.case_relation(user, case) is None


def test_an_agreement_without_owner_must_be_imported(cast):
    case = cast.case
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanAction.objects.create(
            case=case, what="x", owner=None, owner_organisation=cast.member.organisation, due_on="2020-01-01"
        )


def test_the_schema_lists_the_models_choices():
    defs = schema()["$defs"]
    assert defs["person"]["properties"]["relationship"]["enum"] == household_enums.Relationship.values
    assert defs["life_domain"]["properties"]["domain"]["enum"] == household_enums.LifeDomain.values
    assert defs["life_domain"]["properties"]["concern"]["enum"] == household_enums.Concern.values
    assert defs["incident"]["properties"]["violence_types"]["items"]["enum"] == household_enums.ViolenceType.values
    assert defs["measure"]["properties"]["kind"]["enum"] == household_enums.MeasureKind.values
    assert defs["measure"]["properties"]["category"]["enum"] == household_enums.MeasureCategory.values
    assert defs["agreement"]["properties"]["action_type"]["enum"] == plan_enums.ActionType.values
    assert defs["agreement"]["properties"]["towards"]["enum"] == plan_enums.Towards.values
    assert defs["agreement"]["properties"]["status"]["enum"] == plan_enums.ActionStatus.values


def test_the_command_imports_and_reports(cast, orgs, capsys, tmp_path):
    path = DOCS / "import.sample.json"
    call_command("import_case_files", str(path), "--house", "HGL", "--user", cast.chair.email, "--dry-run")
    assert Household.objects.filter(name="Gezin Proef").count() == 0
    call_command("import_case_files", str(path), "--house", "hgl", "--user", cast.chair.email)
    assert "Huishouden: aangemaakt 3, al geïmporteerd 0" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken(lambda d: d["households"][0]["persons"][0].pop("first_name"))))
    with pytest.raises(CommandError, match="Niets geïmporteerd: 1 fout"):
        call_command("import_case_files", str(bad), "--house", "hgl", "--user", cast.chair.email)
    assert "$.households[0].persons[0]: verplicht veld ontbreekt: first_name" in capsys.readouterr().err
    with pytest.raises(CommandError, match="mag niet importeren"):
        call_command("import_case_files", str(path), "--house", "hgl", "--user", cast.member.email)
