"""Query-count guards (DESIGN practice 7, QUALITY "queries per page"): a page costs the same number of
queries with 1 and with 3 related items, and never more than 15."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ineen.accounts.enums import Role
from ineen.cases import actions
from ineen.cases.enums import Route, TeamRole, TriageDecision
from ineen.cases.models import Attachment, CaseNote
from ineen.households.enums import Concern, IncidentRole, LifeDomain, MeasureKind, OtherTable, Relationship
from ineen.households.models import (
    Incident,
    IncidentInvolvement,
    InvolvedService,
    LegalMeasure,
    LifeDomainAssessment,
    OtherTableDiscussion,
    Person,
    Strength,
)
from ineen.privacy.enums import Basis, Visibility
from ineen.privacy.models import Consent

from ..factories import OrganisationFactory, make_user, refer

MAX_QUERIES = 15  # QUALITY.md: bounded by a constant, independent of household size
MY_WORK_BUDGET = 15  # Mijn werk too, though it gathers every kind of work: see tests/web/test_my_work.py BUDGET
_counter = itertools.count()


PGHISTORY_PREFIX = "SELECT set_config('pghistory.context_id'"


def _statement(sql):
    # django-pghistory prepends its context to a statement in the same round trip; look past it.
    return sql.split("; ", 1)[-1] if sql.startswith(PGHISTORY_PREFIX) else sql


def queries(client, url, **kwargs):
    """Database round trips of one GET. Savepoints are left out: they exist only because each test runs
    inside a transaction (in production the request's transaction is BEGIN/COMMIT, not a query)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    sql = [
        q["sql"]
        for q in ctx.captured_queries
        if not _statement(q["sql"]).startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    return len(sql), sql


def grow(case, n, author):
    """Add n of every kind of related item to the case and its household."""
    household = case.household
    org = OrganisationFactory(houses=[case.safety_house])
    domains = list(LifeDomain.values)
    for _ in range(n):
        i = next(_counter)
        person = Person.objects.create(
            household=household,
            first_name=f"Lid{i}",
            last_name="Groei",
            birth_year=1980 + i % 40,
            relationship=Relationship.OTHER,
        )
        Consent.objects.create(
            person=person, organisation=org, purpose="case_conference", form="written", recorded_by=author
        )
        incident = Incident.objects.create(
            household=household,
            date=timezone.localdate(),
            violence_types=["physical"],
            source_organisation=org,
            description=f"Incident {i}",
        )
        incident.concerns.add(person)
        IncidentInvolvement.objects.create(incident=incident, person=person, role=IncidentRole.EXPERIENCED)
        IncidentInvolvement.objects.create(
            incident=incident, person=household.members.get(first_name="Anna"), role=IncidentRole.WITNESSED
        )
        LifeDomainAssessment.objects.create(
            household=household,
            person=person,
            domain=domains[i % len(domains)],
            concern=Concern.SOME,
            source_organisation=org,
        )
        # One readable strength and one from a source that shares nothing ("there is information").
        Strength.objects.create(
            household=household, person=person, description=f"Kracht {i}", source_organisation=org, basis=Basis.CONSENT
        ).concerns.add(person)
        Strength.objects.create(
            household=household,
            person=person,
            description=f"Geheim {i}",
            source_organisation=org,
            visibility=Visibility.SOURCE_ONLY,
        )
        InvolvedService.objects.create(household=household, organisation=org, person=person, aim=f"Hulp {i}")
        LegalMeasure.objects.create(
            household=household,
            person=person,
            category="criminal",
            kind=MeasureKind.CONTACT_BAN,
            source_organisation=org,
        )
        OtherTableDiscussion.objects.create(household=household, table=OtherTable.ZSM)
        CaseNote.objects.create(case=case, author=author, text=f"Notitie {i}", source_organisation=org)
        for visibility in (Visibility.TEAM, Visibility.SOURCE_ONLY):  # listed only (no file is opened)
            Attachment.objects.create(
                case=case,
                uploaded_by=author,
                title=f"Bijlage {i}",
                file=f"grow/{i}",
                file_name="a.pdf",
                content_type="application/pdf",
                size=10,
                sha256="0" * 64,
                source_organisation=org,
                visibility=visibility,
            ).concerns.add(person)
        newcomer = make_user(case.safety_house, Role.PROFESSIONAL, organisation=org)
        actions.add_team_member(case=case, user=newcomer, role=TeamRole.EXPERT, actor=author)
    # A change of director and a close/reopen grow the history tables too.
    for _ in range(n):
        other = make_user(case.safety_house, Role.CASE_DIRECTOR)
        actions.assign_case_director(case=case, director=other, actor=author, handover_note="Overdracht.")


CASE_PAGES = ["web:case_detail", "web:case_household", "web:case_services", "web:case_attachments"]


@pytest.mark.parametrize("page", CASE_PAGES)
@pytest.mark.parametrize("viewer", ["chair", "director", "member"])
def test_case_pages_cost_the_same_with_1_and_3_of_everything(cast, client_for, viewer, page):
    client = client_for(getattr(cast, viewer))
    url = reverse(page, args=[cast.case.public_id])
    grow(cast.case, 1, cast.chair)
    client.get(url)  # warm up: session and per-process caches
    one, _sql = queries(client, url)
    grow(cast.case, 2, cast.chair)
    three, sql_three = queries(client, url)
    assert three == one, "\n".join(sql_three)


@pytest.mark.parametrize("page", CASE_PAGES)
@pytest.mark.parametrize("viewer", ["chair", "member"])
def test_case_pages_stay_within_the_quality_bound(cast, client_for, viewer, page):
    client = client_for(getattr(cast, viewer))
    url = reverse(page, args=[cast.case.public_id])
    grow(cast.case, 3, cast.chair)
    client.get(url)
    count, sql = queries(client, url)
    assert count <= MAX_QUERIES, "\n".join(sql)


def test_case_detail_shows_what_was_grown(cast, client_for):
    grow(cast.case, 3, cast.chair)
    html = client_for(cast.member).get(reverse("web:case_household", args=[cast.case.public_id])).content.decode()
    assert html.count("Kracht ") == 3
    assert "Geheim " not in html  # source-only: the member sees only that there is information


def _more_cases(cast, n):
    for _ in range(n):
        i = next(_counter)
        case = refer(
            cast.member,
            cast.house,
            name=f"Gezin Lijst{i}",
            people=[
                {"first_name": f"Lijst{i}", "last_name": "Test", "relationship": Relationship.PARENT},
                {"first_name": f"Kind{i}", "last_name": "Test", "relationship": Relationship.CHILD},
            ],
        )
        actions.decide_triage(
            case=case, actor=cast.chair, decision=TriageDecision.ACCEPT, route=Route.REGULAR, reasons="Acuut."
        )
        actions.add_team_member(case=case, user=cast.member, role=TeamRole.PROFESSIONAL, actor=cast.chair)


@pytest.mark.parametrize("viewer", ["chair", "member"])
@pytest.mark.parametrize("query", ["", "?q=Test", "?status=active&route=regular"])
def test_case_list_costs_the_same_with_1_and_3_cases(cast, client_for, viewer, query):
    client = client_for(getattr(cast, viewer))
    url = reverse("web:case_list") + query
    _more_cases(cast, 1)
    client.get(url)
    one, sql_one = queries(client, url)
    _more_cases(cast, 2)
    three, sql_three = queries(client, url)
    listed = client.get(url).context["page"].paginator.count
    assert listed >= 3
    assert three == one, "\n".join(sql_three)
    assert one <= MAX_QUERIES, "\n".join(sql_one)


def test_case_list_htmx_partial_is_bounded(cast, client_for):
    client = client_for(cast.chair)
    _more_cases(cast, 3)
    url = reverse("web:case_list") + "?q=Lijst"
    count, sql = queries(client, url, headers={"HX-Request": "true"})
    assert count <= MAX_QUERIES, "\n".join(sql)
    assert "<html" not in client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_triage_page_costs_the_same_with_1_and_3_members(cast, client_for):
    case = refer(cast.outsider, cast.house, name="Gezin Weeg")
    client = client_for(cast.chair)
    url = reverse("web:triage", args=[case.public_id])
    client.get(url)
    one, _sql = queries(client, url)
    for i in range(2):
        Person.objects.create(
            household=case.household, first_name=f"Extra{i}", last_name="Weeg", relationship=Relationship.CHILD
        )
    three, sql_three = queries(client, url)
    assert three == one, "\n".join(sql_three)
    assert one <= MAX_QUERIES, "\n".join(sql_three)


def test_dashboard_costs_the_same_with_1_and_3_cases(cast, client_for):
    client = client_for(cast.member)
    url = reverse("web:dashboard")
    _more_cases(cast, 1)
    client.get(url)
    one, _sql = queries(client, url)
    _more_cases(cast, 2)
    three, sql_three = queries(client, url)
    assert three == one, "\n".join(sql_three)
    assert one <= MY_WORK_BUDGET
