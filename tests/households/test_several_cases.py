"""A household with several cases (docs/privacy.md, "Households with several cases").

cast.case is the EARLIER case (team: director, member, expert); it is closed, and the same household is
referred again: the LATER case, with its own team (later_director, later_member) and the expert in both
teams. Each case records an incident, a strength and (the later one) a new member, Carla.
"""

import datetime as dt
import json

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ineen.access import policy
from ineen.audit.models import AuditEvent, Outcome
from ineen.cases import actions
from ineen.cases.enums import TeamRole, TriageDecision
from ineen.cases.models import Case
from ineen.cases.search import search_cases
from ineen.conferences import schedule
from ineen.households import actions as household_actions
from ineen.households.enums import IncidentRole, Relationship
from ineen.households.models import Incident, Person, Strength, case_open_at
from ineen.privacy import exports, research
from tests.factories import CLOSURE_PLAN, Role, make_user, refer

EARLIER_TEXT = "Klap in de keuken (eerdere casus)."
LATER_TEXT = "Dreiging bij de school (latere casus)."


def _incident(case, by, text, person):
    return household_actions.record_incident(
        case=case,
        incident=Incident(date=timezone.localdate(), violence_types=["physical"], description=text),
        involvements=[(person, IncidentRole.EXPERIENCED)],
        actor=by,
    )


@pytest.fixture
def two(cast):
    earlier = cast.case
    Case.objects.filter(pk=earlier.pk).update(opened_at=timezone.now() - dt.timedelta(days=200))
    earlier.refresh_from_db()
    anna = earlier.household.members.get(first_name="Anna")
    cast.earlier_incident = _incident(earlier, cast.member, EARLIER_TEXT, anna)
    cast.conference = schedule.schedule(
        case=earlier,
        actor=cast.chair,
        kind="mda",
        phase="immediate_safety",
        goal="Veiligheid.",
        starts_at=timezone.now() + dt.timedelta(days=7),
        location="ZVH",
    )
    actions.close_case(plan=CLOSURE_PLAN, case=earlier, actor=cast.chair, reason="Afgerond.")

    cast.later_director = make_user(cast.house, Role.CASE_DIRECTOR, email="later-dir@test.example")
    cast.later_member = make_user(cast.house, Role.PROFESSIONAL, email="later-mem@test.example")
    later = actions.submit_referral(
        actor=cast.later_member,
        house=cast.house,
        household_name="",
        people=[],
        answers={"summary": "Opnieuw zorgen."},
        existing_household=earlier.household,
    )
    actions.decide_triage(case=later, actor=cast.chair, decision=TriageDecision.ACCEPT, route="mda", reasons="Nodig.")
    later.refresh_from_db()
    actions.assign_case_director(case=later, director=cast.later_director, actor=cast.chair)
    for user in (cast.later_member, cast.expert):
        actions.add_team_member(case=later, user=user, role=TeamRole.PROFESSIONAL, actor=cast.chair)
    later.refresh_from_db()
    cast.carla = household_actions.save_record(
        case=later,
        record=Person(first_name="Carla", last_name="Nieuw", relationship=Relationship.CHILD, birth_year=2020),
        actor=cast.later_director,
    )
    cast.later_incident = _incident(later, cast.later_director, LATER_TEXT, cast.carla)
    household_actions.save_record(
        case=later, record=Strength(description="Buurvrouw vangt op"), actor=cast.later_member
    )
    earlier.refresh_from_db()
    cast.earlier, cast.later = earlier, later
    return cast


def page(client, case, name="web:case_household"):
    return client.get(reverse(name, args=[case.public_id]))


# --- recorded_in ---------------------------------------------------------------------------------------


def test_records_remember_the_case_they_were_recorded_in(two):
    assert two.earlier_incident.recorded_in == two.earlier
    assert two.later_incident.recorded_in == two.later
    assert two.carla.recorded_in == two.later
    assert set(two.earlier.household.members.exclude(pk=two.carla.pk).values_list("recorded_in", flat=True)) == {
        two.earlier.pk
    }


def test_changing_a_record_keeps_the_case_it_was_recorded_in(two):
    anna = two.earlier.household.members.get(first_name="Anna")
    anna.custody_notes = "Gewijzigd in de latere casus."
    household_actions.save_record(case=two.later, record=anna, actor=two.later_director)
    anna.refresh_from_db()
    assert anna.recorded_in == two.earlier


