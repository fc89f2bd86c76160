"""The plan page between meetings through HTTP: progress, the plan's state at a glance, proposing and
answering a change (with the history), the conflict view that keeps both texts, the plan review."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ineen.plans import changes
from ineen.plans.models import ActionProgress, PlanChange, PlanReview

from ..factories import CLOSURE_PLAN
from .conftest import make_action


def plan_url(case):
    return reverse("plans:plan", args=[case.public_id])


def test_owner_records_progress_and_the_director_sees_the_state(cast, action, client_for):
    make_action(cast.case, cast.expert, days=-2, towards="professionals", what="Overleg school.")
    url = reverse("plans:action_progress", args=[cast.case.public_id, action.public_id])
    response = client_for(cast.member).post(url, {"text": "Huisbezoek gedaan.", "status_change": "", "version": "1"})
    assert response.status_code == 302
    assert ActionProgress.objects.get().author == cast.member
    html = client_for(cast.director).get(plan_url(cast.case)).content.decode()
    assert "Stand van het plan" in html and "Huisbezoek gedaan." in html
    assert "Op schema" in html and "Te laat" in html and "Tussen professionals" in html


def test_empty_progress_is_refused_with_a_message(cast, action, client_for):
    url = reverse("plans:action_progress", args=[cast.case.public_id, action.public_id])
    response = client_for(cast.member).post(url, {"text": "", "version": "1"})
    assert response.status_code == 400
    assert not ActionProgress.objects.exists()


def test_conflict_view_keeps_both_texts(cast, action, client_for):
    url = reverse("plans:action_update", args=[cast.case.public_id, action.public_id])
    first = client_for(cast.member).post(url, {"status": "open", "outcome": "Tekst van Sanne.", "version": "1"})
    second = client_for(cast.director).post(url, {"status": "open", "outcome": "Tekst van Karim.", "version": "1"})
    assert (first.status_code, second.status_code) == (302, 409)
    html = second.content.decode()
    assert "Tekst van Sanne." in html and "Tekst van Karim." in html
    assert "Hun versie houden" in html
    again = client_for(cast.director).post(url, {"status": "open", "outcome": "Samen: Sanne en Karim.", "version": "2"})
    assert again.status_code == 302
    action.refresh_from_db()
    assert (action.outcome, action.version) == ("Samen: Sanne en Karim.", 3)


def test_propose_agree_and_the_history_shows_it(cast, action, client_for):
    new = reverse("plans:change_new", args=[cast.case.public_id])
    page = client_for(cast.expert).get(new)
    assert page.status_code == 200 and "Waarom deze wijziging?" in page.content.decode()
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client_for(cast.expert).post(
        new, {"kind": "action_change", "action": str(action.public_id), "due_on": due, "reason": "Wachtlijst GGZ."}
    )
    assert response.status_code == 302
    change = PlanChange.objects.get()
    respond = reverse("plans:change_respond", args=[cast.case.public_id, change.public_id])
    assert "Reactie versturen" in client_for(cast.member).get(plan_url(cast.case)).content.decode()
    assert client_for(cast.chair).post(respond, {"answer": "agree"}).status_code == 404  # not a required partner
    assert client_for(cast.member).post(respond, {"answer": "agree"}).status_code == 302
    assert client_for(cast.director).post(respond, {"answer": "object"}).status_code == 400  # objection needs a why
    assert client_for(cast.director).post(respond, {"answer": "agree"}).status_code == 302
    html = client_for(cast.chair).get(plan_url(cast.case)).content.decode()
    assert "Geschiedenis van het plan" in html and "Wachtlijst GGZ." in html
    action.refresh_from_db()
    assert action.due_on.isoformat() == due


def test_bad_proposal_keeps_the_typed_text(cast, action, client_for):
    new = reverse("plans:change_new", args=[cast.case.public_id])
    response = client_for(cast.member).post(new, {"kind": "new_action", "what": "Iets nieuws.", "reason": "Omdat."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Iets nieuws." in html and "Omdat." in html
    assert not PlanChange.objects.exists()


def test_review_and_cadence_by_the_director(cast, client_for):
    client = client_for(cast.director)
    base = [cast.case.public_id]
    assert client.post(reverse("plans:review_cadence", args=base), {"weeks": "8"}).status_code == 302
    assert client.post(reverse("plans:review_cadence", args=base), {"weeks": "0"}).status_code == 400
    data = {"held_on": timezone.localdate().isoformat(), "with_whom": "Moeder.", "outcome": "Afspraken lopen."}
    assert client.post(reverse("plans:review_new", args=base), data).status_code == 302
    assert PlanReview.objects.get().outcome == "Afspraken lopen."
    html = client.get(plan_url(cast.case)).content.decode()
    assert "elke 8 weken" in html and "Afspraken lopen." in html


def test_closed_case_is_read_only(cast, action, client_for):
    from ineen.cases import actions as case_actions

    changes.propose_change(case=cast.case, actor=cast.expert, kind="drop_action", action=action, reason="Klaar.")
    case_actions.close_case(case=cast.case, actor=cast.chair, reason="Veilig.", plan=CLOSURE_PLAN)
    html = client_for(cast.member).get(plan_url(cast.case)).content.decode()
    assert (
        "Reactie versturen" not in html and "Voortgang vastleggen" not in html and "Wijziging voorstellen" not in html
    )
