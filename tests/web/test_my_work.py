"""Mijn werk per role (issue 10, acceptance 1): who sees which section, links to where the work is done,
overdue marked in words, only cases the user may see, one audit event, and a query budget independent of
the number of cases."""

import itertools
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.cases import actions
from ineen.cases.enums import Route, TeamRole, TriageDecision
from ineen.conferences.enums import ConferenceState
from ineen.conferences.models import PreparationInput, ScalingScore
from ineen.guide.enums import Scale
from ineen.households.enums import Relationship
from ineen.plans.enums import ActionStatus
from ineen.plans.models import BottomLine, PlanAction
from ineen.web import my_work

from ..conferences.conftest import make_conference
from ..factories import CLOSURE_PLAN, refer
from .test_queries import queries

_counter = itertools.count()
# The whole page for a user in 40 cases: session user, MFA check, roles, the cases the user may see
# (policy.work_scope), then every provider's lists (actions, bottom lines, triage, chaired and invited
# conferences, plan changes and reviews, handovers, closures, escalations, breaches, disputes, signals,
# debriefs, evaluations) with the page's own cases, referrals and "may refer" in one round trip
# (my_work.gather, ineen/web/batch.py), and the audit event. The same bound as every other page
# (tests/web/test_queries.py MAX_QUERIES), and it does not grow with the number of cases (5 and 40).
BUDGET = 15


def plan_rows(case, owner, *, overdue=False):
    today = timezone.localdate()
    action = PlanAction.objects.create(
        case=case,
        what="Veiligheidsplan bespreken met moeder",
        owner=owner,
        owner_organisation=owner.organisation,
        due_on=today - timedelta(days=3) if overdue else today + timedelta(days=7),
        reason="Zorg om de directe veiligheid.",
    )
    line = BottomLine.objects.create(
        case=case,
        text="Geen contact tussen vader en de kinderen zonder begeleiding",
        guardian=owner,
        guardian_organisation=owner.organisation,
        on_breach="Veilig Thuis doet een melding bij de Raad.",
    )
    return action, line


def grow(cast, n):
    """n more active cases of the cast's house with the member in the team, each with an overdue action and
    a bottom line of the member, a coming conference (member and director invited, no opening summary) and an
    ended conference without phase decision, both chaired by the chair."""
    for _ in range(n):
        i = next(_counter)
        case = refer(
            cast.member,
            cast.house,
            name=f"Gezin Werk{i}",
            people=[{"first_name": f"Werk{i}", "last_name": "Test", "relationship": Relationship.PARENT}],
        )
        actions.decide_triage(
            case=case, actor=cast.chair, decision=TriageDecision.ACCEPT, route=Route.MDA, reasons="Nodig."
        )
        case.refresh_from_db()
        actions.assign_case_director(case=case, director=cast.director, actor=cast.chair)
        actions.add_team_member(case=case, user=cast.member, role=TeamRole.PROFESSIONAL, actor=cast.chair)
        plan_rows(case, cast.member, overdue=True)
        conference_at(case, cast.chair, [cast.member, cast.director], when=timezone.now() + timedelta(days=3))
        make_conference(case, cast.chair, state=ConferenceState.ENDED, ended_at=timezone.now() - timedelta(days=1))


def conference_at(case, chair, invited=(), *, when, **fields):
    conference = make_conference(case, chair, invited, **fields)
    type(conference).objects.filter(pk=conference.pk).update(starts_at=when)
    conference.refresh_from_db()
    conference.invitations.update(sent_at=timezone.now())
    return conference


def page(client):
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def work(cast):
    action, line = plan_rows(cast.case, cast.member, overdue=True)
    conference = conference_at(
        cast.case, cast.chair, [cast.member, cast.director], when=timezone.now() + timedelta(days=2)
    )
    return action, line, conference


def test_professional_sees_own_actions_bottom_lines_and_preparation(cast, login, work):
    action, line, conference = work
    html = page(login(cast.member))
    assert "Mijn acties" in html and "Bodemeisen die ik bewaak" in html
    assert reverse("plans:plan", args=[cast.case.public_id]) + f"#actie-{action.public_id}" in html
    assert f"#bodemeis-{line.public_id}" in html
    assert "verlopen" in html  # in words, not only colour
    assert f'Klaar uiterlijk <time datetime="{action.due_on:%Y-%m-%d}">' in html
    assert reverse("conferences:prepare", args=[conference.public_id]) in html
    assert "uw inbreng en uw cijfer" in html
    # Not a chair: no triage queue, no conferences to chair.
    assert "Aanmeldingen voor het weegoverleg" not in html
    assert "Overleggen die ik voorzit" not in html


