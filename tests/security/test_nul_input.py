"""A NUL character anywhere in the input is a clear 400, never a 500 (PostgreSQL refuses NUL in queries).
Pages: ineen.web.middleware.RefuseNulCharactersMiddleware; the API: its own parameter validation."""

import pytest
from django.urls import reverse

from ineen.accounts.enums import Role
from tests.factories import make_user


@pytest.mark.parametrize("query", ["?q=%00", "?q=Anna%00", "?status=%00", "?pagina=%00"])
def test_case_list_refuses_nul(cast, login, query):
    response = login(cast.member).get(reverse("web:case_list") + query)
    assert response.status_code == 400
    assert "teken in dat niet is toegestaan" in response.content.decode()


def test_research_export_and_audit_log_refuse_nul(cast, login):
    researcher = make_user(cast.house, Role.RESEARCHER)
    assert login(researcher).get(reverse("privacy:research_export") + "?huis=hgl%00").status_code == 400
    logs = make_user(cast.house, Role.LOG_MANAGER)
    assert login(logs).get(reverse("audit:event_list") + "?wie=%00").status_code == 400


def test_form_post_with_nul_is_refused_and_changes_nothing(cast, login):
    from ineen.cases.models import CaseNote

    response = login(cast.member).post(
        reverse("web:note_add", args=[cast.case.public_id]),
        {"text": "Gesprek\x00gehad.", "basis": "covenant", "visibility": "team"},
    )
    assert response.status_code == 400
    assert not CaseNote.objects.exists()


def test_api_answers_in_its_own_format(cast, login):
    response = login(cast.member).get("/api/v1/cases?q=%00")
    assert response.status_code == 400
    assert "niet is toegestaan" in str(response.json())


def test_ordinary_input_passes(cast, login):
    assert login(cast.member).get(reverse("web:case_list") + "?q=Anna").status_code == 200
