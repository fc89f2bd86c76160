"""The live poll at scale (docs/architecture.md, "Live poll at scale"): the nothing-new answer in one query
(the user with its access facts; the revision from the shared cache), access still decided on every poll,
refusals still an audited 404, the cache kept right by every write, and sessions not written on every
request."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ineen.access import policy
from ineen.accounts import middleware as session_limits
from ineen.accounts.models import User
from ineen.audit.models import AuditEvent
from ineen.cases import actions as case_actions
from ineen.cases.enums import TeamRole
from ineen.conferences import live, live_cache
from ineen.conferences.models import Conference
from ineen.privacy.models import BreakGlassAccess

from ..factories import Role, active_case, make_user
from .test_workspace_queries import _sent

HTMX = {"HX-Request": "true"}


def poll_url(conference):
    return reverse("conferences:workspace_poll", args=[conference.public_id])


def warm(client, conference):
    """A participant's browser after the page: its stamp, and the revision in the cache."""
    response = client.get(poll_url(conference), {"v": ""}, headers=HTMX)
    assert response.status_code == 200
    stamp = live.stamp(Conference.objects.get(pk=conference.pk))
    assert live_cache.cached(conference.public_id) is not None
    return stamp


def quiet_poll(client, conference, stamp):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(poll_url(conference), {"v": stamp, "weergave": "opening"}, headers=HTMX)
    return response, [q["sql"] for q in ctx.captured_queries if _sent(q["sql"])]


@pytest.mark.parametrize("role", ["chair", "director", "member", "viewer"])
def test_nothing_new_is_one_query(role, cast, conference, viewer, client_for):
    live.start(conference=conference, actor=cast.chair)
    client = client_for(viewer if role == "viewer" else getattr(cast, role))
    stamp = warm(client, conference)
    response, sent = quiet_poll(client, conference, stamp)
    assert response.status_code == 204 and response.content == b""
    assert len(sent) <= 1, "\n".join(sent)
    assert "conferences_conference" not in sent[0].split("FROM")[-1]  # the conference is not loaded


def test_a_write_is_seen_at_the_next_poll(cast, conference, client_for):
    client = client_for(cast.member)
    stamp = warm(client, conference)
    live.add_contribution(conference=conference, actor=cast.director, kind="worry", text="Nieuwe zorg.")
    response = client.get(poll_url(conference), {"v": stamp, "weergave": "beeldvorming"}, headers=HTMX)
    assert response.status_code == 200 and "Nieuwe zorg." in response.content.decode()


