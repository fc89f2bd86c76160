"""The live workspace's pages and actions through HTTP: who may see and do what (404, never 403),
hidden scores, the poll, htmx answers, and plain-POST fallbacks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.conferences import live
from ineen.conferences.enums import PartKind
from ineen.conferences.models import Conference, ConferenceNote, Contribution, IncidentMark
from ineen.households.models import Incident
from ineen.plans.models import PlanAction
from ineen.privacy.enums import Visibility

from .conftest import make_conference

VIEWS = ["opening", "beeldvorming", "oordeelsvorming", "brainstorm", "plan", "afspraken", "afgerond"]
HTMX = {"HX-Request": "true"}


def url(name, conference, **kwargs):
    return reverse(f"conferences:{name}", kwargs={"public_id": conference.public_id, **kwargs})


def page(conference, view=""):
    return url("workspace", conference) + (f"?weergave={view}" if view else "")


@pytest.mark.parametrize("role", ["chair", "director", "member", "expert", "viewer"])
def test_team_sees_every_view(role, cast, conference, viewer, client_for):
    user = viewer if role == "viewer" else getattr(cast, role)
    client = client_for(user)
    for view in VIEWS:
        response = client.get(page(conference, view))
        assert response.status_code == 200, view
        assert response.context["view"].key == view


@pytest.mark.parametrize("role", ["outsider", "former", "manager", "admin", "researcher", "other_chair"])
def test_outsiders_get_404_everywhere(role, cast, conference, client_for):
    client = client_for(getattr(cast, role))
    assert client.get(page(conference)).status_code == 404
    assert client.get(url("workspace_poll", conference), headers=HTMX).status_code == 404
    for name in [
        "workspace_contribution",
        "workspace_score",
        "workspace_note",
        "workspace_agreement",
        "workspace_step",
        "workspace_reveal",
    ]:
        assert client.post(url(name, conference), {"kind": "worry", "text": "x"}).status_code == 404, name
    assert Contribution.objects.count() == 0
    denied = AuditEvent.objects.filter(outcome="denied", object_type="conference")
    assert denied.exists()


def test_unknown_conference_looks_the_same(cast, client_for):
    import uuid

    client = client_for(cast.chair)
    assert client.get(reverse("conferences:workspace", args=[uuid.uuid4()])).status_code == 404


def test_not_invited_team_member_may_look_but_not_take_part(cast, conference, viewer, client_for):
    client = client_for(viewer)
    html = client.get(page(conference, "beeldvorming")).content.decode()
    assert 'name="text"' not in html  # no forms to take part
    assert client.post(url("workspace_contribution", conference), {"kind": "worry", "text": "x"}).status_code == 404
    assert client.post(url("workspace_score", conference), {"value": "5", "justification": "x"}).status_code == 404
    assert Contribution.objects.count() == 0


def test_invited_member_may_not_do_the_chairs_part(cast, conference, client_for):
    client = client_for(cast.member)
    assert client.post(url("workspace_start", conference)).status_code == 404
    assert client.post(url("workspace_reveal", conference)).status_code == 404
    assert client.post(url("workspace_top", conference), {"rank": "1", "text": "x"}).status_code == 404
    assert Conference.objects.get().state == "planned"


def test_speaking_order_involved_first(cast, conference, client_for):
    people = client_for(cast.chair).get(page(conference)).context["people"]
    assert [p["user"] for p in people][-1] == cast.expert
    assert {p["user"] for p in people[:2]} == {cast.director, cast.member}
    assert people[0]["user"] == cast.director  # the case director opens


def test_scores_hidden_until_revealed(cast, conference, client_for):
    live.submit_score(conference=conference, actor=cast.director, value=3, justification="Geheim-van-Karim.")
    member = client_for(cast.member)
    response = member.post(
        url("workspace_score", conference),
        {"value": "8", "justification": "Mijn-reden.", "weergave": "oordeelsvorming"},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = member.get(page(conference, "oordeelsvorming")).content.decode()
    assert "2 van 4 hebben een cijfer gegeven" in html
    assert "Mijn-reden." in html and "Geheim-van-Karim." not in html
    chair = client_for(cast.chair)
    assert "Geheim-van-Karim." not in chair.get(page(conference, "oordeelsvorming")).content.decode()
    assert chair.post(url("workspace_reveal", conference), {"weergave": "oordeelsvorming"}).status_code == 302
    html = member.get(page(conference, "oordeelsvorming")).content.decode()
    assert "Geheim-van-Karim." in html and "Mijn-reden." in html
    assert "Laagste" in html and "Mediaan" in html and "<svg" in html and "<table" in html


def test_score_after_reveal_is_refused(cast, conference, client_for):
    live.reveal_scores(conference=conference, actor=cast.chair)
    response = client_for(cast.member).post(url("workspace_score", conference), {"value": "5", "justification": "x"})
    assert response.status_code == 400
    assert "al zichtbaar" in response.content.decode()


def test_outliers_are_marked(cast, conference, client_for):
    for user, value in [(cast.director, 2), (cast.member, 3), (cast.expert, 9), (cast.chair, 3)]:
        live.submit_score(conference=conference, actor=user, value=value, justification=f"Cijfer {value}.")
    live.reveal_scores(conference=conference, actor=cast.chair)
    ctx = client_for(cast.member).get(page(conference, "oordeelsvorming")).context
    assert (ctx["distribution"].lowest, ctx["distribution"].median, ctx["distribution"].highest) == (2, 3, 9)
    assert [s.author for s in ctx["scores"] if s.outlier] == [cast.expert]


def test_contribution_with_htmx_answers_with_regions(cast, conference, client_for):
    client = client_for(cast.member)
    response = client.post(
        url("workspace_contribution", conference),
        {"kind": "worry", "text": "Moeder durft niet naar huis.", "weergave": "beeldvorming"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="ws-contribution-form"' in html  # the form's own region: the swap target
    assert (
        'id="ws-contributions" class="ws-region" aria-labelledby="ws-contributions-title" data-hx-swap-oob="true"'
        in html
    )
    assert "Moeder durft niet naar huis." in html
    assert 'id="ws-stamp"' in html
    assert "<html" not in html


def test_plain_post_redirects_back_to_the_view(cast, conference, client_for):
    response = client_for(cast.member).post(
        url("workspace_contribution", conference),
        {"kind": "offer", "text": "Wij bieden gezinscoaching.", "weergave": "brainstorm"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?weergave=brainstorm#ws-idea-form")
    assert Contribution.objects.get().kind == "offer"


def test_invalid_input_keeps_the_text(cast, conference, client_for):
    response = client_for(cast.member).post(
        url("workspace_score", conference),
        {"value": "12", "justification": "Mijn tekst blijft.", "weergave": "oordeelsvorming"},
        headers=HTMX,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn tekst blijft." in html and 'id="ws-scores"' in html


def test_chair_runs_the_steps_and_participants_follow(cast, conference, client_for):
    chair = client_for(cast.chair)
    response = chair.post(url("workspace_start", conference))
    assert response.status_code == 302 and response["Location"].endswith("?weergave=opening")
    response = chair.post(url("workspace_step", conference), {"from_step": "opening", "to_step": "picture"})
    assert response["Location"].endswith("?weergave=beeldvorming")
    stale = chair.post(url("workspace_step", conference), {"from_step": "opening", "to_step": "picture"})
    assert stale.status_code == 409
    html = client_for(cast.member).get(page(conference, "opening")).content.decode()
    assert "Het overleg is nu bij" in html and "?weergave=beeldvorming" in html


def test_poll_is_204_until_something_changes(cast, conference, client_for):
    client = client_for(cast.member)
    poll = url("workspace_poll", conference)
    stamp = client.get(page(conference, "beeldvorming")).context["stamp"]
    before = AuditEvent.objects.count()
    response = client.get(poll, {"v": stamp, "weergave": "beeldvorming"}, headers=HTMX)
    assert response.status_code == 204 and response.content == b""
    assert AuditEvent.objects.count() == before  # nothing shown, nothing to record
    live.add_contribution(conference=conference, actor=cast.director, kind="worry", text="Nieuwe zorg.")
    response = client.get(poll, {"v": stamp, "weergave": "beeldvorming"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "Nieuwe zorg." in html and 'data-hx-swap-oob="true"' in html
    read = AuditEvent.objects.order_by("pk").last()
    assert (read.action, read.object_type, read.actor, read.detail) == (
        "view",
        "conference",
        cast.member,
        "live update beeldvorming",
    )


def test_poll_sends_only_the_clock_when_only_time_passed(cast, conference, client_for):
    live.start(conference=conference, actor=cast.chair)
    Conference.objects.filter(pk=conference.pk).update(step_started_at=timezone.now() - datetime.timedelta(minutes=3))
    client = client_for(cast.member)
    fresh = Conference.objects.get(pk=conference.pk)
    old_minute = f"{fresh.live_revision}.2"
    before = AuditEvent.objects.count()
    response = client.get(url("workspace_poll", conference), {"v": old_minute}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="ws-status"' in html and "ws-participants" not in html
    assert f'value="{fresh.live_revision}.3"' in html
    assert AuditEvent.objects.count() == before


def test_poll_stops_for_someone_whose_membership_ended(cast, conference, client_for):
    from ineen.cases import actions as case_actions

    client = client_for(cast.member)
    assert client.get(url("workspace_poll", conference), headers=HTMX).status_code == 200
    membership = cast.case.team.get(user=cast.member)
    membership.active_from = timezone.localdate() - datetime.timedelta(days=10)
    membership.save()
    case_actions.end_team_membership(membership=membership, actor=cast.chair)
    assert client.get(url("workspace_poll", conference), headers=HTMX).status_code == 404


def test_incidents_only_those_the_user_may_see(cast, conference, client_for):
    household = cast.case.household
    shared = Incident.objects.create(
        household=household,
        date=timezone.localdate(),
        description="Gedeeld incident.",
        source_organisation=cast.member.organisation,
    )
    secret = Incident.objects.create(
        household=household,
        date=timezone.localdate(),
        description="Bron-alleen.",
        source_organisation=cast.director.organisation,
        visibility=Visibility.SOURCE_ONLY,
    )
    chair = client_for(cast.chair)
    html = chair.get(page(conference, "beeldvorming")).content.decode()
    assert "Gedeeld incident." in html and "Bron-alleen." not in html
    assert "Informatie beschikbaar" in html  # the signal, not the content
    ok = chair.post(url("workspace_incident", conference), {"mark": "first", "incident": shared.public_id})
    refused = chair.post(url("workspace_incident", conference), {"mark": "worst", "incident": secret.public_id})
    assert (ok.status_code, refused.status_code) == (302, 400)
    assert list(IncidentMark.objects.values_list("mark", "incident")) == [("first", shared.pk)]


def test_top_pick_from_a_contribution(cast, conference, client_for):
    worry = live.add_contribution(conference=conference, actor=cast.member, kind="worry", text="Geen slaapplek.")
    response = client_for(cast.chair).post(
        url("workspace_top_pick", conference),
        {"rank": "2", "contribution": worry.public_id, "weergave": "beeldvorming"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "top 3, plaats 2" in html


def test_plan_action_nudges_but_does_not_block(cast, conference, client_for):
    owner = cast.case.team.get(user=cast.member)
    client = client_for(cast.member)
    response = client.post(
        url("workspace_action", conference),
        {
            "what": "Afspraak met school.",
            "owner": owner.public_id,
            "weergave": "plan",
            "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "action_type": "action",
            "towards": "professionals",
            "horizon": "short",
        },
    )
    assert response.status_code == 302
    html = client.get(page(conference, "plan")).content.decode()
    assert "zonder reden" in html and "richting het gezin" in html and "reden ontbreekt" in html
    assert PlanAction.objects.get().owner_organisation == owner.organisation
    not_in_team = client.post(
        url("workspace_action", conference),
        {
            "what": "x",
            "owner": "00000000-0000-0000-0000-000000000000",
            "due_on": timezone.localdate().isoformat(),
            "action_type": "action",
            "towards": "family",
            "horizon": "short",
        },
    )
    assert not_in_team.status_code == 400


def test_notes_of_a_closed_part_are_marked(cast, client_for):
    conference = make_conference(cast.case, cast.chair, [cast.member], parts=(PartKind.CLOSED, PartKind.OPEN))
    client = client_for(cast.member)
    closed = conference.parts.get(kind=PartKind.CLOSED)
    response = client.post(
        url("workspace_note", conference),
        {"part": closed.public_id, "text": "Zitting in mei.", "weergave": "beeldvorming"},
    )
    assert response.status_code == 302
    note = ConferenceNote.objects.get()
    assert (note.step, note.part, note.source_organisation) == ("picture", closed, cast.member.organisation)
    html = client.get(page(conference, "beeldvorming")).content.decode()
    assert "Besloten deel — nooit zichtbaar voor cliënten" in html


def test_only_author_or_chair_edits_a_note(cast, conference, client_for):
    note = live.add_note(
        conference=conference, actor=cast.member, part=conference.parts.get(), step="picture", text="Van Sanne."
    )
    edit = url("workspace_note_edit", conference, note_id=note.public_id)
    data = {"version": "1", "text": "Veranderd.", "weergave": "beeldvorming"}
    assert client_for(cast.director).post(edit, data).status_code == 404
    assert client_for(cast.chair).post(edit, data).status_code == 302
    assert ConferenceNote.objects.get().text == "Veranderd."


def test_next_meeting_and_agreement(cast, conference, client_for):
    chair = client_for(cast.chair)
    when = (timezone.localtime() + datetime.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    response = chair.post(
        url("workspace_next", conference),
        {
            "starts_at": when,
            "kind": "mda",
            "goal": "Evaluatie.",
            "weergave": "afspraken",
            **{f"invite_{p.public_id}": "invite" for p in cast.case.household.members.all()},
        },
    )
    assert response.status_code == 302
    assert Conference.objects.count() == 2
    response = client_for(cast.member).post(
        url("workspace_agreement", conference),
        {
            "version": "0",
            "timeline": "Zes weken.",
            "keep_informed": "Mail.",
            "closure_plan": "",
            "weergave": "afspraken",
        },
    )
    assert response.status_code == 302
    html = chair.get(page(conference, "afspraken")).content.decode()
    assert "Zes weken." in html and "Evaluatie." in html


def test_other_methods_not_allowed(cast, conference, client_for):
    client = client_for(cast.chair)
    assert client.post(page(conference)).status_code == 405
    assert client.get(url("workspace_contribution", conference)).status_code == 405


def test_an_ended_conference_leads_from_the_workspace_to_the_report(cast, conference, client_for):
    """No dead end after "Overleg afronden" (issue 9): the finished workspace links to the report and the
    conference page (where the client versions are)."""
    Conference.objects.filter(pk=conference.pk).update(state="ended", current_step="closed")
    html = client_for(cast.member).get(url("workspace", conference)).content.decode()
    assert reverse("conferences:report", args=[conference.public_id]) in html
    assert reverse("conferences:detail", args=[conference.public_id]) in html