def test_preparation_given_is_shown_as_done(cast, login, work):
    _action, _line, conference = work
    PreparationInput.objects.create(
        conference=conference,
        item=conference.guide_version.items.first(),
        author=cast.director,
        text="Moeder is gemotiveerd.",
        source_organisation=cast.director.organisation,
    )
    ScalingScore.objects.create(
        conference=conference, author=cast.director, scale=list(Scale)[0], value=4, justification="Onrustig."
    )
    html = page(login(cast.director))
    assert "voorbereiding gegeven" in html
    assert "Nog te doen" not in html
    assert "U heeft geen open acties" in html  # the friendly empty state for someone in cases


def test_chair_sees_triage_and_what_is_missing_in_conferences(cast, login, work):
    _action, _line, conference = work
    waiting = refer(cast.member, cast.house, name="Gezin Wacht")
    ended = make_conference(cast.case, cast.chair, state=ConferenceState.ENDED, ended_at=timezone.now())
    html = page(login(cast.chair))
    assert "Aanmeldingen voor het weegoverleg" in html
    assert reverse("web:triage", args=[waiting.public_id]) in html
    assert "Overleggen die ik voorzit" in html
    assert "openingssamenvatting ontbreekt" in html
    assert reverse("conferences:prepare_overview", args=[conference.public_id]) in html
    assert "fasebesluit ontbreekt in het verslag" in html
    assert reverse("conferences:workspace", args=[ended.public_id]) in html
    # The chair owns no action here: no actions of others on the chair's list.
    assert "Veiligheidsplan bespreken met moeder" not in html


def test_chair_without_waiting_work_gets_friendly_empty_states(cast, login):
    html = page(login(cast.other_chair))
    assert "Er wachten geen aanmeldingen." in html
    assert "U heeft geen geplande overleggen waarin nog iets ontbreekt." in html


@pytest.mark.parametrize("who", ["outsider", "former", "other_chair", "manager", "researcher"])
def test_outsiders_see_nothing_of_the_case(cast, login, work, who):
    user = getattr(cast, who)
    action, _line, conference = work
    # Even an action or bottom line in their name does not show once they may no longer see the case.
    PlanAction.objects.filter(pk=action.pk).update(owner=user, owner_organisation=user.organisation)
    BottomLine.objects.filter(case=cast.case).update(guardian=user, guardian_organisation=user.organisation)
    html = page(login(user))
    assert cast.case.reference not in html
    assert str(conference.public_id) not in html
    assert "Veiligheidsplan bespreken" not in html


def test_closed_cases_and_finished_actions_leave_the_list(cast, login, work):
    action, _line, _conference = work
    PlanAction.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)
    assert "Veiligheidsplan bespreken" not in page(login(cast.member))
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Plan uitgevoerd.")
    html = page(login(cast.member))
    assert "Bodemeisen die ik bewaak" not in html
    assert "Voorbereiden" not in html


def test_the_page_is_audited_with_the_references_shown(cast, login, work):
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    page(login(cast.member))
    (event,) = AuditEvent.objects.filter(pk__gt=before, action="list")
    assert event.purpose == "werkvoorraad"
    assert event.detail.split(",").count(cast.case.reference) == 1


def test_a_new_provider_appears_under_its_heading(cast, login, monkeypatch):
    from ineen.web.work_items import WorkItem

    def plan_changes(user):
        return [WorkItem(section="plan_changes", title="Reageer op planwijziging", url="/x/")]

    monkeypatch.setattr(my_work, "PROVIDERS", [*my_work.PROVIDERS, plan_changes])
    html = page(login(cast.member))
    assert "Planwijzigingen die op uw antwoord wachten" in html
    assert "Reageer op planwijziging" in html


@pytest.mark.parametrize("who", ["member", "director", "chair"])
def test_query_budget_is_the_same_for_5_and_40_cases(cast, client_for, django_assert_max_num_queries, who):
    client = client_for(getattr(cast, who))
    url = reverse("web:dashboard")
    grow(cast, 5)
    client.get(url)
    five, _sql = queries(client, url)
    grow(cast, 35)
    forty, sql = queries(client, url)
    assert forty == five, "\n".join(sql)
    html = page(client)
    # Every case's item is on the page: overdue actions, preparation to do, what the chair is missing.
    marker = {"member": "verlopen", "director": "Voorbereiden: ", "chair": "Nog te doen"}[who]
    assert html.count(marker) >= 40
    with django_assert_max_num_queries(BUDGET):
        client.get(url)


@pytest.mark.parametrize("who", ["member", "director", "chair"])
def test_every_provider_is_read_in_one_round_trip(cast, django_assert_max_num_queries, who):
    """The lists of all providers and of the page itself are one statement (ineen/web/batch.py), after one
    query for the cases the user may see."""
    from ineen.access import policy

    user = getattr(cast, who)
    grow(cast, 3)
    user._ineen_roles = None  # roles read afresh, as in a request
    with django_assert_max_num_queries(2):
        scope = policy.work_scope(user)
    with django_assert_max_num_queries(1):
        items, (cases,) = my_work.gather(user, scope, [policy.cases_for_user(user).values_list("reference", flat=True)])
    assert len(items) >= 3  # one per grown case at least
    assert cast.case.reference in cases
