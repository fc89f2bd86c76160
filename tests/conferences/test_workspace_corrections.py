"""Issue 9, the live workspace: correcting and withdrawing one's own worry, idea or note (version
checked, audited, only the author or the chair); the chair's top-3 edits checked against what the chair
saw; the projector (only the current step's shared content, no navigation, follows the meeting)."""

import pytest
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.conferences import live
from ineen.conferences.models import ConferenceNote, Contribution, SharedTopItem

from .conftest import make_conference

HTMX = {"HX-Request": "true"}


@pytest.fixture
def conference(cast, viewer):
    return make_conference(cast.case, cast.chair, [cast.director, cast.member, cast.expert])


def url(name, conference, **kwargs):
    return reverse(f"conferences:{name}", kwargs={"public_id": conference.public_id, **kwargs})


def page(conference, view):
    return url("workspace", conference) + f"?weergave={view}"


def worry(conference, cast, text="Vadr drinkt."):
    return live.add_contribution(conference=conference, actor=cast.member, kind="worry", text=text)


# --- correct and withdraw one's own contribution ---------------------------------------------------


def test_author_corrects_a_typo(cast, conference, client_for):
    item = worry(conference, cast)
    client = client_for(cast.member)
    assert "Wijzigen of intrekken" in client.get(page(conference, "beeldvorming")).content.decode()
    response = client.post(
        url("workspace_contribution_edit", conference, item_id=item.public_id),
        {"version": "1", "text": "Vader drinkt.", "weergave": "beeldvorming"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Vader drinkt." in response.content.decode()
    item.refresh_from_db()
    assert (item.text, item.version) == ("Vader drinkt.", 2)
    assert AuditEvent.objects.filter(object_type="contribution", object_id=str(item.public_id), action="update")


def test_only_author_or_chair_corrects_or_withdraws(cast, conference, client_for):
    item = worry(conference, cast)
    edit = url("workspace_contribution_edit", conference, item_id=item.public_id)
    withdraw = url("workspace_contribution_withdraw", conference, item_id=item.public_id)
    director = client_for(cast.director)
    assert "Wijzigen of intrekken" not in director.get(page(conference, "beeldvorming")).content.decode()
    assert director.post(edit, {"version": "1", "text": "Anders."}).status_code == 404
    assert director.post(withdraw, {"version": "1"}).status_code == 404
    assert Contribution.objects.get().text == "Vadr drinkt."
    assert client_for(cast.chair).post(edit, {"version": "1", "text": "Vader drinkt."}).status_code == 302


def test_conflict_keeps_both_texts(cast, conference, client_for):
    item = worry(conference, cast)
    live.update_contribution(contribution=item, actor=cast.chair, seen_version=1, text="Vader drinkt (chair).")
    response = client_for(cast.member).post(
        url("workspace_contribution_edit", conference, item_id=item.public_id),
        {"version": "1", "text": "Vader drinkt (member).", "weergave": "beeldvorming"},
        headers=HTMX,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Vader drinkt (chair)." in html and "Vader drinkt (member)." in html
    assert Contribution.objects.get().text == "Vader drinkt (chair)."


def test_withdraw_removes_it_from_the_shared_view_but_keeps_the_row(cast, conference, client_for):
    item = worry(conference, cast)
    client = client_for(cast.member)
    response = client.post(
        url("workspace_contribution_withdraw", conference, item_id=item.public_id),
        {"version": "1", "weergave": "beeldvorming"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Vadr drinkt." not in response.content.decode()
    assert "Vadr drinkt." not in client_for(cast.chair).get(page(conference, "beeldvorming")).content.decode()
    assert not Contribution.objects.exists()
    kept = Contribution.all_objects.get()
    assert kept.withdrawn_by == cast.member and kept.withdrawn_at is not None
    assert AuditEvent.objects.filter(object_id=str(item.public_id), action="delete", detail="withdrawn")
    # withdrawn: a late correction is a conflict, the typed text stays
    again = client.post(
        url("workspace_contribution_edit", conference, item_id=item.public_id),
        {"version": "2", "text": "Nog iets."},
    )
    assert again.status_code == 404


def test_an_idea_is_corrected_in_the_brainstorm(cast, conference, client_for):
    idea = live.add_contribution(conference=conference, actor=cast.member, kind="offer", text="Gezinscoach")
    response = client_for(cast.member).post(
        url("workspace_contribution_edit", conference, item_id=idea.public_id),
        {"version": "1", "text": "Gezinscoaching", "weergave": "brainstorm"},
        headers=HTMX,
    )
    assert response.status_code == 200 and 'id="ws-ideas"' in response.content.decode()


def test_note_withdrawn_by_its_author(cast, conference, client_for):
    note = live.add_note(
        conference=conference, actor=cast.member, part=conference.parts.get(), step="picture", text="Foutje."
    )
    withdraw = url("workspace_note_withdraw", conference, note_id=note.public_id)
    assert client_for(cast.director).post(withdraw, {"version": "1"}).status_code == 404
    stale = client_for(cast.member).post(withdraw, {"version": "7", "weergave": "beeldvorming"}, headers=HTMX)
    assert stale.status_code == 409 and ConferenceNote.objects.exists()
    assert client_for(cast.member).post(withdraw, {"version": "1", "weergave": "beeldvorming"}).status_code == 302
    assert not ConferenceNote.objects.exists()
    assert ConferenceNote.all_objects.get().withdrawn_by == cast.member


# --- the chair's top 3: checked against what the chair saw -----------------------------------------


def test_top_edit_conflict_keeps_the_chairs_text_and_shows_the_current(cast, conference, client_for):
    chair = client_for(cast.chair)
    html = chair.get(page(conference, "beeldvorming")).content.decode()
    assert 'name="seen_1" value=""' in html
    # meanwhile (another tab, a co-chair) place 1 is filled
    live.choose_top_item(conference=conference, actor=cast.chair, rank=1, text="Kinderen zien het geweld.")
    response = chair.post(
        url("workspace_top", conference),
        {
            "rank": "1",
            "text": "Moeder is niet veilig.",
            "seen_1": "",
            "seen_2": "",
            "seen_3": "",
            "weergave": "beeldvorming",
        },
        headers=HTMX,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Moeder is niet veilig." in html and "Kinderen zien het geweld." in html
    assert SharedTopItem.objects.get().text == "Kinderen zien het geweld."
    # saving again from the answer is a deliberate choice: the form now carries the current text
    assert 'name="seen_1" value="Kinderen zien het geweld."' in html
    again = chair.post(
        url("workspace_top", conference),
        {
            "rank": "1",
            "text": "Moeder is niet veilig.",
            "seen_1": "Kinderen zien het geweld.",
            "weergave": "beeldvorming",
        },
    )
    assert again.status_code == 302 and SharedTopItem.objects.get().text == "Moeder is niet veilig."


def test_top_clear_and_pick_are_checked(cast, conference, client_for):
    chair = client_for(cast.chair)
    live.choose_top_item(conference=conference, actor=cast.chair, rank=1, text="Eerste.")
    live.choose_top_item(conference=conference, actor=cast.chair, rank=1, text="Eerste, herzien.")
    clear = chair.post(url("workspace_top_clear", conference), {"rank": "1", "seen_1": "Eerste."}, headers=HTMX)
    assert clear.status_code == 409 and SharedTopItem.objects.filter(rank=1).exists()
    item = worry(conference, cast)
    pick = chair.post(
        url("workspace_top_pick", conference),
        {"rank": "1", "contribution": item.public_id, "seen_1": "Eerste.", "weergave": "beeldvorming"},
        headers=HTMX,
    )
    assert pick.status_code == 409 and SharedTopItem.objects.get(rank=1).text == "Eerste, herzien."
    ok = chair.post(url("workspace_top_clear", conference), {"rank": "1", "seen_1": "Eerste, herzien."})
    assert ok.status_code == 302 and not SharedTopItem.objects.exists()


# --- the projector ---------------------------------------------------------------------------------


def test_projector_shows_only_the_shared_content_and_follows(cast, conference, client_for):
    worry(conference, cast, text="Persoonlijke zorg.")
    live.start(conference=conference, actor=cast.chair)
    conference.refresh_from_db()
    live.move_step(conference=conference, actor=cast.chair, from_step="opening", to_step="picture")
    live.choose_top_item(conference=conference, actor=cast.chair, rank=1, text="Gedeeld punt.")
    client = client_for(cast.member)
    response = client.get(url("workspace_projector", conference))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gedeeld punt." in html and "Persoonlijke zorg." not in html
    assert "<nav" not in html and "<form" not in html and "style=" not in html
    stamp = response.context["stamp"]
    assert client.get(url("workspace_projector", conference), {"v": stamp}, headers=HTMX).status_code == 204
    conference.refresh_from_db()
    live.move_step(conference=conference, actor=cast.chair, from_step="picture", to_step="judgement")
    update = client.get(url("workspace_projector", conference), {"v": stamp}, headers=HTMX)
    assert update.status_code == 200 and "<html" not in update.content.decode()
    assert "Schaalvraag" in update.content.decode()
    assert 'id="ws-projector-link"' in client.get(page(conference, "beeldvorming")).content.decode()


def test_projector_not_for_the_uninvited(cast, conference, viewer, client_for):
    assert client_for(viewer).get(url("workspace_projector", conference)).status_code == 404


# --- participants move with the chair ---------------------------------------------------------------


def test_poll_brings_the_new_step_to_a_participant_who_followed(cast, conference, client_for):
    live.start(conference=conference, actor=cast.chair)
    conference.refresh_from_db()
    client = client_for(cast.member)
    shown = client.get(page(conference, "opening"))
    html = shown.content.decode()
    assert 'id="ws-step" name="stap" value="opening"' in html
    live.move_step(conference=conference, actor=cast.chair, from_step="opening", to_step="picture")
    poll = url("workspace_poll", conference)
    response = client.get(poll, {"v": shown.context["stamp"], "weergave": "opening", "stap": "opening"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="ws-main" data-view="beeldvorming" data-hx-swap-oob="true"' in html
    assert 'id="ws-contribution-form"' in html  # the new step's forms come along
    assert 'id="ws-step" name="stap" value="picture"' in html
    # someone looking at another step on purpose stays there
    looking = client.get(poll, {"v": "", "weergave": "beeldvorming", "stap": "opening"}, headers=HTMX)
    assert 'id="ws-main"' not in looking.content.decode()