def test_case_open_at_rule():
    t = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    day = dt.timedelta(days=1)
    a, b, c = (1, t, None), (2, t + 10 * day, t + 20 * day), (3, t + 30 * day, None)
    assert case_open_at([a, b, c], t + 15 * day) == 2  # b is open then (and opened after a)
    assert case_open_at([b, c], t + 25 * day) == 2  # none open: the latest opened before
    assert case_open_at([b, c], t - day) == 2  # before every case: the earliest
    assert case_open_at([a, b, c], t + 40 * day) == 3
    assert case_open_at([], t) is None


# --- earlier team looking at later data ------------------------------------------------------------------


@override_settings(INEEN_CLOSED_CASE_READ_DAYS=90)
def test_earlier_team_does_not_see_what_the_later_team_recorded(two, login):
    client = login(two.member)
    body = page(client, two.earlier).content.decode()
    assert EARLIER_TEXT in body
    assert LATER_TEXT not in body and "Carla" not in body and "Buurvrouw" not in body
    # the later case itself stays out of reach
    assert page(client, two.later).status_code == 404


def test_earlier_team_gets_nothing_later_from_the_api(two, login):
    client = login(two.director)
    incidents = client.get(reverse("api:case_incidents", args=[two.earlier.public_id])).json()
    assert [i["description"] for i in incidents["items"]] == [EARLIER_TEXT]
    assert incidents["count"] == 1 and incidents["withheld"] == []
    detail = client.get(reverse("api:case_detail", args=[two.earlier.public_id])).content.decode()
    assert "Carla" not in detail and "Anna" in detail


def test_earlier_team_cannot_open_a_later_member(two, login):
    client = login(two.chair)  # even the chair, looking through the earlier case
    url = reverse("web:person_edit", args=[two.earlier.public_id, two.carla.public_id])
    assert client.get(url).status_code == 404
    transparency = reverse("privacy:transparency", args=[two.earlier.public_id, two.carla.public_id])
    assert client.get(transparency).status_code == 404


def test_search_by_a_later_members_name_does_not_find_the_earlier_case(two):
    visible = policy.cases_for_user(two.member)
    assert list(search_cases(visible, "Carla")) == []
    assert list(search_cases(visible, "Anna")) == [two.earlier]
    assert list(search_cases(policy.cases_for_user(two.later_member), "Carla")) == [two.later]
    # the chair sees both cases; a later member's name finds the later case only
    assert list(search_cases(policy.cases_for_user(two.chair), "Carla")) == [two.later]


def test_someone_in_both_teams_sees_later_records_only_through_the_later_case(two, login):
    client = login(two.expert)
    assert LATER_TEXT not in page(client, two.earlier).content.decode()
    assert LATER_TEXT in page(client, two.later).content.decode()


# --- later team looking at earlier data ------------------------------------------------------------------


def test_later_team_sees_the_earlier_history_labelled_with_its_case(two, login):
    client = login(two.later_member)
    body = page(client, two.later).content.decode()
    assert EARLIER_TEXT in body and LATER_TEXT in body and "Carla" in body and "Anna" in body
    assert f"uit eerdere casus {two.earlier.reference}" in body
    incidents = client.get(reverse("api:case_incidents", args=[two.later.public_id])).json()
    assert {i["description"] for i in incidents["items"]} == {EARLIER_TEXT, LATER_TEXT}


def test_later_team_still_follows_the_item_rules_for_earlier_records(two, login):
    Incident.objects.filter(pk=two.earlier_incident.pk).update(visibility="source_only")
    body = page(login(two.later_director), two.later).content.decode()
    assert EARLIER_TEXT not in body and LATER_TEXT in body


def test_concurrent_cases_follow_the_same_rule(two, login):
    """Both open at the same time: the order of opening decides, not the state."""
    actions.reopen_case(case=two.earlier, actor=two.chair, reason="Weer nodig.")
    client = login(two.member)
    assert LATER_TEXT not in page(client, two.earlier).content.decode()
    assert EARLIER_TEXT in page(login(two.later_member), two.later).content.decode()


# --- reports and exports ---------------------------------------------------------------------------------


def test_conference_report_of_the_earlier_case_leaves_out_later_members(two, login):
    report = login(two.member).get(reverse("conferences:report", args=[two.conference.public_id]))
    body = report.content.decode()
    assert report.status_code == 200 and "Anna" in body and "Carla" not in body


