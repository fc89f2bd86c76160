"""Notes, incidents and the plan through the API: the reading rule of docs/privacy.md per role; the
rest only as "information available — contact <organisation>", never its content."""

import pytest
from django.utils import timezone

from ineen.audit.models import Action, AuditEvent
from ineen.plans.models import BottomLine, PlanAction

# Per role: the notes (world.notes keys) they read. Written from docs/privacy.md, "Information items":
# their own organisation's items always; others' when team / named-including-theirs, never source-only;
# consent-based ones only while every person concerned has running consent (Bram: yes, Anna: no).
NOTES = {
    "chair": {"team", "ggz_consent"},
    "director": {"team", "ggz_consent"},
    "member": {"team", "ggz_consent", "named"},  # source of "named"
    "expert": {"team", "ggz_consent", "named"},  # the named organisation
    "agent": {"team", "ggz_consent", "police_source"},
    "ggz": {"team", "ggz_consent", "ggz_no_consent"},
}
INCIDENTS = {"chair": {"team"}, "member": {"team"}, "expert": {"team"}, "agent": {"team", "police_source"}}


def user_of(cast, world, role):
    return getattr(world, role, None) or getattr(cast, role)


@pytest.mark.parametrize("role", list(NOTES))
def test_notes_follow_the_reading_rule(cast, world, api_client, role):
    user = user_of(cast, world, role)
    body = api_client(user, f"/cases/{cast.case.public_id}/notes").json()
    readable = {
        key for key, note in world.notes.items() if str(note.public_id) in {item["public_id"] for item in body["items"]}
    }
    assert readable == NOTES[role]
    assert body["count"] == len(NOTES[role])
    hidden = [note for key, note in world.notes.items() if key not in NOTES[role]]
    assert [w["organisation"] for w in body["withheld"]] == sorted({n.source_organisation.name for n in hidden})
    for note in hidden:
        assert note.text not in str(body)
    for w in body["withheld"]:
        assert w["message"] == f"Informatie beschikbaar — neem contact op met {w['organisation']}."


def test_readable_notes_carry_source_basis_and_visibility(cast, world, api_client):
    items = {i["public_id"]: i for i in api_client(world.ggz, f"/cases/{cast.case.public_id}/notes").json()["items"]}
    note = items[str(world.notes["ggz_no_consent"].public_id)]
    assert note["source_organisation"] == "Parnassia"
    assert (note["basis"], note["basis_label"]) == ("consent", "Toestemming van de cliënt")
    assert note["visibility"] == "team"
    assert note["is_health_information"] is True
    assert note["author"] == world.ggz.get_full_name()
    assert "basis_reason" not in note


@pytest.mark.parametrize("role", list(INCIDENTS))
def test_incidents_follow_the_reading_rule(cast, world, api_client, role):
    user = user_of(cast, world, role)
    body = api_client(user, f"/cases/{cast.case.public_id}/incidents").json()
    ids = {item["public_id"] for item in body["items"]}
    assert {key for key, incident in world.incidents.items() if str(incident.public_id) in ids} == INCIDENTS[role]
    if "police_source" not in INCIDENTS[role]:
        assert [w["organisation"] for w in body["withheld"]] == ["Politie Eenheid Den Haag"]
        assert world.incidents["police_source"].description not in str(body)
    team = next(i for i in body["items"] if i["public_id"] == str(world.incidents["team"].public_id))
    assert team["violence_types"] == ["physical"]
    assert {(i["person"], i["role"]) for i in team["involvements"]} == {
        (str(world.anna.public_id), "experienced"),
        (str(world.bram.public_id), "witnessed"),
    }


def test_withdrawn_consent_takes_effect_at_the_next_request(cast, world, api_client):
    from ineen.privacy.models import Consent

    url = f"/cases/{cast.case.public_id}/notes"
    assert api_client(cast.member, url).json()["count"] == 3
    Consent.objects.filter(person=world.bram).update(withdrawn_on=timezone.localdate())
    body = api_client(cast.member, url).json()
    assert body["count"] == 2
    assert world.notes["ggz_consent"].text not in str(body)
    assert "Parnassia" in [w["organisation"] for w in body["withheld"]]


