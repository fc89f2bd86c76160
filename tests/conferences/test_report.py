"""The conference report (verslag) and its plain-language client version: contents, governed filtering,
who may see which, what a household member is never handed, and the query-count guard."""

import datetime
import itertools
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.cases import actions as case_actions
from ineen.cases.enums import TeamRole
from ineen.conferences.models import ScalingScore
from ineen.guide.enums import Scale
from ineen.households.models import Person
from ineen.plans.enums import Towards
from ineen.plans.models import PlanAction
from ineen.privacy.models import Consent

from ..factories import OrganisationFactory, Role, make_user, refer
from .conftest import invite
from .reporting import ADDRESS, ALLOWED, FORBIDDEN, OM_NAME, OM_PERSON, held_conference

MAX_QUERIES = 15
_counter = itertools.count()


@pytest.fixture
def held(cast):
    return held_conference(cast)


def report_url(conference):
    return reverse("conferences:report", args=[conference.public_id])


def client_url(conference, person):
    return reverse("conferences:client_report", args=[conference.public_id, person.public_id])


def text_of(response):
    """The visible text, without tags (so a marker inside an attribute would still count)."""
    html = response.content.decode()
    return html, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the professionals' report -------------------------------------------------------------------


def test_report_has_every_part_of_the_picture(cast, held, client_for):
    response = client_for(cast.chair).get(report_url(held.conference))
    assert response.status_code == 200
    html, text = text_of(response)
    # household: members (Carla's address never), serious life domains only, marked incidents
    for name in ("Anna Test", "Bram Test", "Carla Test"):
        assert name in text
    assert "Geheim adres: nooit delen" in text and ADDRESS not in html
    assert "Schulden bij de woningcorporatie." in text and "MK-NOT-SERIOUS" not in html
    assert "MK-TEAM-INCIDENT: duw in de gang." in text and "Anna Test: heeft geweld meegemaakt" in text
    # scores per participant with justification, and how they lie
    assert "MK-SCORE-DIRECTOR" in text and "MK-SCORE-OM" in text
    distribution = response.context["distribution"]
    assert (distribution.lowest, distribution.median, distribution.highest) == (3, 4, 9)
    assert [s.who for s in response.context["scores"] if s.outlier] == [OM_PERSON]
    # shared top 3, phase decision with reason
    assert "MK-ANNA-WORRY" in text and "MK-TEAM-WORRY" in text
    assert "Blijven in deze fase" in text and "MK-PHASE-REASON" in text
    # decisions: who (person + organisation), what, by when, why
    family = next(a for a in response.context["actions"] if a.what.startswith("MK-FAMILY-ACTION"))
    assert family.owner == cast.member.get_full_name()
    assert family.organisation == cast.member.organisation.name
    assert family.due_on == timezone.localdate() + datetime.timedelta(days=14)
    assert "Antwoord op de slaapzorgen." in text
    om_action = next(a for a in response.context["actions"] if a.what.startswith("MK-OM-FAMILY-ACTION"))
    assert om_action.needs_reason
    # bottom lines and their guardians, what happens on breach
    assert "MK-BOTTOM-LINE" in text and "Opschalen naar de manager." in text
    assert response.context["bottom_lines"][0].guardian == cast.director.get_full_name()
    # agreements about collaboration, next meeting
    assert "Zes weken." in text and "Wekelijks een belronde." in text
    assert held.following.starts_at.strftime("%Y") in text
    # attendance per part, with the trusted person and the closed part's notes
    assert [p.kind for p in response.context["parts"]] == ["closed", "open"]
    assert "Tante Els" in text and OM_NAME in text
    assert "MK-CLOSED-NOTE" in text and "MK-CLOSED-TEAM-NOTE" in text
    assert "Concept" not in text


def test_report_shows_only_governed_content_the_reader_may_read(cast, held, client_for):
    html, text = text_of(client_for(cast.member).get(report_url(held.conference)))
    assert "MK-SOURCE-ONLY" not in html and "MK-HIDDEN-INCIDENT" not in html
    assert f"Informatie beschikbaar — neem contact op met {OM_NAME}" in text
    assert "MK-TEAM-WORRY" in text  # the group's top 3 is shared
    assert "MK-CLOSED-TEAM-NOTE" in text  # team visibility, the member may read it


def test_closed_part_notes_only_for_who_may_read_them(cast, held, client_for):
    from ineen.conferences.models import ConferenceNote
    from ineen.privacy.enums import Visibility

    ConferenceNote.objects.filter(text__startswith="MK-CLOSED-TEAM-NOTE").update(visibility=Visibility.SOURCE_ONLY)
    html, _text = text_of(client_for(cast.member).get(report_url(held.conference)))
    assert "MK-CLOSED-TEAM-NOTE" not in html
    html, _text = text_of(client_for(held.om).get(report_url(held.conference)))
    assert "MK-CLOSED-TEAM-NOTE" in html  # the source organisation reads its own note


