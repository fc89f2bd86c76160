"""Warm handover between case directors (issue 10, point 4): cases/direction.py and its two pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.cases import actions, direction
from ineen.cases.models import CaseDirectorAssignment


def _url(name, case):
    return reverse(f"web:{name}", args=[case.public_id])


def test_a_director_change_needs_a_handover_note(cast):
    with pytest.raises(ValidationError):
        actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair)
    assert cast.case.director_assignments.get(ended_at__isnull=True).director == cast.director


def test_the_note_goes_to_the_new_director_who_confirms_reading_it(cast):
    direction.write_handover(case=cast.case, actor=cast.director, note="Moeder eerst bellen.")
    actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair)
    current = direction.current_assignment(cast.case)
    assert current.director == cast.member and current.handover_note == "Moeder eerst bellen."
    assert current.handover_by == cast.director and current.handover_unread
    with pytest.raises(ValidationError):
        direction.confirm_handover(case=cast.case, actor=cast.director)  # no longer the director
    direction.confirm_handover(case=cast.case, actor=cast.member)
    current.refresh_from_db()
    assert current.handover_read_at is not None and not current.handover_unread
    assert AuditEvent.objects.filter(detail="handover read").exists()
    assert direction.continuity(cast.case)["director_changes"] == 1


def test_without_the_outgoing_directors_note_the_chair_writes_it(cast):
    cast.director.is_active = False
    cast.director.save()
    with pytest.raises(ValidationError, match="niet meer"):
        actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair)
    actions.assign_case_director(
        case=cast.case, director=cast.member, actor=cast.chair, handover_note="Van de voorzitter."
    )
    assert direction.current_assignment(cast.case).handover_by == cast.chair


def test_write_page_saves_and_a_stale_version_keeps_the_typed_text(cast, login):
    http = login(cast.director)
    assert http.get(_url("handover_write", cast.case)).status_code == 200
    version = CaseDirectorAssignment.objects.get(case=cast.case, ended_at__isnull=True).version
    response = http.post(_url("handover_write", cast.case), {"note": "Eerste tekst.", "version": version})
    assert response.status_code == 302
    response = http.post(_url("handover_write", cast.case), {"note": "Mijn getypte tekst.", "version": version})
    assert response.status_code == 409
    assert "Mijn getypte tekst." in response.content.decode()
    assert direction.current_assignment(cast.case).outgoing_note == "Eerste tekst."


@pytest.mark.parametrize("who", ["member", "outsider", "other_chair"])
def test_others_cannot_write_or_confirm(cast, login, who):
    http = login(getattr(cast, who))
    assert http.post(_url("handover_write", cast.case), {"note": "x"}).status_code == 404
    assert http.post(_url("case_handover", cast.case)).status_code == 404
    assert direction.current_assignment(cast.case).outgoing_note == ""


def test_the_new_director_sees_a_banner_and_confirms(cast, login):
    direction.write_handover(case=cast.case, actor=cast.director, note="Let op de school.")
    actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair)
    http = login(cast.member)
    page = http.get(_url("case_handover", cast.case)).content.decode()
    assert "Let op de school." in page
    assert http.post(_url("case_handover", cast.case)).status_code == 302
    assert direction.current_assignment(cast.case).handover_read_at is not None


def test_handover_notes_in_the_history_are_for_the_chair_and_the_director(cast, login):
    direction.write_handover(case=cast.case, actor=cast.director, note="Vader is wantrouwig naar de politie.")
    actions.assign_case_director(case=cast.case, director=cast.expert, actor=cast.chair)
    for who, sees in (("chair", True), ("expert", True), ("member", False)):
        page = login(getattr(cast, who)).get(_url("case_detail", cast.case)).content.decode()
        assert ("Vader is wantrouwig naar de politie." in page) == sees, who
