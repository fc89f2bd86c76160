"""Pages of escalation: what a manager sees (no case content), refusals, the breach form, the barrier register,
and the Mijn werk items (fixed query count)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent, Outcome
from ineen.escalations import actions, barriers, work
from ineen.escalations.models import BottomLineBreach, Escalation
from ineen.plans.models import PlanAction
from tests.factories import Role, make_user

from .conftest import in_days


def test_manager_page_shows_the_escalation_without_case_content(escalation, cast, login):
    response = login(cast.manager).get(reverse("escalations:manager_detail", args=[escalation.public_id]))
    page = response.content.decode()
    assert response.status_code == 200
    assert cast.case.reference in page and "traumahulp" in page and "Wekelijks contact" in page
    assert cast.case.household.name not in page and "Anna" not in page
    assert reverse("plans:plan", args=[cast.case.public_id]) not in page
    event = AuditEvent.objects.filter(object_type="escalation", purpose="escalation_manager", action="view").get()
    assert event.role == "escalation_manager"


def test_manager_records_the_result(escalation, cast, login):
    url = reverse("escalations:manager_detail", args=[escalation.public_id])
    response = login(cast.manager).post(url, {"status": "resolved", "result": "Plek geregeld.", "version": 1})
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "resolved" and escalation.result == "Plek geregeld."


def test_a_stale_answer_keeps_the_typed_text(escalation, cast, login):
    actions.answer_escalation(escalation=escalation, actor=cast.manager, seen_version=1, status="in_progress")
    url = reverse("escalations:manager_detail", args=[escalation.public_id])
    response = login(cast.manager).post(url, {"status": "resolved", "result": "Mijn eigen tekst.", "version": 1})
    assert response.status_code == 409 and "Mijn eigen tekst." in response.content.decode()


def test_manager_of_another_organisation_gets_404(escalation, cast, login):
    other = make_user(cast.house, Role.MANAGER, email="othermanager@test.example")
    url = reverse("escalations:manager_detail", args=[escalation.public_id])
    assert login(other).get(url).status_code == 404
    assert AuditEvent.objects.filter(outcome=Outcome.DENIED, object_type="escalation").exists()


def test_manager_who_left_the_organisation_gets_404(escalation, cast, login):
    other = make_user(cast.house, Role.PROFESSIONAL, email="x@test.example")
    cast.manager.organisation = other.organisation
    cast.manager.save()
    assert (
        login(cast.manager).get(reverse("escalations:manager_detail", args=[escalation.public_id])).status_code == 404
    )


def test_manager_cannot_open_the_case_or_the_team_page(escalation, cast, login):
    http = login(cast.manager)
    assert http.get(reverse("escalations:detail", args=[cast.case.public_id, escalation.public_id])).status_code == 404
    assert http.get(reverse("plans:plan", args=[cast.case.public_id])).status_code == 404


def test_professional_outside_the_team_cannot_raise_or_read(escalation, cast, login):
    http = login(cast.outsider)
    assert http.get(reverse("escalations:case_list", args=[cast.case.public_id])).status_code == 404
    response = http.post(
        reverse("escalations:new", args=[cast.case.public_id]),
        {"category": "other", "needed": "x", "needed_by": in_days(3).isoformat(), "addressed_to": cast.manager.pk},
    )
    assert response.status_code == 404 and Escalation.objects.count() == 1


def test_team_raises_from_the_form_and_sees_it_on_the_plan(cast, login):
    http = login(cast.expert)
    response = http.post(
        reverse("escalations:new", args=[cast.case.public_id]),
        {
            "category": "no_budget",
            "needed": "Budget voor begeleiding.",
            "needed_by": in_days(10).isoformat(),
            "addressed_to": cast.manager.pk,
            "bridging_help": "Buurtteam komt wekelijks.",
        },
    )
    assert response.status_code == 302
    plan = http.get(reverse("plans:plan", args=[cast.case.public_id])).content.decode()
    assert "Geen budget" in plan


def test_raise_form_refuses_bad_input_and_keeps_the_text(cast, login):
    response = login(cast.member).post(
        reverse("escalations:new", args=[cast.case.public_id]),
        {"category": "", "needed": "Mijn tekst blijft staan.", "needed_by": "gisteren", "addressed_to": "999"},
    )
    assert response.status_code == 400 and "Mijn tekst blijft staan." in response.content.decode()


def test_breach_form_records_and_opens_an_escalation(bottom_line, cast, login):
    http = login(cast.member)
    url = reverse("escalations:breach_new", args=[cast.case.public_id, bottom_line.public_id])
    assert http.get(url).status_code == 200
    response = http.post(
        url,
        {
            "occurred_on": in_days(0).isoformat(),
            "what_happened": "Weer gebeurd.",
            "owner": cast.director.pk,
            "due_on": in_days(2).isoformat(),
            "barrier": "",
            "escalate": "on",
            "version": bottom_line.version,
        },
    )
    breach = BottomLineBreach.objects.get()
    assert response.status_code == 302 and f"bodemeis={breach.public_id}" in response["Location"]
    form = http.get(response["Location"]).content.decode()
    assert 'value="bottom_line" selected' in form
    assert PlanAction.objects.get(pk=breach.consequence_id).owner == cast.director
    plan = http.get(reverse("plans:plan", args=[cast.case.public_id])).content.decode()
    assert "1 keer niet nagekomen" in plan


def _breach_post(cast, line):
    return {
        "occurred_on": in_days(0).isoformat(),
        "what_happened": "Weer gebeurd.",
        "owner": cast.member.pk,
        "due_on": in_days(2).isoformat(),
        "barrier": "",
        "version": line.version,
    }


def test_breach_form_is_refused_to_an_expert_who_does_not_guard_it(bottom_line, cast, login):
    url = reverse("escalations:breach_new", args=[cast.case.public_id, bottom_line.public_id])
    assert login(cast.expert).get(url).status_code == 404
    assert login(cast.expert).post(url, _breach_post(cast, bottom_line)).status_code == 404
    assert not BottomLineBreach.objects.exists()


@pytest.mark.parametrize("role", ["outsider", "former", "manager", "admin", "researcher", "other_chair"])
def test_breach_form_is_refused_to_outsiders(role, bottom_line, cast, login):
    url = reverse("escalations:breach_new", args=[cast.case.public_id, bottom_line.public_id])
    assert login(getattr(cast, role)).post(url, _breach_post(cast, bottom_line)).status_code == 404
    assert not BottomLineBreach.objects.exists() and not PlanAction.objects.exists()


def test_breach_by_guardian_director_or_chair_and_again(bottom_line, cast, login):
    url = reverse("escalations:breach_new", args=[cast.case.public_id, bottom_line.public_id])
    response = login(cast.director).post(url, _breach_post(cast, bottom_line))
    assert response.status_code == 302 and response["Location"].endswith(f"#bodemeis-{bottom_line.public_id}")
    bottom_line.refresh_from_db()
    assert login(cast.chair).post(url, _breach_post(cast, bottom_line)).status_code == 302  # breached again
    stale = login(cast.member).post(url, {**_breach_post(cast, bottom_line), "what_happened": "Mijn tekst."})
    assert stale.status_code == 409 and "Mijn tekst." in stale.content.decode()  # version seen is out of date
    assert BottomLineBreach.objects.count() == 2


def _system_escalations(cast, n, category="waiting_list", resolved_after=None):
    for i in range(n):
        e = Escalation.objects.create(
            case=cast.case,
            category=category,
            needed=f"Geheime tekst {i}",
            needed_by=in_days(5),
            organisation=cast.manager.organisation,
            addressed_to=cast.manager,
            raised_by=cast.member,
        )
        if resolved_after is not None:
            Escalation.objects.filter(pk=e.pk).update(
                status="resolved", resolved_on=timezone.localdate() + datetime.timedelta(days=resolved_after)
            )


def test_barrier_register_counts_without_case_content(cast, login):
    _system_escalations(cast, 6, resolved_after=10)
    _system_escalations(cast, 2, category="no_mandate")
    _system_escalations(cast, 3, category="other")  # not a barrier
    house = barriers.register([cast.house.pk])[0]
    by_category = {r.category: r for r in house.rows}
    assert set(by_category) == {"waiting_list", "no_mandate"}
    assert by_category["waiting_list"].shown_total == "6" and by_category["waiting_list"].shown_median == "10"
    assert by_category["no_mandate"].shown_total == "<5" and by_category["no_mandate"].shown_median == "—"
    page = login(cast.manager).get(reverse("escalations:barriers")).content.decode()
    assert "Wachtlijst" in page and "&lt;5" in page
    assert cast.case.reference not in page and "Geheime tekst" not in page
    assert AuditEvent.objects.filter(object_type="barrier_register", purpose="barrier_register").exists()


def test_barrier_register_refused_to_professionals(cast, login):
    assert login(cast.member).get(reverse("escalations:barriers")).status_code == 404


def test_work_items_for_the_manager_and_the_raiser(escalation, cast):
    [item] = work.work_items(cast.manager)
    assert item.section == "escalations" and item.case_reference == cast.case.reference
    assert "traumahulp" not in item.title
    assert work.work_items(cast.member) == []  # not answered yet
    actions.answer_escalation(escalation=escalation, actor=cast.manager, seen_version=1, status="in_progress")
    [answered] = work.work_items(cast.member)
    assert answered.url == reverse("escalations:detail", args=[cast.case.public_id, escalation.public_id])
    assert work.work_items(cast.outsider) == []


def test_work_items_for_breaches_with_an_open_consequence(bottom_line, cast):
    actions.record_breach(
        bottom_line=bottom_line,
        actor=cast.member,
        seen_version=1,
        occurred_on=in_days(0),
        what_happened="Gebeurd.",
        owner=cast.member,
        due_on=in_days(1),
    )
    assert [i.section for i in work.work_items(cast.director)] == ["breaches"]
    assert work.work_items(cast.outsider) == []


def test_work_items_query_count_is_fixed(cast, django_assert_max_num_queries, bottom_line):
    _system_escalations(cast, 12)
    for _ in range(5):
        bottom_line.refresh_from_db()
        actions.record_breach(
            bottom_line=bottom_line,
            actor=cast.member,
            seen_version=bottom_line.version,
            occurred_on=in_days(0),
            what_happened="Gebeurd.",
            owner=cast.member,
            due_on=in_days(1),
        )
    fresh = type(cast.manager).objects.get(pk=cast.manager.pk)
    with django_assert_max_num_queries(4):
        assert len(work.work_items(fresh)) == 12
    director = type(cast.director).objects.get(pk=cast.director.pk)
    with django_assert_max_num_queries(4):
        assert len(work.work_items(director)) == 5