def test_governed_lists_are_paginated_and_audited(cast, world, api_client):
    first = api_client(cast.member, f"/cases/{cast.case.public_id}/notes", page_size=2).json()
    second = api_client(cast.member, f"/cases/{cast.case.public_id}/notes", page_size=2, page=2).json()
    assert (first["count"], first["pages"], len(first["items"]), len(second["items"])) == (3, 2, 2, 1)
    assert first["withheld"] == second["withheld"]  # about the whole case, not the page
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.object_id, event.purpose) == (Action.VIEW, str(cast.case.public_id), "notities")
    api_client(cast.member, f"/cases/{cast.case.public_id}/incidents")
    assert AuditEvent.objects.latest("pk").purpose == "incidenten"


def test_plan(cast, api_client):
    today = timezone.localdate()
    late = PlanAction.objects.create(
        case=cast.case,
        what="Huisbezoek.",
        owner=cast.member,
        owner_organisation=cast.member.organisation,
        due_on=today - timezone.timedelta(days=2),
        reason="Zorgen.",
    )
    PlanAction.objects.create(
        case=cast.case,
        what="Gesprek.",
        owner=cast.director,
        status="done",
        owner_organisation=cast.director.organisation,
        due_on=today,
        outcome="Gedaan.",
    )
    BottomLine.objects.create(
        case=cast.case,
        text="Geen geweld.",
        guardian=cast.member,
        guardian_organisation=cast.member.organisation,
        on_breach="Opschalen.",
    )
    body = api_client(cast.expert, f"/cases/{cast.case.public_id}/plan").json()
    assert body["reference"] == cast.case.reference
    assert [a["what"] for a in body["actions"]] == ["Huisbezoek.", "Gesprek."]  # open first
    first = body["actions"][0]
    assert (first["public_id"], first["overdue"], first["owner"], first["carried_over"]) == (
        str(late.public_id),
        True,
        cast.member.get_full_name(),
        0,
    )
    assert first["owner_organisation"] == cast.member.organisation.name
    assert [(b["text"], b["status"], b["guardian"]) for b in body["bottom_lines"]] == [
        ("Geen geweld.", "active", cast.member.get_full_name())
    ]
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.object_id, event.purpose, event.role) == (
        Action.VIEW,
        str(cast.case.public_id),
        "plan",
        "expert",
    )
    assert api_client(cast.outsider, f"/cases/{cast.case.public_id}/plan").status_code == 404


def test_attachments_follow_the_reading_rule_and_link_to_the_guarded_download(cast, world, api_client, login):
    from ineen.privacy.enums import Visibility
    from tests.cases.test_attachments import add

    team = add(cast.case, cast.member, title="Veiligheidsplan school")
    police = add(cast.case, world.agent, title="Proces-verbaal GEHEIM", visibility=Visibility.SOURCE_ONLY)
    body = api_client(cast.director, f"/cases/{cast.case.public_id}/attachments").json()
    assert [item["title"] for item in body["items"]] == ["Veiligheidsplan school"]
    assert "Proces-verbaal" not in str(body)
    assert [w["organisation"] for w in body["withheld"]] == [world.agent.organisation.name]
    item = body["items"][0]
    assert item["file_name"] == "verslag.pdf" and item["content_type"] == "application/pdf"
    assert item["source_organisation"] == cast.member.organisation.name
    assert login(cast.director).get(item["download_url"]).status_code == 200
    mine = api_client(world.agent, f"/cases/{cast.case.public_id}/attachments").json()
    assert {i["public_id"] for i in mine["items"]} == {str(team.public_id), str(police.public_id)}
    assert api_client(cast.outsider, f"/cases/{cast.case.public_id}/attachments").status_code == 404
