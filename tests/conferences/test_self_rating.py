"""Self-rating (issue 11, point 6): a household member's own 1-10 answers, kept beside the professionals'
scores and never averaged into them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.conferences import live, live_state, report, self_rating
from ineen.conferences.enums import ConferenceState, LiveStep, SelfRatingChannel, SelfRatingQuestion
from ineen.conferences.models import Conference, ScalingScore, SelfRating
from ineen.guide import rules
from ineen.households.enums import Relationship
from ineen.households.models import Household, Person

from .planning import household_fixture, member, plan  # noqa: F401  (household_fixture: a fixture)


def _live(conference, step=LiveStep.JUDGEMENT):
    Conference.objects.filter(pk=conference.pk).update(state=ConferenceState.LIVE, current_step=step)
    conference.refresh_from_db()
    return conference


def _rate(conference, actor, person, value=4, question=SelfRatingQuestion.SAFETY, **kwargs):
    kwargs.setdefault("channel", SelfRatingChannel.PREPARATION)
    return self_rating.record_self_rating(
        actor=actor, conference=conference, person=person, question=question, value=value, **kwargs
    )


def _url(conference, person):
    return reverse("conferences:self_rating", args=[conference.public_id, person.public_id])


def test_self_rating_is_saved_with_own_words_and_audited(cast, household):
    conference = plan(cast)
    anna = member(cast, "Anna")
    rating = _rate(conference, cast.director, anna, value=3, words="Ik slaap slecht.")
    assert (rating.value, rating.words, rating.entered_by, rating.version) == (3, "Ik slaap slecht.", cast.director, 1)
    assert AuditEvent.objects.filter(object_type="self_rating", object_id=str(rating.public_id)).exists()
    again = _rate(conference, cast.director, anna, value=5, seen_version=1)
    assert (again.pk, again.value, again.version) == (rating.pk, 5, 2)


def test_the_client_through_own_access_has_no_entered_by(cast, household):
    from ineen.access.actor import Actor
    from ineen.portal import actions as portal_actions

    conference = plan(cast)
    anna = member(cast, "Anna")
    access, _token, _code = portal_actions.grant_access(actor=cast.director, case=cast.case, person=anna)
    client = portal_actions.client_actor(access)
    rating = _rate(conference, client, anna, channel=SelfRatingChannel.OWN_ACCESS)
    assert rating.entered_by is None and rating.channel == SelfRatingChannel.OWN_ACCESS
    for someone, who in ((Actor.system(channel="portal"), anna), (client, member(cast, "Bram"))):
        with pytest.raises(ValidationError):  # no access, or another member's access: never "own access"
            _rate(conference, someone, who, channel=SelfRatingChannel.OWN_ACCESS)
    with pytest.raises(ValidationError):  # a professional never poses as the client's own access
        _rate(conference, cast.director, member(cast, "Bram"), channel=SelfRatingChannel.OWN_ACCESS)


def test_professional_statistics_are_unchanged_by_a_self_rating(cast, household):
    conference = _live(plan(cast))
    for user, value in ((cast.chair, 7), (cast.director, 8), (cast.member, 6)):
        ScalingScore.objects.create(
            conference=conference,
            author=user,
            scale=rules.scale_for_phase(conference.phase),
            value=value,
            justification="-",
        )
    live.reveal_scores(conference=conference, actor=cast.chair)
    conference.refresh_from_db()
    before = live_state.projector(conference)["distribution"]
    _rate(conference, cast.chair, member(cast, "Anna"), value=1, channel=SelfRatingChannel.AT_CONFERENCE)
    after = live_state.projector(conference)
    assert after["distribution"] == before
    assert (before.lowest, before.median, before.highest, before.count, before.outliers) == (6, 7, 8, 3, ())
    assert sum(c["count"] for c in after["counts"]) == 3
    own = after["own_answers"]
    assert [(g.question, [(r.person.first_name, r.value) for r in g.ratings]) for g in own] == [
        (SelfRatingQuestion.SAFETY, [("Anna", 1)])
    ]
    bundle = report._bundle(conference, rules.scale_for_phase(conference.phase))
    scores = report._scores(conference, report._rows(bundle["scores"]))
    assert scores["distribution"] == before and len(scores["scores"]) == 3


def test_self_rating_shown_beside_in_workspace_projector_and_report(cast, household, login):
    conference = _live(plan(cast))
    ScalingScore.objects.create(
        conference=conference,
        author=cast.director,
        scale=rules.scale_for_phase(conference.phase),
        value=8,
        justification="-",
    )
    _rate(conference, cast.chair, member(cast, "Anna"), value=2, words="MK-OWN-WORDS", channel="conference")
    client = login(cast.chair)
    workspace = reverse("conferences:workspace", args=[conference.public_id]) + "?weergave=schaalvraag"
    hidden = client.get(workspace).content.decode()
    assert "MK-OWN-WORDS" not in hidden  # shown when the scores are revealed together
    live.reveal_scores(conference=conference, actor=cast.chair)
    page = client.get(workspace).content.decode()
    assert "Het gezin zelf" in page and "MK-OWN-WORDS" in page
    # Beside the strip, never a dot in it: one dot for one professional score.
    strip = page[page.index('class="ws-strip"') : page.index("</svg>", page.index('class="ws-strip"'))]
    assert strip.count("ws-strip__dot") + strip.count("ws-strip__outlier") == 1
    projector = client.get(reverse("conferences:workspace_projector", args=[conference.public_id])).content.decode()
    assert "Het gezin zelf" in projector and "Anna: 2" in projector
    assert "MK-OWN-WORDS" not in projector  # no own words on the wall
    report_page = client.get(reverse("conferences:report", args=[conference.public_id])).content.decode()
    assert "Het gezin zelf" in report_page and "MK-OWN-WORDS" in report_page


def test_talk_page_and_preparation_overview_show_own_scores(cast, household, login):
    conference = plan(cast)
    bram = member(cast, "Bram")
    talk_url = reverse("conferences:client_talk", args=[conference.public_id, bram.public_id])
    login(cast.director).post(talk_url, {"coming_as": "in_person", "wants_discussed": "Voetbal."})
    response = login(cast.director).post(
        _url(conference, bram), {"question": "safety", "safety-value": "6", "safety-words": "MK-BRAM-OWN"}
    )
    assert response.status_code == 302
    assert SelfRating.objects.get(person=bram).channel == SelfRatingChannel.PREPARATION
    page = login(cast.director).get(talk_url).content.decode()
    assert "MK-BRAM-OWN" in page
    overview = login(cast.chair).get(reverse("conferences:prepare_overview", args=[conference.public_id]))
    assert "MK-BRAM-OWN" in overview.content.decode()
    form = login(cast.director).get(_url(conference, bram)).content.decode()
    assert "Hoe veilig voel je je?" in form  # a child: "je"
    assert (
        "Hoe veilig voelt u zich?" in login(cast.director).get(_url(conference, member(cast, "Anna"))).content.decode()
    )


# --- refusals -------------------------------------------------------------------------------------------------


def test_outsider_and_team_member_not_involved_get_404(cast, household, login):
    conference = plan(cast)
    url = _url(conference, member(cast, "Anna"))
    data = {"question": "safety", "safety-value": "5"}
    assert login(cast.outsider).post(url, data).status_code == 404
    assert login(cast.expert).post(url, data).status_code == 404  # a team member, not director or involved
    assert login(cast.expert).get(url).status_code == 404
    assert not SelfRating.objects.exists()


def test_before_the_meeting_director_after_start_only_the_chair(cast, household, login):
    conference = plan(cast)
    url = _url(conference, member(cast, "Anna"))
    assert login(cast.chair).get(url).status_code == 404  # before: with the preparation talk
    assert login(cast.director).get(url).status_code == 200
    _live(conference)
    assert login(cast.director).get(url).status_code == 404
    assert login(cast.chair).get(url).status_code == 200
    assert login(cast.chair).post(url, {"question": "life", "life-value": "7"}).status_code == 302
    assert SelfRating.objects.get().channel == SelfRatingChannel.AT_CONFERENCE


def test_person_of_another_household_is_404(cast, household, login):
    conference = plan(cast)
    other = Household.objects.create(name="Ander gezin", safety_house=cast.house, created_by=cast.chair)
    stranger = Person.objects.create(
        household=other, first_name="Vreemd", birth_year=1990, relationship=Relationship.PARENT
    )
    assert (
        login(cast.director).post(_url(conference, stranger), {"question": "safety", "safety-value": "5"}).status_code
        == 404
    )
    with pytest.raises(ValidationError):
        _rate(conference, cast.director, stranger)


@pytest.mark.parametrize("value", ["0", "11", ""])
def test_value_outside_1_to_10_is_400_in_dutch(cast, household, login, value):
    conference = plan(cast)
    response = login(cast.director).post(
        _url(conference, member(cast, "Anna")),
        {"question": "safety", "safety-value": value, "safety-words": "Mijn woorden"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een cijfer van 1 tot en met 10." in html and "Mijn woorden" in html
    assert not SelfRating.objects.exists()
    with pytest.raises(ValidationError) as refused:
        _rate(conference, cast.director, member(cast, "Anna"), value=11)
    assert "value" in refused.value.error_dict


def test_stale_version_is_409_and_keeps_the_input(cast, household, login):
    conference = plan(cast)
    anna = member(cast, "Anna")
    _rate(conference, cast.director, anna, value=4)
    _rate(conference, cast.member, anna, value=6, seen_version=1)  # someone else, in between
    response = login(cast.director).post(
        _url(conference, anna),
        {"question": "safety", "safety-value": "2", "safety-words": "MK-MINE", "safety-version": "1"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "MK-MINE" in html and "Zo staat het cijfer nu vastgelegd" in html
    assert SelfRating.objects.get().value == 6


def test_ended_conference_takes_no_self_rating(cast, household):
    conference = plan(cast)
    Conference.objects.filter(pk=conference.pk).update(state=ConferenceState.ENDED)
    conference.refresh_from_db()
    with pytest.raises(ValidationError):
        _rate(conference, cast.director, member(cast, "Anna"))


def test_database_refuses_a_value_outside_1_to_10(cast, household):
    from django.db import IntegrityError, transaction

    conference = plan(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfRating.objects.create(
            conference=conference, person=member(cast, "Anna"), question="safety", value=11, channel="preparation"
        )


# --- query budget ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["self_rating", "client_talk"])
def test_pages_stay_within_the_query_budget(cast, household, client_for, name):
    from .test_schedule_queries import MAX_QUERIES, measure

    conference = plan(cast)
    anna = member(cast, "Anna")
    _rate(conference, cast.director, anna, value=4, words="Gaat wel.")
    _rate(conference, cast.director, anna, value=6, question=SelfRatingQuestion.LIFE)
    client = client_for(cast.director)
    url = reverse(f"conferences:{name}", args=[conference.public_id, anna.public_id])
    measure(client, url)  # warm up
    _count, sent = measure(client, url)
    assert len(sent) <= MAX_QUERIES, "\n".join(sent)


def test_the_projector_shows_only_scores_said_aloud_at_the_table(cast, household):
    """The whole room reads the wall: a score given in a preparation talk or through the client's own
    access (how safe do I feel?) never appears there; the chair's screen and the report keep it."""
    conference = _live(plan(cast))
    ScalingScore.objects.create(
        conference=conference,
        author=cast.director,
        scale=rules.scale_for_phase(conference.phase),
        value=8,
        justification="-",
    )
    _rate(conference, cast.director, member(cast, "Anna"), value=2, channel=SelfRatingChannel.PREPARATION)
    live.reveal_scores(conference=conference, actor=cast.chair)
    conference.refresh_from_db()
    assert live_state.projector(conference)["own_answers"] == []
    assert [r.value for g in self_rating.household_answers(conference) for r in g.ratings] == [2]
    _rate(conference, cast.chair, member(cast, "Bram"), value=6, channel=SelfRatingChannel.AT_CONFERENCE)
    wall = live_state.projector(conference)["own_answers"]
    assert [(r.person.first_name, r.value) for g in wall for r in g.ratings] == [("Bram", 6)]
