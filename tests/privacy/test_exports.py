"""Subject-access export (one person) and pseudonymised research export (one safety house)."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.cases import actions
from ineen.cases.enums import TriageDecision
from ineen.cases.models import CaseNote
from ineen.households import actions as household_actions
from ineen.households.enums import Concern, IncidentRole, LifeDomain, MeasureCategory, MeasureKind, ViolenceType
from ineen.households.models import Incident, LegalMeasure, LifeDomainAssessment, Strength
from ineen.privacy import actions as privacy_actions
from ineen.privacy import research, retention
from ineen.privacy.enums import ConsentForm, ConsentPurpose, Visibility
from tests.factories import CLOSURE_PLAN, Role, make_user, refer
from tests.support.reauth import reauthenticated

ANNA_ADDRESS = "Blijf-van-mijn-lijfhuis, Geheimstraat 1"
BRAM_ADDRESS = "Pleeggezin, Verborgenlaan 9"
HOSTILE = '=HYPERLINK("http://evil.example","klik")'


@pytest.fixture
def family(cast):
    """Anna (the subject) and Bram, with case content of every kind."""
    case = cast.case
    anna, bram = case.household.members.order_by("pk")
    household_actions.record_incident(
        case=case,
        actor=cast.member,
        involvements=[(anna, IncidentRole.EXPERIENCED), (bram, IncidentRole.WITNESSED)],
        incident=Incident(
            date=timezone.localdate() - timedelta(days=20),
            description="Ruzie in de gang",
            violence_types=[ViolenceType.EMOTIONAL],
        ),
    )
    household_actions.save_record(
        case=case,
        actor=cast.member,
        concerns=[anna],
        record=LifeDomainAssessment(
            domain=LifeDomain.HOUSING, concern=Concern.SOME, note="Woning te klein", person=anna
        ),
    )
    household_actions.save_record(
        case=case, actor=cast.member, concerns=[anna], record=Strength(description="Zus helpt mee", person=anna)
    )
    household_actions.save_record(
        case=case,
        actor=cast.director,
        record=LegalMeasure(
            person=anna, category=MeasureCategory.CIVIL, kind=MeasureKind.CUSTODY, note="Gezag geregeld"
        ),
    )
    actions.add_note(case=case, actor=cast.member, note=CaseNote(text=HOSTILE), concerns=[anna])
    actions.add_note(
        case=case,
        actor=cast.member,
        concerns=[anna],
        note=CaseNote(text="Alleen voor ons", visibility=Visibility.SOURCE_ONLY),
    )
    actions.add_note(case=case, actor=cast.member, note=CaseNote(text="Over Bram alleen"), concerns=[bram])
    privacy_actions.record_consent(
        case=case,
        person=anna,
        organisation=cast.member.organisation,
        purpose=ConsentPurpose.CASE_CONFERENCE,
        form=ConsentForm.WRITTEN,
        actor=cast.director,
    )
    privacy_actions.set_confidential_address(
        case=case, person=anna, address=ANNA_ADDRESS, guardians=[], actor=cast.director
    )
    privacy_actions.set_confidential_address(
        case=case, person=bram, address=BRAM_ADDRESS, guardians=[], actor=cast.director
    )
    return anna, bram


def export_url(cast, person, fmt=None):
    url = reverse("privacy:subject_export", args=[cast.case.public_id, person.public_id])
    return f"{url}?formaat={fmt}" if fmt else url


def test_subject_export_asks_for_reauthentication_first(cast, login, family):
    response = login(cast.director).get(export_url(cast, family[0]))
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert not AuditEvent.objects.filter(action="export").exists()


def test_subject_export_holds_everything_about_the_person(cast, login, family):
    anna, _bram = family
    client = reauthenticated(login(cast.director), cast.director)
    response = client.get(export_url(cast, anna))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;") and "Anna" not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["first_name"] == "Anna" and data["person"]["birth_year"] == 1985
    assert data["person"]["confidential_address_recorded"] is True
    [incident] = data["incidents"]
    assert incident["role_of_this_person"] == "Heeft geweld meegemaakt"
    assert incident["description"] == "Ruzie in de gang"
    assert incident["source_organisation"] == cast.member.organisation.name and incident["basis"] == "Convenant"
    assert incident["visibility"] == "Casusteam"
    assert [r["role_code"] for r in data["incident_roles"]] == ["experienced"]
    assert [d["note"] for d in data["life_domains"]] == ["Woning te klein"]
    assert [s["description"] for s in data["strengths"]] == ["Zus helpt mee"]
    assert [m["note"] for m in data["measures"]] == ["Gezag geregeld"]
    assert [n["text"] for n in data["notes"]] == [HOSTILE]  # not the note about Bram, not the source-only one
    assert [c["organisation"] for c in data["consents"]] == [cast.member.organisation.name]
    assert data["cases"][0]["reference"] == cast.case.reference
    assert data["cases"][0]["shared_about_this_person"], "the transparency list is included"
    assert data["who_looked"], "the 'who looked' list is included"
    assert data["withheld"] == [
        {
            "kind": "Notitie",
            "source_organisation": cast.member.organisation.name,
            "what_to_do": "Er is informatie die u niet mag inzien. Vraag de bronorganisatie.",
        }
    ]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_no_confidential_address_and_nothing_about_other_members(cast, login, family, fmt):
    anna, bram = family
    client = reauthenticated(login(cast.director), cast.director)
    for person in (anna, bram):
        body = client.get(export_url(cast, person, fmt)).content.decode()
        assert ANNA_ADDRESS not in body and BRAM_ADDRESS not in body
        assert "Geheimstraat" not in body and "Verborgenlaan" not in body
    anna_body = client.get(export_url(cast, anna, fmt)).content.decode()
    assert "Bram" not in anna_body and "Heeft geweld gebruikt" not in anna_body and "Was getuige" not in anna_body
    assert str(bram.public_id) not in anna_body


def test_csv_subject_export_is_formula_safe(cast, login, family):
    client = reauthenticated(login(cast.chair), cast.chair)
    response = client.get(export_url(cast, family[0], "csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["notes[1].text", "'" + HOSTILE] in rows
    assert ["person.first_name", "Anna"] in rows
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_subject_export_is_audited(cast, login, family):
    anna = family[0]
    reauthenticated(login(cast.director), cast.director).get(export_url(cast, anna))
    [event] = AuditEvent.objects.filter(action="export")
    assert (event.actor, event.object_type, event.person_ids) == (cast.director, "person", [str(anna.public_id)])
    assert event.household_id == str(cast.case.household.public_id) and event.purpose == "inzageverzoek"
    assert "1 withheld" in event.detail


@pytest.mark.parametrize("who", ["member", "expert", "outsider", "researcher", "other_chair"])
def test_only_chair_and_case_director_may_export(cast, login, family, who):
    user = getattr(cast, who)
    assert reauthenticated(login(user), user).get(export_url(cast, family[0])).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_person_of_another_household_and_bad_format(cast, login, family):
    client = reauthenticated(login(cast.chair), cast.chair)
    stranger = refer(cast.member, cast.house, name="Gezin Ander").household.members.first()
    assert client.get(export_url(cast, stranger)).status_code == 404
    response = client.get(export_url(cast, family[0], "xlsx"))
    assert response.status_code == 400 and "json of csv" in response.content.decode()


def test_closed_part_conference_notes_are_never_exported(cast, login, family):
    from ineen.conferences.enums import ConferenceKind, PartKind
    from ineen.conferences.models import Conference, ConferenceNote, ConferencePart
    from ineen.guide.enums import Phase, Step
    from ineen.guide.models import GuideVersion

    anna = family[0]
    version = GuideVersion.objects.create(code="test-x", title="Test", published_on=timezone.localdate())
    conference = Conference.objects.create(
        case=cast.case,
        kind=ConferenceKind.MDA,
        phase=Phase.IMMEDIATE_SAFETY,
        goal="Veiligheid",
        starts_at=timezone.now(),
        guide_version=version,
        chair=cast.chair,
    )
    for kind, text in ((PartKind.CLOSED, "Besloten: OM onderzoekt"), (PartKind.OPEN, "Open: Anna wil rust")):
        part = ConferencePart.objects.create(conference=conference, kind=kind)
        note = ConferenceNote.objects.create(
            conference=conference,
            part=part,
            step=Step.BEFORE,
            author=cast.chair,
            text=text,
            source_organisation=cast.chair.organisation,
        )
        note.concerns.set([anna])
    data = json.loads(reauthenticated(login(cast.chair), cast.chair).get(export_url(cast, anna)).content)
    assert [i["text"] for i in data["conferences"]["items"]] == ["Open: Anna wil rust"]
    assert "Verslag van besloten overleg" in {w["kind"] for w in data["withheld"]}


# --- research export ------------------------------------------------------------------------

RESEARCH_URL = "/onderzoek/export/"


def research_csv(client, code="hgl"):
    response = client.get(reverse("privacy:research_export"), {"huis": code})
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def second_case(cast, family):
    """A declined second referral of the same household, and a household of its own."""
    with time_machine.travel(timezone.now() + timedelta(days=40), tick=False):
        again = actions.submit_referral(
            actor=cast.member,
            house=cast.house,
            household_name="",
            people=[],
            answers={},
            existing_household=cast.case.household,
        )
        actions.decide_triage(case=again, actor=cast.chair, decision=TriageDecision.DECLINE, reasons="Loopt al.")
    other = refer(cast.member, cast.house, name="Gezin Ander")
    return again, other


def test_research_export_needs_the_role_and_reauthentication(cast, login):
    assert reverse("privacy:research_export") == RESEARCH_URL
    client = login(cast.researcher)
    page = client.get(RESEARCH_URL)
    assert page.status_code == 200 and "?huis=hgl" in page.content.decode()
    download = client.get(RESEARCH_URL, {"huis": "hgl"})
    assert download.status_code == 302 and "reauthenticate" in download["Location"]
    for who in ("chair", "director", "manager", "admin", "other_chair"):
        user = getattr(cast, who)
        assert reauthenticated(login(user), user).get(RESEARCH_URL, {"huis": "hgl"}).status_code == 404
    reauthenticated(client, cast.researcher)
    assert client.get(RESEARCH_URL, {"huis": "rr"}).status_code == 404  # not a researcher there


def test_research_export_has_no_identities_no_free_text_no_dates(cast, login, family, second_case):
    rows = research_csv(reauthenticated(login(cast.researcher), cast.researcher))
    assert len(rows) == 3 and list(rows[0]) == research.COLUMNS
    body = json.dumps(rows)
    forbidden = [
        "Anna",
        "Bram",
        "Test",
        "Gezin",
        "Ruzie",
        "Woning",
        "Zus",
        "Gezag",
        "HYPERLINK",
        "Alleen",
        "Geheimstraat",
        cast.case.reference,
        str(cast.case.public_id),
        str(family[0].public_id),
        cast.member.organisation.name,
        "1985",
        "2015",
        "Zorgen om veiligheid",
    ]
    assert [word for word in forbidden if word in body] == []
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4}", body), "no calendar dates"


def test_research_export_content_and_pseudonyms(cast, login, family, second_case):
    client = reauthenticated(login(cast.researcher), cast.researcher)
    rows = research_csv(client)
    by_case = {row["case_number_in_household"] + row["route"]: row for row in rows}
    first, again = by_case["1mda"], by_case["2"]
    assert first["household"] == again["household"] and first["household"].startswith("H-")
    assert first["state"] == "active" and first["triage_decision"] == "accept" and first["day_triage_decision"] == "0"
    assert again["triage_decision"] == "decline" and again["state"] == "closed" and again["day_closed"] == "0"
    assert first["violence_types"] == "emotional:1" and first["day_first_incident"] == "-20"
    codes = dict(part.split("|")[0:2] for part in first["person_details"].split(";"))
    anna_code = next(code for code, relationship in codes.items() if relationship == "parent")
    assert first["incident_roles"].split(";") == sorted(
        [f"{anna_code}:experienced", f"{next(c for c in codes if c != anna_code)}:witnessed"]
    )
    assert first["life_domains"] == f"{anna_code}:housing:some" and first["measures"] == f"{anna_code}:custody"
    age = timezone.localdate().year - 1985
    band = next(f"{lo}-{hi}" for lo, hi in research.AGE_BANDS if lo <= age <= hi)
    assert f"{anna_code}|parent|{band}|home" in first["person_details"]
    assert first["persons"] == "2" and first["children"] == "1"
    assert first["team_organisations"] == "4" and first["director_changes"] == "0"

    def person_codes(row):
        return sorted(part.split("|")[0] for part in row["person_details"].split(";"))

    assert person_codes(again) == person_codes(first), "same persons, same pseudonyms within one export"
    # A second export cannot be linked to the first.
    rows2 = research_csv(client)
    assert {r["household"] for r in rows}.isdisjoint({r["household"] for r in rows2})
    assert {r["case"] for r in rows}.isdisjoint({r["case"] for r in rows2})


def test_director_changes_are_counted(cast, login):
    actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair, handover_note="Overdracht")
    [row] = research_csv(reauthenticated(login(cast.researcher), cast.researcher))
    assert row["director_changes"] == "1"


def test_research_export_is_audited(cast, login):
    research_csv(reauthenticated(login(cast.researcher), cast.researcher))
    [event] = AuditEvent.objects.filter(action="export")
    assert (event.actor, event.object_type, event.safety_house_code) == (cast.researcher, "research_export", "hgl")
    assert event.person_ids == [] and event.household_id == ""


def test_pseudonymiser_is_keyed():
    one, two = research.Pseudonymiser(), research.Pseudonymiser()
    assert one("P", "x") == one("P", "x") != two("P", "x")
    assert research.Pseudonymiser(b"k" * 32)("H", "a") == research.Pseudonymiser(b"k" * 32)("H", "a")


@pytest.mark.parametrize(
    ("birth", "year", "band"),
    [
        (None, 2030, "unknown"),
        (2030, 2030, "0-3"),
        (2020, 2030, "4-11"),
        (2013, 2030, "12-17"),
        (1990, 2030, "35-44"),
        (1960, 2030, "65+"),
    ],
)
def test_age_bands(birth, year, band):
    assert research.age_band(birth, year) == band


def test_anonymised_households_keep_their_figures(cast, family, tmp_path):
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    with time_machine.travel(timezone.now() + timedelta(days=366 * 5 + 2), tick=False):
        assert len(retention.apply().households) == 1
    out = tmp_path / "onderzoek.csv"
    call_command("research_export", "--house", "hgl", "--out", str(out), stdout=io.StringIO())
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["anonymised"] == "1" and row["incidents"] == "1" and row["violence_types"] == "emotional:1"
    assert row["life_domains"].endswith(":housing:some") and row["state"] == "closed"
    assert "Geanonimiseerd" not in out.read_text()
    event = AuditEvent.objects.get(action="export")
    assert event.actor is None and event.origin_channel == "cli" and event.detail.startswith("1 rows")


def test_research_command_refuses_unknown_house(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("research_export", "--house", "nope", "--out", str(tmp_path / "x.csv"))


def test_researcher_of_two_houses_chooses(cast, login):
    researcher = make_user(cast.house, Role.RESEARCHER)
    researcher.role_assignments.create(safety_house=cast.other_house, role=Role.RESEARCHER)
    page = login(researcher).get(RESEARCH_URL).content.decode()
    assert "?huis=hgl" in page and "?huis=rr" in page