def test_subject_export_through_the_earlier_case_leaves_out_later_records(two):
    anna = two.earlier.household.members.get(first_name="Anna")
    Incident.objects.get(pk=two.later_incident.pk).concerns.add(anna)
    data = exports.subject_access(case=two.earlier, person=anna, user=two.director)
    texts = json.dumps(data, default=str)
    assert EARLIER_TEXT in texts and LATER_TEXT not in texts
    later_view = json.dumps(exports.subject_access(case=two.later, person=anna, user=two.later_director), default=str)
    assert EARLIER_TEXT in later_view and LATER_TEXT in later_view


def test_research_export_rows_follow_the_rule(two):
    rows = {r["case_number_in_household"]: r for r in research.rows(two.house)}
    assert (rows[1]["incidents"], rows[1]["persons"]) == (1, 2)  # the earlier case: no Carla, no later incident
    assert (rows[2]["incidents"], rows[2]["persons"]) == (2, 3)


def test_python_and_sql_forms_of_the_rule_agree(two):
    opened = {c.pk: c.opened_at for c in Case.objects.filter(household=two.earlier.household)}
    for case in (two.earlier, two.later):
        for model in (Person, Incident, Strength):
            in_sql = set(model.objects.filter(policy.household_scope_q(case)).values_list("pk", flat=True))
            in_python = {r.pk for r in model.objects.all() if policy.household_record_shown(case, r, opened)}
            assert in_sql == in_python, (case.reference, model.__name__)


# --- a closed case: nobody writes; reading ends after the configured period -------------------------


KRACHTBRON = {"description": "Opa helpt.", "basis": "covenant", "visibility": "team"}


@pytest.mark.parametrize("who", ["chair", "director", "member"])
def test_nobody_writes_through_a_closed_case(two, login, who):
    user = getattr(two, who)
    client = login(user)
    before = (Strength.objects.count(), AuditEvent.objects.filter(outcome=Outcome.DENIED).count())
    url = reverse("web:household_add", args=[two.earlier.public_id, "krachtbron"])
    assert client.post(url, KRACHTBRON).status_code == 404
    assert Strength.objects.count() == before[0]
    assert AuditEvent.objects.filter(outcome=Outcome.DENIED).count() == before[1] + 1  # the refusal is audited
    note = reverse("web:note_add", args=[two.earlier.public_id])
    assert client.post(note, {"text": "Nog iets.", "basis": "covenant", "visibility": "team"}).status_code == 404
    assert not policy.may_edit_household(user, two.earlier)
    assert not policy.may_manage_team(user, two.earlier)
    assert not policy.may_schedule_conference(user, two.earlier)
    assert not policy.may_change_privacy(user, two.earlier)


def test_break_glass_writes_nothing_either(two):
    assert not policy.may_edit_household(two.outsider, two.earlier, policy.BREAK_GLASS)


def test_chair_reopens_first_then_writes(two, login):
    client = login(two.chair)
    assert (
        client.post(reverse("web:case_reopen", args=[two.earlier.public_id]), {"reason": "Weer nodig."}).status_code
        == 302
    )
    url = reverse("web:household_add", args=[two.earlier.public_id, "krachtbron"])
    assert client.post(url, KRACHTBRON).status_code == 302
    assert Strength.objects.filter(description="Opa helpt.", recorded_in=two.earlier).exists()


@override_settings(INEEN_CLOSED_CASE_READ_DAYS=30)
def test_former_team_reads_a_closed_case_for_the_configured_period(two, login):
    client = login(two.member)
    assert page(client, two.earlier, "web:case_detail").status_code == 200
    assert two.earlier in policy.cases_for_user(two.member)
    Case.objects.filter(pk=two.earlier.pk).update(closed_at=timezone.now() - dt.timedelta(days=31))
    two.earlier.refresh_from_db()
    assert page(client, two.earlier, "web:case_detail").status_code == 404
    assert client.get(reverse("api:case_incidents", args=[two.earlier.public_id])).status_code == 404
    assert two.earlier not in policy.cases_for_user(two.member)
    assert policy.case_relation(two.member, two.earlier) is None
    # the chair keeps reading
    assert page(login(two.chair), two.earlier, "web:case_detail").status_code == 200
    assert policy.case_relation(two.chair, two.earlier) == policy.CHAIR


