"""The plan page through HTTP: what it shows (open first, overdue, carried over twice, nudges), who may
change what (404, never 403), the conflict that keeps the typed text, and the query-count guard."""

import datetime
import itertools
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.escalations.actions import record_breach
from ineen.plans import actions
from ineen.plans.enums import ActionStatus, Towards
from ineen.plans.models import BottomLine, PlanAction

from ..factories import refer
from .conftest import make_action

MAX_QUERIES = 15
_counter = itertools.count()


def plan_url(case):
    return reverse("plans:plan", args=[case.public_id])


def update_url(action):
    return reverse("plans:action_update", args=[action.case.public_id, action.public_id])


def detail_url(action):
    return reverse("plans:action_detail", args=[action.case.public_id, action.public_id])


def carry_url(action):
    return reverse("plans:action_carry_over", args=[action.case.public_id, action.public_id])


# --- what the page shows -------------------------------------------------------------------------


def test_open_actions_first_overdue_highlighted(cast, client_for):
    case = cast.case
    done = make_action(case, cast.member, what="Al gedaan.", days=-20, status=ActionStatus.DONE)
    later = make_action(case, cast.member, what="Later.", days=20)
    late = make_action(case, cast.director, what="Te laat.", days=-3)
    response = client_for(cast.member).get(plan_url(case))
    assert response.status_code == 200
    assert [a.pk for a in response.context["open_actions"]] == [late.pk, later.pk]
    assert [a.pk for a in response.context["closed_actions"]] == [done.pk]
    html = response.content.decode()
    assert html.index("Te laat.") < html.index("Later.") < html.index("Al gedaan.")
    assert f'id="actie-{late.public_id}"' in html and "ineen-action--overdue" in html
    assert [a.pk for a in response.context["nudges"].overdue] == [late.pk]


def test_carried_over_twice_is_warned(cast, client_for):
    first = make_action(cast.case, cast.member, what="Schuldhulp regelen.")
    second = actions.carry_over_action(
        action=first, actor=cast.chair, seen_version=1, due_on=timezone.localdate() + datetime.timedelta(days=10)
    )
    html = client_for(cast.member).get(plan_url(cast.case)).content.decode()
    assert "al twee keer of vaker doorgeschoven" not in html
    assert "1 keer doorgeschoven" in html
    third = actions.carry_over_action(
        action=second, actor=cast.chair, seen_version=1, due_on=timezone.localdate() + datetime.timedelta(days=20)
    )
    response = client_for(cast.member).get(plan_url(cast.case))
    html = response.content.decode()
    assert [a.pk for a in response.context["nudges"].repeated] == [third.pk]
    assert "2 keer doorgeschoven" in html and "al twee keer of vaker doorgeschoven" in html
    assert [a.pk for a in response.context["open_actions"]] == [third.pk]
    assert {a.status for a in response.context["closed_actions"]} == {ActionStatus.CARRIED_OVER}


def test_nudges_for_reasons_and_the_family(cast, client_for):
    no_reason = make_action(cast.case, cast.member, what="Zonder reden.", reason="", towards=Towards.PROFESSIONALS)
    make_action(cast.case, cast.member, what="Met reden.", towards=Towards.PROFESSIONALS)
    response = client_for(cast.member).get(plan_url(cast.case))
    nudges = response.context["nudges"]
    assert [a.pk for a in nudges.without_reason] == [no_reason.pk]
    assert nudges.no_family_action
    html = response.content.decode()
    assert "Acties zonder reden" in html and "Er is geen open actie richting het gezin" in html
    make_action(cast.case, cast.member, what="Gesprek met moeder.")
    assert not client_for(cast.member).get(plan_url(cast.case)).context["nudges"].no_family_action


def test_bottom_lines_with_guardian_and_breach_step(cast, bottom_line, client_for):
    breach_url = reverse("escalations:breach_new", args=[cast.case.public_id, bottom_line.public_id])
    html = client_for(cast.expert).get(plan_url(cast.case)).content.decode()
    assert "Geen geweld in het bijzijn van de kinderen." in html
    assert cast.member.get_full_name() in html
    assert breach_url not in html  # the expert does not guard it
    assert f'href="{breach_url}"' in client_for(cast.member).get(plan_url(cast.case)).content.decode()
    for _ in range(2):  # a bottom line can be breached again: the link stays once it is breached
        record_breach(
            bottom_line=BottomLine.objects.get(),
            actor=cast.member,
            seen_version=BottomLine.objects.get().version,
            occurred_on=timezone.localdate(),
            what_happened="Gebeurd.",
            owner=cast.member,
            due_on=timezone.localdate(),
        )
    html = client_for(cast.member).get(plan_url(cast.case)).content.decode()
    assert "Niet nagekomen. Volgende stap:" in html and "crisisinterventie" in html
    assert "2 keer niet nagekomen, het laatst op" in html and f'href="{breach_url}"' in html
    assert "Niet nagekomen vastleggen" in html


