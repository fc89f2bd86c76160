"""Evaluation questionnaires (issue 11, point 7): the versioned items, the professional's and the client's
forms, refusals, Mijn werk and the reminder, and the aggregates (hand counts, suppression, SVG = table)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent, Outcome
from ineen.evaluations import actions, report, work
from ineen.evaluations.enums import CLIENT_KINDS, PROFESSIONAL_KINDS, Kind
from ineen.evaluations.models import EvaluationResponse, QuestionnaireItem, QuestionnaireVersion
from ineen.reminders import rules

from .conftest import ended_conference

PRO = [str(k) for k in PROFESSIONAL_KINDS]
CLIENT = [str(k) for k in CLIENT_KINDS]


def values(kinds, value):
    grouped = actions.items(actions.current_version(), kinds)
    return {(item.kind, item.key): value for items in grouped.values() for item in items}


def post_data(kinds, value):
    return {f"{kind}-{key}": str(v) for (kind, key), v in values(kinds, value).items()}


# --- the questionnaires as data ------------------------------------------------------------------------


def test_the_research_items_are_loaded_as_one_current_version(db):
    version = QuestionnaireVersion.objects.get(is_current=True)
    texts = set(QuestionnaireItem.objects.filter(version=version).values_list("text_nl", flat=True))
    assert (
        "In hoeverre ondersteunde de leidraad om samen tot een plan van aanpak te komen voor dit huishouden?" in texts
    )
    assert "In hoeverre voelde u zich gehoord, begrepen en gerespecteerd?" in texts
    counts = {kind: version.items.filter(kind=kind).count() for kind in Kind}
    assert counts == {
        "client": 5,
        "professional_self": 5,
        "professional_estimate": 5,
        "professional_guide": 6,
        "wellbeing": 4,
    }


# --- domain -----------------------------------------------------------------------------------------------


def test_a_professional_evaluates_once(ended, cast):
    responses = actions.submit_professional(conference=ended, actor=cast.member, values=values(PRO, 8))
    assert [r.kind for r in responses] == PRO
    assert all(r.respondent_user == cast.member and r.channel == "professional_link" for r in responses)
    assert AuditEvent.objects.filter(object_type="evaluation", action="create").count() == 3
    with pytest.raises(ValidationError):
        actions.submit_professional(conference=ended, actor=cast.member, values=values(PRO, 5))
    assert EvaluationResponse.objects.count() == 3


def test_every_item_needs_a_value_from_0_to_10(ended, cast):
    bad = values(PRO, 8) | {("professional_self", "heard"): 11}
    with pytest.raises(ValidationError):
        actions.submit_professional(conference=ended, actor=cast.member, values=bad)
    assert not EvaluationResponse.objects.exists()


def test_the_client_version_is_filled_in_with_the_case_director(ended, cast, client_person):
    responses = actions.submit_with_client(
        conference=ended, actor=cast.director, person=client_person, values=values(CLIENT, 6)
    )
    assert {r.kind for r in responses} == set(CLIENT)
    assert all(
        r.respondent_person == client_person
        and r.respondent_user is None
        and r.filled_in_by == cast.director
        and r.channel == "debrief"
        for r in responses
    )


# --- views and refusals --------------------------------------------------------------------------------


def test_the_professional_form_is_a_row_of_0_to_10_per_item(ended, cast, login):
    url = reverse("evaluations:professional", args=[ended.public_id])
    page = login(cast.member).get(url).content.decode()
    assert page.count('type="radio"') == 16 * 11
    assert "Helemaal niet" in page and "Helemaal wel" in page and "<fieldset" in page and "<legend" in page
    assert " checked" not in page  # no preselected value
    assert AuditEvent.objects.filter(object_type="conference", purpose="conference_evaluation").exists()


def test_a_missing_answer_keeps_what_was_chosen(ended, cast, login):
    url = reverse("evaluations:professional", args=[ended.public_id])
    data = post_data(PRO, 9)
    del data["professional_guide-overall"]
    response = login(cast.member).post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="9" checked' in page and "Kies een cijfer van 0 tot en met 10." in page
    assert not EvaluationResponse.objects.exists()


def test_a_professional_submits_and_then_sees_it_is_done(ended, cast, login):
    http = login(cast.member)
    url = reverse("evaluations:professional", args=[ended.public_id])
    assert http.post(url, post_data(PRO, 7) | {"comment": "Goed overleg."}).status_code == 302
    assert EvaluationResponse.objects.filter(respondent_user=cast.member).count() == 3
    assert "al ingevuld" in http.get(url).content.decode()


@pytest.mark.parametrize("role", ["expert", "outsider", "manager", "researcher", "other_chair"])
def test_who_was_not_invited_gets_a_404(ended, cast, login, role):
    response = login(getattr(cast, role)).get(reverse("evaluations:professional", args=[ended.public_id]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(outcome=Outcome.DENIED).exists()


def test_no_evaluation_before_the_conference_ended(ended, cast, login):
    type(ended).objects.filter(pk=ended.pk).update(state="planned", ended_at=None)
    assert login(cast.member).get(reverse("evaluations:professional", args=[ended.public_id])).status_code == 404


def test_the_case_director_fills_in_with_a_client(ended, cast, login, client_person):
    url = reverse("evaluations:with_client", args=[ended.public_id, client_person.public_id])
    http = login(cast.director)
    page = http.get(url).content.decode()
    assert "Hoe gaat het met u zelf?" in page and "Heel slecht" in page
    assert http.post(url, post_data(CLIENT, 6)).status_code == 302
    assert EvaluationResponse.objects.filter(respondent_person=client_person, channel="debrief").count() == 2


def test_the_client_version_is_refused_to_members_and_for_people_not_invited(ended, cast, login, client_person):
    url = reverse("evaluations:with_client", args=[ended.public_id, client_person.public_id])
    assert login(cast.member).get(url).status_code == 404
    bram = cast.case.household.members.get(first_name="Bram")
    url = reverse("evaluations:with_client", args=[ended.public_id, bram.public_id])
    assert login(cast.director).get(url).status_code == 404
    assert login(cast.director).post(url, post_data(CLIENT, 6)).status_code == 404
    assert not EvaluationResponse.objects.exists()


# --- Mijn werk and the reminder ---------------------------------------------------------------------------


def test_mijn_werk_lists_the_evaluation_until_it_is_given(ended, cast, client_person):
    items = work.work_items(cast.director)
    urls = {item.url for item in items}
    assert reverse("evaluations:professional", args=[ended.public_id]) in urls
    assert reverse("evaluations:with_client", args=[ended.public_id, client_person.public_id]) in urls
    assert all(item.section == "evaluations" for item in items)
    assert work.work_items(cast.expert) == []
    actions.submit_professional(conference=ended, actor=cast.director, values=values(PRO, 7))
    assert reverse("evaluations:professional", args=[ended.public_id]) not in {
        i.url for i in work.work_items(cast.director)
    }


def test_mijn_werk_page_shows_the_section(ended, cast, login):
    page = login(cast.member).get(reverse("web:dashboard")).content.decode()
    assert "Evaluaties van overleggen" in page and reverse("evaluations:professional", args=[ended.public_id]) in page


def test_the_reminder_goes_to_who_has_not_evaluated(ended, cast):
    actions.submit_professional(conference=ended, actor=cast.member, values=values(PRO, 7))
    today = timezone.localdate() + datetime.timedelta(days=3)
    recipients = {r.recipient for r in rules.evaluations_missing(today)}
    assert recipients == {cast.chair, cast.director}


# --- aggregates -------------------------------------------------------------------------------------------


@pytest.fixture
def evaluated(cast):
    """Two conferences in 2026 K3 chaired by Petra: 3 professionals invited to each (chair, director, member);
    5 professional responses (10, 8, 6 and 4, 7 on every item: mean 7,0); 1 client response (suppressed)."""
    tz = timezone.get_current_timezone()
    first = ended_conference(cast, starts_at=datetime.datetime(2026, 8, 10, 10, tzinfo=tz))
    second = ended_conference(cast, starts_at=datetime.datetime(2026, 8, 20, 10, tzinfo=tz))
    for conference, who in (
        (first, [(cast.chair, 10), (cast.director, 8), (cast.member, 6)]),
        (second, [(cast.chair, 4), (cast.director, 7)]),
    ):
        for user, value in who:
            actions.submit_professional(conference=conference, actor=user, values=values(PRO, value))
    person = first.invitations.filter(person__isnull=False).first().person
    actions.submit_with_client(conference=first, actor=cast.director, person=person, values=values(CLIENT, 3))
    return first, second


def test_aggregates_match_the_hand_count(evaluated, cast):
    people = evaluated[0].invitations.filter(person__isnull=False).values("person").distinct().count()
    built = {q.kind: q for q in report.build(cast.house.pk)}
    pro = built["professional_self"]
    [row] = pro.rows
    assert (row.period, row.cell.invited, row.cell.responses, row.cell.rate) == ("2026 K3", 6, 5, "83%")
    assert row.means(pro.items) == [7.0] * 5
    client = built["client"]
    [row] = client.rows
    assert row.cell.invited == 2 * people and row.cell.shown_responses == "<5" and row.cell.rate == "—"
    assert row.means(client.items) == [None] * 5
    monthly = report.build(cast.house.pk, period="month")[1]
    assert [r.period for r in monthly.rows] == ["2026-08"]


def test_aggregates_page_shows_table_and_an_accessible_chart_with_the_same_numbers(evaluated, cast, login):
    response = login(cast.manager).get(reverse("evaluations:aggregates"))
    page = response.content.decode()
    assert response.status_code == 200
    assert cast.case.reference not in page and "Anna" not in page
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(charts) == 5
    for chart in charts:
        assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    pro_chart = next(c for c in charts if "eigen ervaring" in c)
    bars = re.findall(r'data-value="([^"]*)"', pro_chart)
    assert bars == ["7.0"] * 5 and "7,0" in pro_chart
    table = page[page.index(pro_chart) + len(pro_chart) :]
    table = table[: table.index("</table>")]
    assert re.findall(r'<td data-value="([^"]*)">', table) == bars
    client_chart = next(c for c in charts if "Cliënt over het overleg" in c)
    assert set(re.findall(r'data-value="([^"]*)"', client_chart)) == {""}  # suppressed: no bars
    assert AuditEvent.objects.filter(object_type="evaluation_report", action="view").exists()


@pytest.mark.parametrize("role", ["director", "member", "expert", "admin"])
def test_aggregates_are_refused_to_other_roles(cast, login, role):
    assert login(getattr(cast, role)).get(reverse("evaluations:aggregates")).status_code == 404


def test_aggregates_page_queries_are_bounded(evaluated, cast, login, django_assert_max_num_queries):
    http = login(cast.researcher)
    with django_assert_max_num_queries(25):
        assert http.get(reverse("evaluations:aggregates")).status_code == 200


def test_the_menu_links_to_the_aggregates_only_for_who_may_read_them(cast, login):
    url = reverse("evaluations:aggregates")
    assert url in login(cast.chair).get(reverse("web:case_list")).content.decode()
    assert url not in login(cast.member).get(reverse("web:case_list")).content.decode()