@override_settings(INEEN_CLOSED_CASE_READ_DAYS=30)
def test_cases_for_user_and_case_relation_agree_about_closed_cases(two):
    Case.objects.filter(pk=two.earlier.pk).update(closed_at=timezone.now() - dt.timedelta(days=31))
    two.earlier.refresh_from_db()
    for user in (two.chair, two.director, two.member, two.expert, two.later_director, two.outsider):
        listed = set(policy.cases_for_user(user))
        for case in (two.earlier, two.later):
            assert (case in listed) == (policy.case_relation(user, case) is not None), (user.email, case.reference)


# --- two safety houses -----------------------------------------------------------------------------------


def test_same_family_in_another_house_shares_nothing(two, login):
    """A household belongs to one safety house: the same names in house B are another household."""
    referrer_b = make_user(two.other_house, Role.PROFESSIONAL, email="rr-prof@test.example")
    case_b = refer(referrer_b, two.other_house, name="Gezin Test")  # same name, same members
    anna_b = case_b.household.members.get(first_name="Anna")
    _incident(case_b, referrer_b, "Incident in huis B.", anna_b)
    assert case_b.household != two.later.household
    for user, case in ((two.later_member, two.later), (two.member, two.earlier)):
        body = page(login(user), case).content.decode()
        assert "Incident in huis B." not in body
        assert list(search_cases(policy.cases_for_user(user), "Anna")) == [case]
    assert not Incident.objects.filter(policy.household_scope_q(two.later), description="Incident in huis B.")


def test_migration_fills_existing_rows(two):
    """households/0004: the case open when the record was made (recorded_at, else its CREATE audit event);
    members without an event came with the first referral."""
    import importlib

    from django.apps import apps

    fill = importlib.import_module("ineen.households.migrations.0004_fill_recorded_in").fill
    for model in (Person, Incident, Strength):
        model.objects.update(recorded_in=None)
    fill(apps, None)
    assert Incident.objects.get(pk=two.earlier_incident.pk).recorded_in_id == two.earlier.pk
    assert Incident.objects.get(pk=two.later_incident.pk).recorded_in_id == two.later.pk
    assert Person.objects.get(pk=two.carla.pk).recorded_in_id == two.later.pk  # from its audit event
    assert Person.objects.get(first_name="Anna").recorded_in_id == two.earlier.pk  # came with the referral
    assert Strength.objects.get().recorded_in_id == two.later.pk


def test_duplicate_matching_does_not_name_a_later_member_to_the_earlier_team(two):
    carla = [("Carla", "Nieuw", 2020)]
    assert policy.possible_matches(two.member, two.house, carla) == []
    [match] = policy.possible_matches(two.later_member, two.house, carla)
    assert match.case == two.later and match.matched_people == ["Carla Nieuw"]
    [match] = policy.possible_matches(two.member, two.house, [("Anna", "Test", 1985)])
    assert match.case == two.earlier and match.matched_people == ["Anna Test"]


@override_settings(INEEN_CLOSED_CASE_READ_DAYS=30)
def test_no_emergency_access_to_a_case_closed_past_the_period(two):
    assert policy.may_break_glass(two.outsider, two.earlier)  # closed, within the period: read-only access
    Case.objects.filter(pk=two.earlier.pk).update(closed_at=timezone.now() - dt.timedelta(days=31))
    two.earlier.refresh_from_db()
    assert not policy.may_break_glass(two.outsider, two.earlier)


def test_transparency_through_the_earlier_case_stops_at_the_later_case(two, login):
    from ineen.privacy.transparency import shared_about, who_looked

    anna = two.earlier.household.members.get(first_name="Anna")
    Incident.objects.get(pk=two.later_incident.pk).concerns.add(anna)
    login(two.later_director).get(reverse("web:case_household", args=[two.later.public_id]))  # a later read
    assert len(shared_about(two.earlier, anna)) == 1 and len(shared_about(two.later, anna)) == 2
    assert sum(r["count"] for r in who_looked(two.earlier, anna)) < sum(r["count"] for r in who_looked(two.later, anna))


def test_privacy_page_of_a_closed_case_offers_no_changes(two, login):
    body = login(two.chair).get(reverse("privacy:overview", args=[two.earlier.public_id])).content.decode()
    assert "Toestemming vastleggen" not in body
    body = login(two.chair).get(reverse("privacy:overview", args=[two.later.public_id])).content.decode()
    assert "Toestemming vastleggen" in body and "Carla" in body