def test_scores_stay_hidden_until_revealed(cast, held, client_for):
    conference = held.conference
    type(conference).objects.filter(pk=conference.pk).update(state="live", scores_revealed=False, ended_at=None)
    html, text = text_of(client_for(cast.member).get(report_url(conference)))
    assert "MK-SCORE" not in html
    assert "Concept: het overleg is nog niet afgerond." in text


def test_report_links_client_versions_for_chair_and_director_only(cast, held, client_for):
    link = client_url(held.conference, held.anna)
    assert link in client_for(cast.chair).get(report_url(held.conference)).content.decode()
    assert link in client_for(cast.director).get(report_url(held.conference)).content.decode()
    assert link not in client_for(cast.member).get(report_url(held.conference)).content.decode()


@pytest.mark.parametrize("role", ["outsider", "former", "manager", "admin", "researcher", "other_chair"])
def test_outsiders_get_404(role, cast, held, client_for):
    client = client_for(getattr(cast, role))
    assert client.get(report_url(held.conference)).status_code == 404
    assert client.get(client_url(held.conference, held.anna)).status_code == 404
    assert AuditEvent.objects.filter(outcome="denied", object_type="conference").exists()


def test_unknown_conference_looks_the_same(cast, client_for):
    assert client_for(cast.chair).get(reverse("conferences:report", args=[uuid.uuid4()])).status_code == 404


# --- the client version ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "expert"])
def test_client_version_is_for_chair_and_director_only(role, cast, held, client_for):
    assert client_for(getattr(cast, role)).get(client_url(held.conference, held.anna)).status_code == 404


def test_client_version_of_someone_outside_the_household_is_404(cast, held, client_for):
    other = refer(cast.member, cast.house, name="Gezin Anders")
    stranger = other.household.members.first()
    client = client_for(cast.chair)
    assert client.get(client_url(held.conference, stranger)).status_code == 404
    assert (
        client.get(reverse("conferences:client_report", args=[held.conference.public_id, uuid.uuid4()])).status_code
        == 404
    )


def test_client_version_says_what_was_agreed_in_plain_language(cast, held, client_for):
    response = client_for(cast.director).get(client_url(held.conference, held.anna))
    assert response.status_code == 200
    html, text = text_of(response)
    for heading in (
        "Wat hebben we besproken",
        "Wat gaan we doen: wie doet wat en wanneer",
        "Wanneer praten we weer",
        "Uw vaste contactpersoon",
    ):
        assert heading in text
    for marker in ALLOWED:
        assert marker in text, marker
    assert f"Uw vaste contactpersoon is {cast.director.get_full_name()} van {cast.director.organisation.name}." in text
    assert "We praten weer op" in text and "om 14.30 uur." in text
    assert f"{cast.member.get_full_name()} ({cast.member.organisation.name})" in text
    assert "iemand uit het team" in text  # the prosecutor's family action, without the prosecutor
    assert "emotioneel / psychisch, bedreiging. MK-ANNA-INCIDENT" in text
    assert " je " not in f" {text} "  # Anna is addressed with "u"
    printed = AuditEvent.objects.filter(purpose="verslag voor cliënt", outcome="allowed")
    assert [event.person_ids for event in printed] == [[str(held.anna.public_id)]]


def test_client_version_never_shows_what_a_household_member_may_not_see(cast, held, client_for):
    """Markers in every forbidden place: closed-part notes, scores, source-only and consent-less items,
    another member's confidential address and items about her, team-only content, actions towards
    professionals, and the prosecutor who only sat at the closed part."""
    html, _text = text_of(client_for(cast.chair).get(client_url(held.conference, held.anna)))
    seen = {marker: why for marker, why in FORBIDDEN.items() if marker in html}
    assert seen == {}


def test_consent_lets_a_consent_based_item_through(cast, held, client_for):
    Consent.objects.create(
        person=held.anna,
        organisation=cast.director.organisation,
        purpose="case_conference",
        form="written",
        recorded_by=cast.chair,
    )
    html, _text = text_of(client_for(cast.chair).get(client_url(held.conference, held.anna)))
    assert "MK-NO-CONSENT" in html
    assert "MK-CLOSED-NOTE" not in html and ADDRESS not in html


def test_prosecutor_at_the_open_part_is_named(cast, held, client_for):
    invite(held.conference, held.om, held.opened)
    html, _text = text_of(client_for(cast.chair).get(client_url(held.conference, held.anna)))
    assert OM_NAME in html and OM_PERSON in html


def test_a_child_is_addressed_with_je(cast, held, client_for):
    html, text = text_of(client_for(cast.chair).get(client_url(held.conference, held.bram)))
    assert "Je vaste contactpersoon" in text and "Heb je een vraag?" in text
    assert "MK-BRAM-ONLY" in text and "MK-BRAM-STRENGTH" in text
    assert "MK-ANNA-WORRY" not in html and ADDRESS not in html


def test_carla_sees_her_own_items_but_never_her_address_printed(cast, held, client_for):
    html, text = text_of(client_for(cast.chair).get(client_url(held.conference, held.carla)))
    assert "MK-ABOUT-CARLA" in text  # about her: she may be handed it
    assert ADDRESS not in html
    assert "iemand anders in dit gezin heeft een geheim adres" not in text


