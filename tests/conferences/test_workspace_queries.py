"""Query-count guards for the live workspace (QUALITY.md: bounded by a constant, <= 15, no N+1): every
view of the page and the poll cost the same with 1 and with 3 participants and items of every kind.

Counted like tests/web/test_queries.py, over the whole request. In tests the request's transaction
(ATOMIC_REQUESTS) and the session save run inside the test's own transaction, which turns them into
SAVEPOINT/RELEASE statements that production does not send; the bound of 15 is asserted on the
statements production sends, and the raw count must be equal for 1 and 3 as well.
"""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ineen.cases import actions as case_actions
from ineen.cases.enums import TeamRole
from ineen.conferences import live
from ineen.conferences.models import Conference
from ineen.households.models import Incident

from ..factories import OrganisationFactory, Role, make_user
from .conftest import invite

MAX_QUERIES = 15
VIEWS = ["opening", "beeldvorming", "oordeelsvorming", "brainstorm", "plan", "afspraken", "afgerond"]
_counter = itertools.count()


# django-pghistory (PostgreSQL) prefixes statements with its context: "SELECT set_config(...); <statement>".
_HISTORY_CONTEXT = re.compile(r"^SELECT set_config\('pghistory\.context_id'.*?, true\); ", re.S)


def _sent(sql):
    return not _HISTORY_CONTEXT.sub("", sql).startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))


def measure(client, url, headers=None, expect=200):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers or {})
    assert response.status_code == expect, url
    statements = [q["sql"] for q in ctx.captured_queries]
    return len(statements), [s for s in statements if _sent(s)]


def grow(conference, n, chair):
    """n more participants, and n more of every kind of item in the workspace."""
    case = conference.case
    conf = Conference.objects.select_related("case__household", "case__safety_house").get(pk=conference.pk)
    org = OrganisationFactory(houses=[case.safety_house])
    for _ in range(n):
        i = next(_counter)
        user = make_user(case.safety_house, Role.PROFESSIONAL, organisation=org, first_name=f"Deelnemer{i}")
        membership = case_actions.add_team_member(case=case, user=user, role=TeamRole.PROFESSIONAL, actor=chair)
        invite(conf, user)
        worry = live.add_contribution(conference=conf, actor=user, kind="worry", text=f"Zorg {i}")
        live.add_contribution(conference=conf, actor=user, kind="offer", text=f"Idee {i}")
        live.submit_score(conference=conf, actor=user, value=1 + i % 10, justification=f"Reden {i}")
        live.add_note(conference=conf, actor=user, part=conf.parts.first(), step="picture", text=f"Notitie {i}")
        live.add_note(conference=conf, actor=user, part=conf.parts.first(), step="decision", text=f"Besluit {i}")
        incident = Incident.objects.create(
            household=case.household, date=timezone.localdate(), description=f"Inc {i}", source_organisation=org
        )
        marks = ["first", "worst", "latest"]
        live.mark_incident(conference=conf, actor=chair, mark=marks[i % 3], incident=incident)
        live.choose_top_item(conference=conf, actor=chair, rank=1 + i % 3, contribution=worry)
        live.add_plan_action(
            conference=conf,
            actor=user,
            owner=membership,
            what=f"Actie {i}",
            due_on=timezone.localdate() + datetime.timedelta(days=7),
        )
        live.add_bottom_line(
            conference=conf, actor=user, text=f"Bodemeis {i}", guardian=membership, on_breach="Opschalen."
        )


@pytest.fixture
def small_conference(cast):
    from .conftest import make_conference

    return make_conference(cast.case, cast.chair, [cast.member])


@pytest.mark.parametrize("viewer", ["chair", "member"])
def test_workspace_costs_the_same_with_1_and_3_of_everything(viewer, cast, small_conference, client_for):
    conference = small_conference
    client = client_for(getattr(cast, viewer))
    grow(conference, 1, cast.chair)
    live.save_agreement(conference=conference, actor=cast.member, seen_version=0, timeline="Zes weken.")
    live.schedule_next(
        conference=conference,
        actor=cast.chair,
        starts_at=timezone.now() + datetime.timedelta(days=9),
        goal="Evaluatie.",
    )
    urls = {view: reverse("conferences:workspace", args=[conference.public_id]) + f"?weergave={view}" for view in VIEWS}
    for url in urls.values():
        client.get(url)  # warm up: session and per-process caches
    one = {view: measure(client, url) for view, url in urls.items()}
    grow(conference, 2, cast.chair)
    live.reveal_scores(conference=conference, actor=cast.chair)
    three = {view: measure(client, url) for view, url in urls.items()}
    for view in VIEWS:
        # revealing adds the distribution, not a query
        assert three[view][0] == one[view][0], f"{view}:\n" + "\n".join(three[view][1])
        assert len(one[view][1]) <= MAX_QUERIES, f"{view} ({len(one[view][1])}):\n" + "\n".join(one[view][1])
    print("\n" + viewer + ": " + ", ".join(f"{v} {len(one[v][1])} ({one[v][0]} with savepoints)" for v in VIEWS))


@pytest.mark.parametrize("view", VIEWS)
def test_poll_costs_the_same_with_1_and_3_of_everything(view, cast, small_conference, client_for):
    conference = small_conference
    client = client_for(cast.member)
    poll = reverse("conferences:workspace_poll", args=[conference.public_id])
    headers = {"HX-Request": "true"}
    grow(conference, 1, cast.chair)
    client.get(f"{poll}?weergave={view}", headers=headers)
    one = measure(client, f"{poll}?v=&weergave={view}", headers)
    grow(conference, 2, cast.chair)
    three = measure(client, f"{poll}?v=&weergave={view}", headers)
    assert three[0] == one[0], "\n".join(three[1])
    assert one[0] <= MAX_QUERIES, "\n".join(one[1])  # here even with the savepoints
    stamp = live.stamp(Conference.objects.get(pk=conference.pk))
    quiet = measure(client, f"{poll}?v={stamp}&weergave={view}", headers, expect=204)
    assert len(quiet[1]) <= 1, "\n".join(quiet[1])  # the user with its access facts; the revision from the cache
    print(f"\npoll {view}: full {len(one[1])} ({one[0]}), nothing new {len(quiet[1])} ({quiet[0]})")
