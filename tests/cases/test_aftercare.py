"""Closure with a closure plan, the follow-up check and reopening (issue 10, point 7)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.cases import actions, aftercare
from ineen.cases.enums import CaseState
from tests.factories import CLOSURE_PLAN


def _url(name, case):
    return reverse(f"web:{name}", args=[case.public_id])


def test_an_active_case_does_not_close_without_a_plan(cast, login):
    with pytest.raises(ValidationError):
        actions.close_case(case=cast.case, actor=cast.chair, reason="Klaar.")
    response = login(cast.chair).post(_url("case_close", cast.case), {"reason": "Klaar."})
    assert response.status_code == 400
    assert "Klaar." in response.content.decode()
    cast.case.refresh_from_db()
    assert cast.case.state == CaseState.ACTIVE


def test_closing_plans_the_follow_up_check_three_months_later(cast, settings):
    settings.INEEN_FOLLOWUP_CHECK_MONTHS = 3
    actions.close_case(case=cast.case, actor=cast.chair, reason="Doelen bereikt.", plan=CLOSURE_PLAN)
    plan = aftercare.latest_plan(cast.case)
    assert plan.followup_due_on == aftercare.add_months(timezone.localdate(), 3)
    assert plan.contact_organisation == CLOSURE_PLAN["contact_organisation"]


@pytest.mark.parametrize(("who", "status"), [("chair", 302), ("director", 302), ("member", 404), ("outsider", 404)])
def test_the_follow_up_check_is_for_the_chair_or_the_former_director(cast, login, who, status):
    actions.close_case(case=cast.case, actor=cast.chair, reason="Doelen bereikt.", plan=CLOSURE_PLAN)
    response = login(getattr(cast, who)).post(
        _url("case_followup", cast.case), {"how": "Het gaat goed.", "reopen_needed": "no"}
    )
    assert response.status_code == status
    done = aftercare.latest_plan(cast.case).followup_done_at is not None
    assert done == (status == 302)


def test_the_follow_up_needs_an_answer_on_reopening(cast, login):
    actions.close_case(case=cast.case, actor=cast.chair, reason="Doelen bereikt.", plan=CLOSURE_PLAN)
    response = login(cast.chair).post(_url("case_followup", cast.case), {"how": "Getypt antwoord."})
    assert response.status_code == 400 and "Getypt antwoord." in response.content.decode()


def test_reopening_is_audited_brings_the_team_back_and_keeps_the_history(cast, login):
    actions.close_case(case=cast.case, actor=cast.chair, reason="Doelen bereikt.", plan=CLOSURE_PLAN)
    actions.reopen_case(case=cast.case, actor=cast.chair, reason="Nieuwe zorgen.", reactivate=[cast.member])
    cast.case.refresh_from_db()
    assert cast.case.state == CaseState.ACTIVE
    assert AuditEvent.objects.filter(purpose="heropening", detail__startswith="reopened: Nieuwe zorgen.").exists()
    page = login(cast.chair).get(_url("case_detail", cast.case)).content.decode()
    assert "Nieuwe zorgen." in page


def test_a_phase_decision_to_close_leads_the_chair_from_the_workspace_to_closing(cast, login):
    from ineen.conferences.enums import ConferenceState
    from ineen.conferences.models import PhaseDecision
    from ineen.guide.enums import Phase

    from ..conferences.conftest import make_conference

    conference = make_conference(cast.case, cast.chair, [cast.member], phase=Phase.RECOVERY)
    conference.state = ConferenceState.ENDED
    conference.ended_at = timezone.now()
    conference.save()
    workspace = reverse("conferences:workspace", args=[conference.public_id])
    closing = _url("case_close", cast.case)
    assert closing not in login(cast.chair).get(workspace).content.decode()
    PhaseDecision.objects.create(
        conference=conference, from_phase=Phase.RECOVERY, decision="close", reason="Stabiel.", decided_by=cast.chair
    )
    assert closing in login(cast.chair).get(workspace).content.decode()
    # a member neither closes the case nor is led there
    assert closing not in login(cast.member).get(workspace).content.decode()