def test_whereabouts_check_shown_on_screen_when_another_member_is_hidden(cast, held, client_for):
    html, _text = text_of(client_for(cast.chair).get(client_url(held.conference, held.anna)))
    assert 'class="ineen-no-print' in html and "iemand anders in dit gezin heeft een geheim adres" in html


# --- query-count guard ---------------------------------------------------------------------------


def _sent(sql):
    return not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))


def measure(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    statements = [q["sql"] for q in ctx.captured_queries]
    return len(statements), [s for s in statements if _sent(s)]


def grow(cast, held, n):
    """n more participants with a score, family actions, members and consent."""
    conference, case = held.conference, cast.case
    org = OrganisationFactory(houses=[cast.house])
    for _ in range(n):
        i = next(_counter)
        user = make_user(cast.house, Role.PROFESSIONAL, organisation=org, first_name=f"Groei{i}")
        case_actions.add_team_member(case=case, user=user, role=TeamRole.PROFESSIONAL, actor=cast.chair)
        invite(conference, user, held.opened)
        ScalingScore.objects.create(
            conference=conference,
            author=user,
            scale=Scale.IMMEDIATE_SAFETY,
            value=1 + i % 10,
            justification=f"Reden {i}",
        )
        PlanAction.objects.create(
            case=case,
            conference=conference,
            what=f"Actie {i}",
            owner=user,
            owner_organisation=org,
            due_on=timezone.localdate(),
            towards=Towards.FAMILY,
        )
        person = Person.objects.create(household=case.household, first_name=f"Lid{i}", relationship="other")
        Consent.objects.create(
            person=person, organisation=org, purpose="case_conference", form="written", recorded_by=cast.chair
        )


@pytest.mark.parametrize(
    ("viewer", "page"), [("member", "report"), ("chair", "report"), ("director", "client"), ("chair", "client")]
)
def test_report_costs_the_same_with_1_and_3_actions_and_scores(viewer, page, cast, held, client_for):
    client = client_for(getattr(cast, viewer))
    url = report_url(held.conference) if page == "report" else client_url(held.conference, held.anna)
    grow(cast, held, 1)
    client.get(url)  # warm up: session and per-process caches
    one, sql_one = measure(client, url)
    grow(cast, held, 2)
    three, sql_three = measure(client, url)
    assert three == one, "\n".join(sql_three)
    assert len(sql_three) <= MAX_QUERIES, "\n".join(sql_three)


# --- when the meeting took place -----------------------------------------------------------------


def _at(day, hour, minute):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _hold(cast, planned, started, ended):
    """A conference planned at `planned`, started and ended (through the live workspace's actions)."""
    import time_machine

    from ineen.conferences import live
    from ineen.conferences.enums import LIVE_STEP_ORDER

    from .planning import plan

    conference = plan(cast, starts_at=planned, duration_minutes=90)
    with time_machine.travel(started, tick=False):
        live.start(conference=conference, actor=cast.chair)
    conference.refresh_from_db()
    steps = [str(s) for s in LIVE_STEP_ORDER]
    for i, (a, b) in enumerate(itertools.pairwise(steps)):
        with time_machine.travel(ended if i == len(steps) - 2 else started, tick=False):
            live.move_step(
                conference=conference, actor=cast.chair, from_step=a, to_step=b, confirm_without_attendance=True
            )
    conference.refresh_from_db()
    return conference


def test_report_shows_the_actual_start_and_end_never_an_end_before_the_start(cast, client_for):
    day = timezone.localdate() + datetime.timedelta(days=1)
    # Planned at 11:00, held earlier: 10:05 to 10:35 (the report showed "11:00 – 10:35").
    conference = _hold(cast, _at(day, 11, 0), _at(day, 10, 5), _at(day, 10, 35))
    _html, text = text_of(client_for(cast.chair).get(report_url(conference)))
    shown = re.search(r"Datum en tijd (.*?) Plaats", text).group(1)
    assert shown.endswith("10:05 – 10:35"), shown


def test_report_of_a_meeting_not_held_shows_the_planned_times(cast, client_for):
    from .planning import plan

    day = timezone.localdate() + datetime.timedelta(days=2)
    conference = plan(cast, starts_at=_at(day, 11, 0), duration_minutes=90)
    _html, text = text_of(client_for(cast.chair).get(report_url(conference)))
    assert "11:00 – 12:30 (gepland)" in text


def test_report_without_a_recorded_start_shows_the_end_only(cast, held, client_for):
    # The scenario's conference was ended without live.start (no "started" event): no made-up start.
    times = client_for(cast.chair).get(report_url(held.conference)).context["times"]
    assert times.start is None and times.held and times.end == timezone.localtime(held.conference.ended_at)
    _html, text = text_of(client_for(cast.chair).get(report_url(held.conference)))
    assert "afgerond om " + times.end.strftime("%H:%M") in text
