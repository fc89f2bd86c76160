"""Preparation: each invited professional's input per chosen question and score; the chair's
side-by-side view and opening summary (optimistic locking); scores hidden before the meeting."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.conferences import prepare, schedule
from ineen.conferences.models import PreparationInput, ScalingScore
from ineen.guide.enums import Scale, Step
from ineen.privacy.enums import Visibility

from .planning import client_part, fresh, household_fixture, plan, team_member  # noqa: F401


@pytest.fixture
def meeting(cast, household):
    """A planned conference with the case director and a professional invited; the expert is in the
    team but not invited."""
    conference = plan(cast)
    for user in (cast.director, cast.member):
        schedule.invite_user(
            conference=conference,
            actor=cast.chair,
            part=client_part(conference),
            user=user,
            reason="Betrokken bij het gezin.",
        )
    return fresh(conference)


def first_questions(conference, n=2):
    return [node.item for node in prepare.questions(conference)[:n]]


def post_inputs(client, conference, texts: dict, versions=None, visibility=None):
    data = {}
    for item, text in texts.items():
        data[f"text_{item.pk}"] = text
        data[f"version_{item.pk}"] = (versions or {}).get(item.pk, 0)
        data[f"visibility_{item.pk}"] = (visibility or {}).get(item.pk, Visibility.TEAM)
    return client.post(reverse("conferences:prepare_inputs", args=[conference.public_id]), data)


def test_questions_are_the_chosen_parts_without_the_scaling_question(meeting):
    nodes = prepare.questions(meeting)
    assert nodes and all(node.item.step != Step.SCALING for node in nodes)
    assert {node.item.pk for node in nodes} <= set(meeting.chosen_items.values_list("pk", flat=True))
    assert any(node.children for node in nodes)  # sub-questions come along as prompts


def test_invited_professional_enters_input_per_question(cast, meeting, client_for):
    q1, q2 = first_questions(meeting)
    client = client_for(cast.member)
    page = client.get(reverse("conferences:prepare", args=[meeting.public_id]))
    assert page.status_code == 200 and q1.text in page.content.decode()
    response = post_inputs(client, meeting, {q1: "Moeder is bang voor de ex-partner.", q2: ""})
    assert response.status_code == 302
    saved = PreparationInput.objects.get()
    assert (saved.item, saved.author, saved.source_organisation) == (q1, cast.member, cast.member.organisation)
    assert (saved.visibility, saved.basis) == (Visibility.TEAM, "covenant")
    assert AuditEvent.objects.filter(object_type="preparation_input", object_id=str(saved.public_id)).exists()
    # Changing it with the version seen; emptying it removes it.
    post_inputs(client, meeting, {q1: "Bijgewerkt."}, versions={q1.pk: saved.version})
    saved.refresh_from_db()
    assert (saved.text, saved.version) == ("Bijgewerkt.", 2)
    post_inputs(client, meeting, {q1: ""}, versions={q1.pk: saved.version})
    assert not PreparationInput.objects.exists()


def test_input_changed_in_another_tab_is_a_conflict_that_keeps_the_text(cast, meeting, client_for):
    q1, _q2 = first_questions(meeting)
    client = client_for(cast.member)
    post_inputs(client, meeting, {q1: "Eerste versie."})
    post_inputs(client, meeting, {q1: "Tweede tabblad."}, versions={q1.pk: 1})
    response = post_inputs(client, meeting, {q1: "Mijn getypte tekst."}, versions={q1.pk: 1})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Mijn getypte tekst." in text and "Tweede tabblad." in text
    assert PreparationInput.objects.get().text == "Tweede tabblad."


def test_chair_sees_inputs_side_by_side_and_who_is_missing(cast, meeting, client_for):
    q1, q2 = first_questions(meeting)
    post_inputs(client_for(cast.member), meeting, {q1: "Inbreng van Sanne.", q2: "Tweede vraag, Sanne."})
    post_inputs(client_for(cast.director), meeting, {q1: "Inbreng van Karim."})
    response = client_for(cast.chair).get(reverse("conferences:prepare_overview", args=[meeting.public_id]))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.participants == sorted([cast.member, cast.director], key=lambda u: (u.last_name, u.first_name))
    rows = {node.item.pk: cells for node, cells in overview.rows}
    columns = [u.pk for u in overview.participants]
    member_col, director_col = columns.index(cast.member.pk), columns.index(cast.director.pk)
    assert rows[q1.pk][member_col].text == "Inbreng van Sanne."
    assert rows[q1.pk][director_col].text == "Inbreng van Karim."
    assert rows[q2.pk][director_col] is None
    page = response.content.decode()
    assert "Inbreng van Sanne." in page and "Inbreng van Karim." in page and 'scope="col"' in page
    assert overview.missing == []
    # Someone invited later who has not given input yet is listed as missing.
    late = team_member(cast, "late@test.example", first_name="Laat")
    schedule.invite_user(conference=meeting, actor=cast.chair, part=client_part(meeting), user=late, reason="Nodig.")
    response = client_for(cast.chair).get(reverse("conferences:prepare_overview", args=[meeting.public_id]))
    assert [u.pk for u in response.context["overview"].missing] == [late.pk]
    assert "Nog geen inbreng van:" in response.content.decode()


def test_source_only_input_is_withheld_from_the_chair(cast, meeting, client_for):
    q1, _q2 = first_questions(meeting)
    post_inputs(client_for(cast.member), meeting, {q1: "Alleen voor ons."}, visibility={q1.pk: Visibility.SOURCE_ONLY})
    page = client_for(cast.chair).get(reverse("conferences:prepare_overview", args=[meeting.public_id]))
    text = page.content.decode()
    assert "Alleen voor ons." not in text
    assert "Afgeschermd" in text and cast.member.organisation.name in text


def test_scores_stay_hidden_before_the_meeting(cast, meeting, client_for):
    client = client_for(cast.member)
    response = client.post(
        reverse("conferences:prepare_inputs", args=[meeting.public_id]),
        {"value": "3", "justification": "Geheime-onderbouwing-van-Sanne"},
    )
    assert response.status_code == 302
    score = ScalingScore.objects.get()
    assert (score.value, score.scale, score.author) == (3, Scale.IMMEDIATE_SAFETY, cast.member)
    # Sanne sees her own score.
    assert (
        "Geheime-onderbouwing-van-Sanne"
        in client.get(reverse("conferences:prepare", args=[meeting.public_id])).content.decode()
    )
    # Karim (another participant) does not.
    other = client_for(cast.director).get(reverse("conferences:prepare", args=[meeting.public_id])).content.decode()
    assert "Geheime-onderbouwing-van-Sanne" not in other
    # The chair sees who has scored, not the score.
    response = client_for(cast.chair).get(reverse("conferences:prepare_overview", args=[meeting.public_id]))
    page = response.content.decode()
    assert "Geheime-onderbouwing-van-Sanne" not in page
    assert response.context["overview"].scored == [cast.member]
    assert response.context["overview"].not_scored == [cast.director]
    assert "1 deelnemer heeft een cijfer gegeven" in page
    audit = AuditEvent.objects.get(object_type="scaling_score")
    assert "3" not in audit.detail


def test_score_needs_a_justification(cast, meeting, client_for):
    response = client_for(cast.member).post(
        reverse("conferences:prepare_inputs", args=[meeting.public_id]), {"value": "5", "justification": " "}
    )
    assert response.status_code == 400
    assert not ScalingScore.objects.exists()
    with pytest.raises(ValidationError):
        prepare.save_score(conference=meeting, actor=cast.member, value=11, justification="Te hoog.")


def test_opening_summary_is_read_by_participants(cast, meeting, client_for):
    response = client_for(cast.chair).post(
        reverse("conferences:prepare_summary", args=[meeting.public_id]),
        {"text": "Iedereen maakt zich zorgen over de avonden.", "version": meeting.version},
    )
    assert response.status_code == 302
    page = client_for(cast.member).get(reverse("conferences:prepare", args=[meeting.public_id])).content.decode()
    assert "Iedereen maakt zich zorgen over de avonden." in page


def test_opening_summary_conflict_keeps_the_typed_text(cast, meeting, client_for):
    url = reverse("conferences:prepare_summary", args=[meeting.public_id])
    seen = meeting.version
    first = client_for(cast.chair).post(url, {"text": "Versie van tabblad een.", "version": seen})
    assert first.status_code == 302
    second = client_for(cast.chair).post(url, {"text": "Versie van tabblad twee.", "version": seen})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Versie van tabblad twee." in page  # kept in the form
    assert "Versie van tabblad een." in page  # the stored one shown next to it
    assert fresh(meeting).opening_summary == "Versie van tabblad een."
    # Saving again after comparing carries the new version and succeeds.
    assert second.context["form"]["version"].value() == str(fresh(meeting).version)
    third = client_for(cast.chair).post(url, {"text": "Samengevoegd.", "version": fresh(meeting).version})
    assert third.status_code == 302 and fresh(meeting).opening_summary == "Samengevoegd."


# --- access ---------------------------------------------------------------------------------------


def test_only_invited_professionals_and_the_chair_prepare(cast, meeting, client_for, login):
    prepare_url = reverse("conferences:prepare", args=[meeting.public_id])
    overview_url = reverse("conferences:prepare_overview", args=[meeting.public_id])
    q1 = first_questions(meeting, 1)[0]
    assert client_for(cast.chair).get(prepare_url).status_code == 200
    assert client_for(cast.member).get(prepare_url).status_code == 200
    # The expert is in the team but not invited: reads the schedule, not the preparation.
    assert client_for(cast.expert).get(reverse("conferences:detail", args=[meeting.public_id])).status_code == 200
    for user in (cast.expert, cast.outsider, cast.former, cast.manager, cast.other_chair):
        assert client_for(user).get(prepare_url).status_code == 404
        assert post_inputs(client_for(user), meeting, {q1: "Mag niet."}).status_code == 404
    for user in (cast.member, cast.director, cast.expert, cast.outsider):
        assert client_for(user).get(overview_url).status_code == 404
        response = client_for(user).post(
            reverse("conferences:prepare_summary", args=[meeting.public_id]),
            {"text": "Mag niet.", "version": meeting.version},
        )
        assert response.status_code == 404
    assert not PreparationInput.objects.exists() and fresh(meeting).opening_summary == ""


# --- one form: no button loses what was typed elsewhere on the page ---------------------------------


def _whole_form(meeting, texts, *, value="", justification="", versions=None, naar="cijfer"):
    data = {"value": value, "justification": justification, "naar": naar}
    for item, text in texts.items():
        data[f"text_{item.pk}"] = text
        data[f"version_{item.pk}"] = (versions or {}).get(item.pk, 0)
        data[f"visibility_{item.pk}"] = Visibility.TEAM
    return data


def test_score_button_saves_the_typed_answers_too(cast, meeting, client_for):
    q1, q2 = first_questions(meeting)
    url = reverse("conferences:prepare_inputs", args=[meeting.public_id])
    data = _whole_form(meeting, {q1: "Getypt vóór het cijfer.", q2: ""}, value="6", justification="Het gaat beter.")
    response = client_for(cast.member).post(url, data)
    assert response.status_code == 302 and response.url.endswith("#cijfer")
    assert PreparationInput.objects.get().text == "Getypt vóór het cijfer."
    assert ScalingScore.objects.get().value == 6


def test_answers_without_a_score_leave_the_score_alone(cast, meeting, client_for):
    q1, _q2 = first_questions(meeting)
    client = client_for(cast.member)
    url = reverse("conferences:prepare_inputs", args=[meeting.public_id])
    assert client.post(url, _whole_form(meeting, {q1: "Alleen inbreng."}, naar="inbreng")).status_code == 302
    assert not ScalingScore.objects.exists()
    client.post(url, _whole_form(meeting, {q1: "Alleen inbreng."}, value="4", justification="Onderbouwing."))
    before = AuditEvent.objects.filter(object_type="scaling_score").count()
    # An untouched score is not saved again when the answers are.
    data = _whole_form(meeting, {q1: "Nieuwe inbreng."}, value="4", justification="Onderbouwing.", versions={q1.pk: 1})
    assert client.post(url, data).status_code == 302
    assert AuditEvent.objects.filter(object_type="scaling_score").count() == before
    assert PreparationInput.objects.get().text == "Nieuwe inbreng."


def test_a_refused_score_keeps_the_typed_answers_and_saves_them(cast, meeting, client_for):
    q1, _q2 = first_questions(meeting)
    url = reverse("conferences:prepare_inputs", args=[meeting.public_id])
    data = _whole_form(meeting, {q1: "Mijn getypte antwoord."}, value="5", justification=" ")
    response = client_for(cast.member).post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mijn getypte antwoord." in page and "Niet alles is opgeslagen" in page
    assert 'value="5"' in page and "checked" in page
    saved = PreparationInput.objects.get()
    assert saved.text == "Mijn getypte antwoord." and not ScalingScore.objects.exists()
    # The page carries the new version: saving again is no conflict.
    row = next(r for r in response.context["rows"] if r["node"].item.pk == q1.pk)
    assert int(row["version"]) == saved.version
    data = _whole_form(meeting, {q1: "Mijn getypte antwoord."}, value="5", justification="Nu met reden.")
    data[f"version_{q1.pk}"] = row["version"]
    assert client_for(cast.member).post(url, data).status_code == 302
    assert ScalingScore.objects.get().justification == "Nu met reden."


def test_a_conflicting_answer_keeps_the_typed_score(cast, meeting, client_for):
    q1, _q2 = first_questions(meeting)
    client = client_for(cast.member)
    post_inputs(client, meeting, {q1: "Eerste versie."})
    post_inputs(client, meeting, {q1: "Ander tabblad."}, versions={q1.pk: 1})
    data = _whole_form(
        meeting, {q1: "Oud tabblad."}, value="7", justification="Getypte-onderbouwing", versions={q1.pk: 1}
    )
    response = client.post(reverse("conferences:prepare_inputs", args=[meeting.public_id]), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Oud tabblad." in page and "Ander tabblad." in page and "Getypte-onderbouwing" in page
    assert ScalingScore.objects.get().value == 7  # the score itself was fine and is saved


def test_a_score_typed_while_the_meeting_began_comes_back_with_the_reason(cast, meeting, client_for):
    from ineen.conferences import live

    q1, _q2 = first_questions(meeting)
    client = client_for(cast.member)
    url = reverse("conferences:prepare_inputs", args=[meeting.public_id])
    client.post(url, _whole_form(meeting, {q1: "Eerst."}, value="4", justification="Eerder cijfer."))
    live.start(conference=meeting, actor=cast.chair)
    # The page of a live meeting has no score fields: saving the answers leaves the score alone.
    assert client.post(url, {f"text_{q1.pk}": "Tijdens.", f"version_{q1.pk}": 1}).status_code == 302
    # A page opened before the start still posts the score: refused with the reason, the text kept.
    data = _whole_form(meeting, {q1: "Tijdens."}, value="6", justification="Laat-getypt", versions={q1.pk: 2})
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Laat-getypt" in page and "geef uw cijfer in de werkruimte" in page
    assert ScalingScore.objects.get().value == 4
