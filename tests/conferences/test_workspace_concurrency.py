"""Concurrent edits in the live workspace (QUALITY.md "Concurrent edits", "Live conference"): two writers
on the same shared row -> exactly one wins, the other gets the conflict with both texts, nothing is
lost. First through HTTP (two browsers, one stale form), then with real threads on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.cases import actions as case_actions
from ineen.cases.enums import TeamRole
from ineen.conferences import live
from ineen.conferences.models import Conference, ConferenceNote, Contribution
from ineen.plans.models import CollaborationAgreement

from ..factories import Role, make_user
from .conftest import invite, make_conference

HTMX = {"HX-Request": "true"}


def test_two_browsers_same_note_one_wins_nothing_lost(cast, conference, client_for):
    note = live.add_note(
        conference=conference, actor=cast.member, part=conference.parts.get(), step="picture", text="Begin."
    )
    edit = reverse("conferences:workspace_note_edit", args=[conference.public_id, note.public_id])
    # Both opened the page while the note was at version 1.
    first = client_for(cast.member).post(
        edit, {"version": "1", "text": "Tekst van Sanne.", "weergave": "beeldvorming"}, headers=HTMX
    )
    second = client_for(cast.chair).post(
        edit, {"version": "1", "text": "Tekst van Petra.", "weergave": "beeldvorming"}, headers=HTMX
    )
    assert (first.status_code, second.status_code) == (200, 409)
    html = second.content.decode()
    assert "Tekst van Petra." in html  # the loser's own text, kept in the form
    assert "Tekst van Sanne." in html  # and the current text next to it
    assert "intussen gewijzigd" in html
    assert 'name="version" value="2"' in html  # saving again is now a deliberate choice
    assert ConferenceNote.objects.get().text == "Tekst van Sanne."
    assert AuditEvent.objects.filter(object_type="conference_note", action="update").count() == 1
    again = client_for(cast.chair).post(edit, {"version": "2", "text": "Tekst van Petra.", "weergave": "beeldvorming"})
    assert again.status_code == 302
    assert ConferenceNote.objects.get().version == 3


def test_two_browsers_same_agreement_without_htmx(cast, conference, client_for):
    url = reverse("conferences:workspace_agreement", args=[conference.public_id])
    data = {"version": "0", "keep_informed": "", "closure_plan": "", "weergave": "afspraken"}
    first = client_for(cast.member).post(url, {**data, "timeline": "Over zes weken evalueren."})
    second = client_for(cast.director).post(url, {**data, "timeline": "Over drie maanden evalueren."})
    assert (first.status_code, second.status_code) == (302, 409)
    html = second.content.decode()
    assert "Over drie maanden evalueren." in html and "Over zes weken evalueren." in html
    assert "<html" in html  # the whole page, with the conflict in its region
    assert CollaborationAgreement.objects.get().timeline == "Over zes weken evalueren."


def test_two_chairs_tabs_same_priority(cast, conference, client_for):
    idea = live.add_contribution(conference=conference, actor=cast.member, kind="offer", text="Gezinscoach.")
    url = reverse("conferences:workspace_priority", args=[conference.public_id, idea.public_id])
    chair = client_for(cast.chair)
    data = {
        "version": "1",
        "horizon": "short",
        "client_priority": "",
        "expert_view": "",
        "client_capacity": "",
        "weergave": "brainstorm",
    }
    assert chair.post(url, {**data, "is_priority": "on", "client_priority": "Moeder wil dit."}).status_code == 302
    stale = chair.post(url, {**data, "client_capacity": "Weinig ruimte."})
    assert stale.status_code == 409
    assert "Moeder wil dit." in stale.content.decode() and "Weinig ruimte." in stale.content.decode()
    assert Contribution.objects.get().client_priority == "Moeder wil dit."


# --- real threads on PostgreSQL ---------------------------------------------------------------------

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a server database (DATABASE_URL=postgres://...)"
)


@pytest.fixture(scope="module", autouse=True)
def _flush_past_audit_triggers():
    """Transactional tests flush the tables afterwards; the audit tables are append-only on PostgreSQL,
    so the browser tests' flush (which switches their triggers off for the flush) is used. Module
    scope: the patch must outlive each test's own flush."""
    if connection.vendor != "postgresql":
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    from tests.browser.conftest import _FAST_FLUSH

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables:
            return []
        names = ", ".join("'" + name.replace("'", "''") + "'" for name in tables)
        return [_FAST_FLUSH.format(tables=names)]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