def test_the_committed_revision_is_published_to_the_cache(cast, conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        live.start(conference=conference, actor=cast.chair)
    fresh = Conference.objects.get(pk=conference.pk)
    assert live_cache.cached(conference.public_id) == live_cache.entry_of(fresh)
    assert live.stamp_of(live_cache.cached(conference.public_id)) == live.stamp(fresh)


def test_a_poll_never_puts_back_an_older_revision(cast, conference):
    old = Conference.objects.get(pk=conference.pk)
    live_cache.publish(conference.pk)
    Conference.objects.filter(pk=conference.pk).update(live_revision=old.live_revision + 5)
    live_cache.publish(conference.pk)
    live_cache.remember(old)  # a slow poll that read the row before the write
    assert live_cache.cached(conference.public_id)[0] == old.live_revision + 5


def test_the_clock_minute_comes_from_the_cache_too(cast, conference, client_for):
    live.start(conference=conference, actor=cast.chair)
    Conference.objects.filter(pk=conference.pk).update(step_started_at=timezone.now() - datetime.timedelta(minutes=3))
    cache.delete(live_cache.key(conference.public_id))
    client = client_for(cast.member)
    stamp = warm(client, conference)
    assert stamp.endswith(".3")
    revision = stamp.split(".")[0]
    response, sent = quiet_poll(client, conference, f"{revision}.2")  # the minute moved: the clock is sent
    assert response.status_code == 200 and 'id="ws-status"' in response.content.decode()


# --- access on every poll: the refusals, with the revision cached and the stamp current ---------------


def _end_membership(cast, user):
    membership = cast.case.team.get(user=user)
    membership.active_from = timezone.localdate() - datetime.timedelta(days=10)
    membership.save()
    case_actions.end_team_membership(membership=membership, actor=cast.chair)


def _refused(client, conference, stamp, user):
    before = AuditEvent.objects.filter(outcome="denied").count()
    response, _sent_statements = quiet_poll(client, conference, stamp)
    assert response.status_code == 404
    denied = AuditEvent.objects.filter(outcome="denied").order_by("pk")
    assert denied.count() == before + 1
    event = denied.last()
    assert (event.actor_id, event.object_type, event.object_id) == (user.pk, "conference", str(conference.public_id))


def test_ended_membership_stops_the_poll(cast, conference, client_for):
    client = client_for(cast.member)
    stamp = warm(client, conference)
    assert quiet_poll(client, conference, stamp)[0].status_code == 204
    _end_membership(cast, cast.member)
    _refused(client, conference, stamp, cast.member)


@pytest.mark.parametrize("role", ["outsider", "other_household", "other_chair", "former"])
def test_no_relation_no_poll_even_with_a_current_stamp(role, cast, conference, client_for):
    if role == "other_household":  # in the team of another case (another household) of the same house
        user = make_user(cast.house, Role.PROFESSIONAL, email="elders@test.example")
        active_case(cast.chair, cast.member, cast.director, members=[(user, TeamRole.PROFESSIONAL)], name="Elders")
    else:
        user = getattr(cast, role)
    warm(client_for(cast.member), conference)  # the revision is in the cache
    stamp = live.stamp(Conference.objects.get(pk=conference.pk))
    _refused(client_for(user), conference, stamp, user)


def test_a_deactivated_account_stops_at_the_next_poll(cast, conference, client_for):
    client = client_for(cast.member)
    stamp = warm(client, conference)
    User.objects.filter(pk=cast.member.pk).update(is_active=False)  # even without ending the sessions
    response = client.get(poll_url(conference), {"v": stamp}, headers=HTMX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    User.objects.filter(pk=cast.member.pk).update(is_active=True)
    cast.member.refresh_from_db()
    cast.member.is_active = False
    cast.member.save()  # the ordinary way: its sessions end, also their cached copies
    cast.member.is_active = True
    cast.member.save()
    response = client.get(poll_url(conference), {"v": stamp}, headers=HTMX)
    assert response.status_code == 302, "the session came back with the account"


def test_the_fast_decision_agrees_with_get_conference(cast, conference, viewer, rf):
    """policy.may_poll (facts loaded with the user) says yes exactly where policy.get_conference does."""
    emergency = make_user(cast.house, Role.PROFESSIONAL, email="nood@test.example")
    until = timezone.now() + datetime.timedelta(hours=1)
    BreakGlassAccess.objects.create(user=emergency, case=cast.case, reason="Kind in gevaar.", expires_at=until)
    users = [cast.chair, cast.director, cast.member, cast.expert, viewer, cast.outsider, cast.former, emergency]
    users += [cast.manager, cast.admin, cast.researcher, cast.other_chair]
    for user in users:
        loaded = User.objects.annotate(**policy.poll_facts(conference.public_id)).get(pk=user.pk)
        fast = policy.may_poll(loaded)
        # What the middleware really loads (on PostgreSQL the statement compiled once, with this poll's values).
        polled = policy.poll_user(user.pk, conference.public_id)
        assert policy.may_poll(polled) == fast, user.email
        assert polled.ineen_poll_mfa == loaded.ineen_poll_mfa
        assert (polled.pk, polled.email, polled.date_joined, polled.is_active) == (
            loaded.pk,
            loaded.email,
            loaded.date_joined,
            loaded.is_active,
        )
        assert polled.organisation == loaded.organisation  # loaded with the user: no query of its own
        request = rf.get("/")
        request.user = User.objects.get(pk=user.pk)
        try:
            policy.get_conference(request, conference.public_id, purpose="test", record=False)
            full = True
        except policy.NotVisible:
            full = False
        assert fast == full, user.email
    assert policy.may_poll(User.objects.get(pk=cast.chair.pk)) is False  # loaded without the facts: full path


def test_the_poll_statement_takes_each_polls_own_times(cast, conference):
    """The statement is compiled once per process; the times of the rule (today for the membership, now for
    emergency access and the read window) are this poll's, not the compiling poll's."""
    assert policy.may_poll(policy.poll_user(cast.member.pk, conference.public_id))
    membership = cast.case.team.get(user=cast.member)
    membership.active_until = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    assert not policy.may_poll(policy.poll_user(cast.member.pk, conference.public_id))
    emergency = make_user(cast.house, Role.PROFESSIONAL, email="nood2@test.example")
    access = BreakGlassAccess.objects.create(
        user=emergency,
        case=cast.case,
        reason="Kind in gevaar.",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert policy.may_poll(policy.poll_user(emergency.pk, conference.public_id))
    BreakGlassAccess.objects.filter(pk=access.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not policy.may_poll(policy.poll_user(emergency.pk, conference.public_id))
    assert policy.poll_user(-1, conference.public_id) is None


def test_the_poll_statement_follows_the_read_window_setting(cast, conference, settings):
    """The read window's length is part of the compiled statement: a changed setting gets its own."""
    closed_at = timezone.now() - datetime.timedelta(days=10)
    type(cast.case).objects.filter(pk=cast.case.pk).update(state="closed", closed_at=closed_at)
    settings.INEEN_CLOSED_CASE_READ_DAYS = 30
    assert policy.may_poll(policy.poll_user(cast.member.pk, conference.public_id))
    settings.INEEN_CLOSED_CASE_READ_DAYS = 5
    assert not policy.may_poll(policy.poll_user(cast.member.pk, conference.public_id))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_the_poll_statement_is_prepared_after_a_few_polls(cast, conference):
    for _ in range(6):
        assert policy.may_poll(policy.poll_user(cast.member.pk, conference.public_id))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%ineen_poll_chair%"])
        assert cursor.fetchone()[0] == 1


# --- sessions: not written on every request ------------------------------------------------------------


def test_the_last_seen_stamp_moves_at_most_once_a_minute(cast, client_for):
    client = client_for(cast.member)
    url = reverse("web:dashboard")
    client.get(url)
    session = client.session
    seen = session[session_limits._SEEN]
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert not [q for q in ctx.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert client.session[session_limits._SEEN] == seen
    session = client.session
    session[session_limits._SEEN] = int(time.time()) - session_limits.SEEN_GRANULARITY - 5
    session.save()
    client.get(url)
    assert client.session[session_limits._SEEN] >= int(time.time()) - 2


def test_idle_limit_still_ends_the_session(cast, client_for):
    client = client_for(cast.member)
    client.get(reverse("web:dashboard"))
    session = client.session
    session[session_limits._SEEN] = int(time.time()) - 15 * 60 - 1
    session.save()
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302 and "verlopen=1" in response["Location"]