def test_case_header_has_a_plan_tab(cast, client_for):
    html = client_for(cast.member).get(reverse("web:case_detail", args=[cast.case.public_id])).content.decode()
    assert f'href="{plan_url(cast.case)}"' in html
    html = client_for(cast.member).get(plan_url(cast.case)).content.decode()
    assert f'href="{plan_url(cast.case)}" aria-current="page"' in html


# --- who may do what -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["outsider", "former", "manager", "admin", "researcher", "other_chair"])
def test_outsiders_get_404(role, cast, action, bottom_line, client_for):
    client = client_for(getattr(cast, role))
    assert client.get(plan_url(cast.case)).status_code == 404
    assert client.post(update_url(action), {"status": "done", "outcome": "x", "version": "1"}).status_code == 404
    assert client.post(carry_url(action), {"due_on": "2100-01-01", "version": "1"}).status_code == 404
    assert PlanAction.objects.get().status == ActionStatus.OPEN
    assert AuditEvent.objects.filter(outcome="denied").count() == 3


def test_unknown_and_foreign_rows_look_the_same(cast, action, client_for):
    other_case = refer(cast.member, cast.house, name="Gezin Anders")
    client = client_for(cast.chair)
    assert client.get(reverse("plans:plan", args=[uuid.uuid4()])).status_code == 404
    wrong_case = reverse("plans:action_update", args=[other_case.public_id, action.public_id])
    assert client.post(wrong_case, {"status": "done", "version": "1"}).status_code == 404
    unknown = reverse("plans:action_update", args=[cast.case.public_id, uuid.uuid4()])
    assert client.post(unknown, {"status": "done", "version": "1"}).status_code == 404


@pytest.mark.parametrize(
    ("role", "allowed"), [("member", True), ("director", True), ("chair", True), ("expert", False)]
)
def test_status_update_by_owner_director_or_chair(role, allowed, cast, action, client_for):
    response = client_for(getattr(cast, role)).post(
        update_url(action), {"status": "done", "outcome": "Gelukt.", "version": "1"}
    )
    action.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert (action.status, action.outcome, action.version) == ("done", "Gelukt.", 2)
        assert (
            AuditEvent.objects.filter(object_type="plan_action", action="update", detail="status open -> done").count()
            == 1
        )
    else:
        assert response.status_code == 404
        assert (action.status, action.version) == ("open", 1)


def test_only_owner_sees_the_forms_of_their_action(cast, action, client_for):
    # The plan page links to the action's own page, where the forms are (issue 12: no unbound forms per
    # action on the plan page); the expert gets neither the link nor the forms.
    member, expert = client_for(cast.member), client_for(cast.expert)
    plan = member.get(plan_url(cast.case)).content.decode()
    assert f'href="{detail_url(action)}"' in plan and f'action="{update_url(action)}"' not in plan
    assert f'action="{update_url(action)}"' in member.get(detail_url(action)).content.decode()
    assert f'href="{detail_url(action)}"' not in expert.get(plan_url(cast.case)).content.decode()
    page = expert.get(detail_url(action))
    assert page.status_code == 200 and f'action="{update_url(action)}"' not in page.content.decode()
    assert 'action="' + carry_url(action) + '"' not in page.content.decode()