def _run(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)


def _in_thread(target):
    def wrapper(*args):
        try:
            target(*args)
        finally:
            connections.close_all()

    return wrapper


def _load_note(pk):
    return ConferenceNote.objects.select_related("conference__case__household", "conference__case__safety_house").get(
        pk=pk
    )


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_threads_same_note_exactly_one_wins_each_round(cast):
    conference = make_conference(cast.case, cast.chair, [cast.member, cast.director])
    note = live.add_note(
        conference=Conference.objects.select_related("case__household", "case__safety_house").get(pk=conference.pk),
        actor=cast.member,
        part=conference.parts.get(),
        step="picture",
        text="Begin.",
    )
    for round_no in range(20):
        seen = ConferenceNote.objects.get(pk=note.pk).version
        barrier, results = threading.Barrier(2), []

        def write(user, text, barrier=barrier, seen=seen, results=results):
            barrier.wait()
            try:
                live.update_note(note=_load_note(note.pk), actor=user, seen_version=seen, text=text)
                results.append(("won", text))
            except live.Conflict as conflict:
                results.append(("conflict", conflict.current.text))

        _run(
            [
                threading.Thread(target=_in_thread(write), args=(user, f"{user.first_name} {round_no}"))
                for user in (cast.member, cast.chair)
            ]
        )
        assert sorted(kind for kind, _text in results) == ["conflict", "won"]
        winner = next(text for kind, text in results if kind == "won")
        shown_to_loser = next(text for kind, text in results if kind == "conflict")
        assert ConferenceNote.objects.get(pk=note.pk).text == winner == shown_to_loser
    assert ConferenceNote.objects.get(pk=note.pk).version == 21


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_ten_participants_writing_at_once_lose_nothing(cast):
    """10 participants each add ideas, give a score and append to one shared note and the agreement,
    re-reading and retrying on conflict (what a user does after the conflict message): 0 lost updates."""
    people = [make_user(cast.house, Role.PROFESSIONAL, first_name=f"P{i}") for i in range(10)]
    conference = make_conference(cast.case, cast.chair)
    for user in people:
        case_actions.add_team_member(case=cast.case, user=user, role=TeamRole.PROFESSIONAL, actor=cast.chair)
        invite(conference, user)
    conference = Conference.objects.select_related("case__household", "case__safety_house").get(pk=conference.pk)
    note = live.add_note(
        conference=conference, actor=cast.chair, part=conference.parts.get(), step="picture", text="Notulen:"
    )
    ops = 5
    conflicts = []

    def participant(user):
        for i in range(ops):
            live.add_contribution(conference=conference, actor=user, kind="offer", text=f"idee {user.first_name}-{i}")
            while True:  # append a token to the shared note; on conflict read again and retry
                current = _load_note(note.pk)
                try:
                    live.update_note(
                        note=current,
                        actor=user,
                        seen_version=current.version,
                        text=f"{current.text} [{user.first_name}-{i}]".strip(),
                    )
                    break
                except live.Conflict:
                    conflicts.append(user.pk)
            while True:
                agreement = CollaborationAgreement.objects.filter(conference=conference).first()
                seen = agreement.version if agreement else 0
                try:
                    live.save_agreement(
                        conference=conference,
                        actor=user,
                        seen_version=seen,
                        timeline=f"{agreement.timeline if agreement else ''} [{user.first_name}-{i}]",
                    )
                    break
                except live.Conflict:
                    conflicts.append(user.pk)
        live.submit_score(conference=conference, actor=user, value=5, justification="Gemiddeld.")

    _run([threading.Thread(target=_in_thread(participant), args=(user,)) for user in people])
    text = ConferenceNote.objects.get(pk=note.pk).text
    timeline = CollaborationAgreement.objects.get(conference=conference).timeline
    tokens = {f"[{u.first_name}-{i}]" for u in people for i in range(ops)}
    assert {t for t in tokens if t not in text} == set()  # every appended token survived: 0 lost updates
    assert {t for t in tokens if t not in timeline} == set()
    assert Contribution.objects.filter(conference=conference).count() == 10 * ops
    assert conference.scores.count() == 10
    writes = 10 * ops * 3 + 10 + 1  # contributions, note edits, agreement saves, scores, the note itself
    assert Conference.objects.get(pk=conference.pk).live_revision == writes  # conflicts left no trace
    print(f"\n10 participants, {writes} writes, {len(conflicts)} conflicts resolved by retry, 0 lost")
