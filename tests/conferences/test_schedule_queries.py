"""Query-count guards for the planning and preparation pages (QUALITY.md: bounded by a constant,
<= 15, no N+1): each costs the same with 1 and with 3 invitees, household members, inputs and scores.
Counted over the whole request like test_workspace_queries.py; SAVEPOINTs exist only in tests."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ineen.conferences import prepare, schedule, self_rating
from ineen.households.enums import Relationship
from ineen.households.models import Person

from .planning import client_part, fresh, plan, team_member

MAX_QUERIES = 15
_counter = itertools.count()


PGHISTORY_PREFIX = "SELECT set_config('pghistory.context_id'"


def _statement(sql):
    # django-pghistory (PostgreSQL) prepends its context to a statement in the same round trip.
    return sql.split("; ", 1)[-1] if sql.startswith(PGHISTORY_PREFIX) else sql


def measure(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    sent = [
        q["sql"]
        for q in ctx.captured_queries
        if not _statement(q["sql"]).startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    ]
    return len(ctx.captured_queries), sent


def grow(cast, conference, n):
    """n more invited professionals with input and a score, n more household members (invited)."""
    for _ in range(n):
        i = next(_counter)
        user = team_member(cast, f"q{i}@test.example", first_name=f"Deelnemer{i}")
        schedule.invite_user(
            conference=conference, actor=cast.chair, part=client_part(conference), user=user, reason="Nodig."
        )
        for node in prepare.questions(conference)[:2]:
            prepare.save_input(conference=conference, actor=user, item=node.item, text=f"Inbreng {i}")
        prepare.save_score(conference=conference, actor=user, value=1 + i % 10, justification=f"Reden {i}")
        person = Person.objects.create(
            household=cast.case.household, first_name=f"Lid{i}", relationship=Relationship.CHILD
        )
        schedule.invite_person(conference=conference, actor=cast.chair, part=client_part(conference), person=person)
        self_rating.record_self_rating(  # their own scores, shown per member in the overview
            actor=cast.director, conference=conference, person=person, question="safety", value=5, channel="preparation"
        )


PAGES = [
    ("detail", "chair"),
    ("detail", "member"),
    ("prepare", "member"),
    ("prepare", "chair"),
    ("prepare_overview", "chair"),
]


@pytest.mark.parametrize(("name", "role"), PAGES)
def test_page_costs_the_same_with_1_and_3(cast, client_for, name, role):
    conference = plan(cast)
    schedule.invite_user(
        conference=conference, actor=cast.chair, part=client_part(conference), user=cast.member, reason="Nodig."
    )
    client = client_for(getattr(cast, role))
    url = reverse(f"conferences:{name}", args=[conference.public_id])
    grow(cast, fresh(conference), 1)
    measure(client, url)  # warm up (session, caches)
    one, sent_one = measure(client, url)
    grow(cast, fresh(conference), 2)
    three, sent_three = measure(client, url)
    assert one == three, "\n".join(sent_three)
    assert len(sent_three) <= MAX_QUERIES, f"{len(sent_three)} queries:\n" + "\n".join(sent_three)