def test_the_forms_open_inside_the_card_with_htmx(cast, action, client_for):
    response = client_for(cast.member).get(detail_url(action), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'action="{update_url(action)}"' in html and f'action="{carry_url(action)}"' in html
    assert 'tabindex="-1"' in html  # the heading that takes the focus
    plan = client_for(cast.member).get(plan_url(cast.case)).content.decode()
    assert f'hx-get="{detail_url(action)}"' in plan


def test_concurrent_status_update_conflict_keeps_the_typed_text(cast, action, client_for):
    # Both opened the page while the action was at version 1.
    first = client_for(cast.member).post(
        update_url(action), {"status": "done", "outcome": "Huisbezoek gedaan.", "version": "1"}
    )
    second = client_for(cast.director).post(
        update_url(action), {"status": "cancelled", "outcome": "Niet meer nodig volgens Karim.", "version": "1"}
    )
    assert (first.status_code, second.status_code) == (302, 409)
    html = second.content.decode()
    assert "Niet meer nodig volgens Karim." in html  # the loser's own text, kept in the form
    assert "Huisbezoek gedaan." in html  # and the current text next to it
    assert "intussen gewijzigd" in html
    assert 'name="version" value="2"' in html
    action.refresh_from_db()
    assert (action.status, action.outcome, action.version) == ("done", "Huisbezoek gedaan.", 2)
    assert AuditEvent.objects.filter(object_type="plan_action", action="update").count() == 1


def test_invalid_input_is_refused_with_the_input_kept(cast, action, client_for):
    response = client_for(cast.member).post(
        update_url(action), {"status": "carried_over", "outcome": "Mijn tekst.", "version": "1"}
    )
    assert response.status_code == 400
    assert "Mijn tekst." in response.content.decode()
    response = client_for(cast.member).post(carry_url(action), {"due_on": "2001-01-01", "version": "1"})
    assert response.status_code == 400
    assert PlanAction.objects.get().status == ActionStatus.OPEN


def test_carry_over_through_the_page(cast, action, client_for):
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client_for(cast.member).post(carry_url(action), {"due_on": due, "version": "1"})
    assert response.status_code == 302
    successor = PlanAction.objects.get(carried_over_from=action)
    assert response["Location"].endswith(f"#actie-{successor.public_id}")
    assert (successor.due_on.isoformat(), successor.owner_id, successor.status) == (due, cast.member.pk, "open")


# --- query-count guard ---------------------------------------------------------------------------


PGHISTORY_PREFIX = "SELECT set_config('pghistory.context_id'"


def _sent(sql):
    # Savepoints exist only because each test runs in a transaction; django-pghistory prepends its context
    # to a statement in the same round trip, so look past it (as tests/web/test_queries.py does).
    statement = sql.split("; ", 1)[-1] if sql.startswith(PGHISTORY_PREFIX) else sql
    return not statement.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))


def measure(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    statements = [q["sql"] for q in ctx.captured_queries]
    return len(statements), [s for s in statements if _sent(s)]


def grow(cast, n):
    for _ in range(n):
        i = next(_counter)
        first = make_action(cast.case, cast.member, what=f"Actie {i}", days=-i)
        actions.carry_over_action(
            action=first, actor=cast.chair, seen_version=1, due_on=timezone.localdate() + datetime.timedelta(days=i)
        )
        BottomLine.objects.create(
            case=cast.case,
            text=f"Bodemeis {i}",
            guardian=cast.member,
            guardian_organisation=cast.member.organisation,
            on_breach="Opschalen.",
        )


@pytest.mark.parametrize("viewer", ["member", "chair", "expert"])
def test_plan_page_costs_the_same_with_1_and_3_actions(viewer, cast, client_for):
    client = client_for(getattr(cast, viewer))
    url = plan_url(cast.case)
    grow(cast, 1)
    client.get(url)
    one, _sql = measure(client, url)
    grow(cast, 2)
    three, sql = measure(client, url)
    assert three == one, "\n".join(sql)
    assert len(sql) <= MAX_QUERIES, "\n".join(sql)


def bulk(cast, n, *, status=ActionStatus.OPEN, start=0):
    today = timezone.localdate()
    PlanAction.objects.bulk_create(
        PlanAction(
            case=cast.case,
            what=f"Bulkactie {start + i} " + "met een lange omschrijving " * 4,
            owner=cast.member,
            owner_organisation=cast.member.organisation,
            due_on=today + datetime.timedelta(days=(start + i) % 60 - 30),
            reason="" if i % 3 else "Reden.",
            status=status,
        )
        for i in range(n)
    )


def test_plan_page_of_400_actions_costs_what_one_of_40_costs(cast, client_for):
    """Issue 12: the plan page is paged (open actions) and collapsed and paged (the others), so its queries
    and its size do not grow with the plan."""
    client = client_for(cast.member)
    url = plan_url(cast.case)
    bulk(cast, 30)
    bulk(cast, 10, status=ActionStatus.DONE, start=30)
    client.get(url)
    forty, _sql = measure(client, url)
    size_forty = len(client.get(url).content)
    bulk(cast, 270, start=40)
    bulk(cast, 90, status=ActionStatus.DONE, start=310)
    four_hundred, sql = measure(client, url)
    response = client.get(url)
    assert four_hundred == forty and len(sql) <= MAX_QUERIES, "\n".join(sql)
    assert len(response.content) < size_forty * 1.3  # bounded: the same pages, longer nudge counts
    assert len(response.context["open_actions"]) == 25 and len(response.context["closed_actions"]) == 25
    assert response.context["summary"]["on_track"] + response.context["summary"]["overdue"] == 300
    assert response.context["summary"]["done"] == 100
    # Every open action is reachable: the last page of the open actions, and the nudges say how many more.
    last = client.get(url + "?open=12&afgerond=4")
    assert len(last.context["open_actions"]) == 25 and len(last.context["closed_actions"]) == 25
    assert client.get(url + "?open=99&afgerond=x").context["pages"]["open"]["number"] == 12
    assert "en 90 andere" in response.content.decode() or "andere" in response.content.decode()
