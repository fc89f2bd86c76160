"""The member's own documents and preparation in the portal (issue 11, point 5): my plan, the invitation, how
the meeting goes, their own guide and their own scores -- for an adult ("u") and a young person ("je"), only
about the session's own person, audited, with 400/409 on bad or stale input."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.conferences import schedule, self_rating
from ineen.conferences.enums import SelfRatingChannel, SelfRatingQuestion
from ineen.conferences.models import OwnGuide, SelfRating
from ineen.guide.enums import Phase
from ineen.plans.enums import Towards
from ineen.plans.models import PlanAction
from ineen.portal import actions as portal_actions

from .conftest import anna, bram, sign_in

pytestmark = pytest.mark.django_db

PAGES = ["portal:plan", "portal:invitation", "portal:how_it_goes", "portal:preparation", "portal:scores"]


def _plan_conference(cast):
    day = timezone.localdate() + datetime.timedelta(days=7)
    return schedule.schedule(
        case=cast.case,
        actor=cast.chair,
        kind="mda",
        phase=Phase.IMMEDIATE_SAFETY,
        goal="Zicht op de veiligheid.",
        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0))),
        duration_minutes=90,
        location="ZVH, zaal 2",
        online_url="",
    )


@pytest.fixture
def conference(cast):
    return _plan_conference(cast)


def _session(grant, person):
    _access, token, code = grant(person=person)
    http = Client()
    assert sign_in(http, token, code).status_code == 302
    return http


@pytest.mark.parametrize(("who", "form_of_address"), [(anna, "u"), (bram, "je")])
def test_every_page_renders_for_adult_and_child(cast, grant, conference, who, form_of_address):
    http = _session(grant, who(cast))
    home = http.get(reverse("portal:home")).content.decode()
    for name in PAGES:
        assert reverse(name) in home, name
        response = http.get(reverse(name))
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "no-store"
    prep = http.get(reverse("portal:preparation")).content.decode()
    scores = http.get(reverse("portal:scores")).content.decode()
    if form_of_address == "je":
        assert "Hoe veilig voel je je?" in scores and "je contactpersoon en de voorzitter" in prep
    else:
        assert "Hoe veilig voelt u zich?" in scores and "uw contactpersoon en de voorzitter" in prep
    assert "<fieldset" in scores and "<legend" in scores and 'type="radio"' in scores
    reads = AuditEvent.objects.filter(detail__in=["mijn plan", "uitnodiging", "zo gaat het gesprek"])
    assert reads.count() >= 3


def test_plan_never_shows_the_professionals_text(cast, portal):
    http, _access = portal
    PlanAction.objects.create(
        case=cast.case,
        what="Interne observatie politie: vermoeden van drugshandel",
        client_wording="Karim belt u elke week.",
        towards=Towards.FAMILY,
        owner=cast.director,
        owner_organisation=cast.director.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    body = http.get(reverse("portal:plan")).content.decode()
    assert "Karim belt u elke week." in body
    assert "drugshandel" not in body


def test_no_conference_is_a_friendly_text(cast, portal):
    http, _access = portal
    home = http.get(reverse("portal:home")).content.decode()
    assert reverse("portal:preparation") not in home and reverse("portal:scores") not in home
    assert reverse("portal:plan") in home
    for name in ("portal:invitation", "portal:preparation", "portal:scores"):
        response = http.get(reverse(name))
        assert response.status_code == 200
        assert "geen gesprek gepland" in response.content.decode()
    assert http.post(reverse("portal:preparation"), {"worries": "x"}).status_code == 200
    assert not OwnGuide.objects.exists()


def test_own_guide_is_saved_as_the_client_and_audited(cast, portal, conference):
    http, access = portal
    response = http.post(reverse("portal:preparation"), {"worries": "Ik slaap slecht.", "version": ""})
    assert response.status_code == 302
    guide = OwnGuide.objects.get(conference=conference, person=anna(cast))
    assert guide.filled_in_by is None and guide.channel == OwnGuide.Channel.CLIENT
    event = AuditEvent.objects.filter(object_type="own_guide", object_id=str(guide.public_id)).get()
    assert event.actor_label == f"Cliënt via eigen toegang ({access.short_id})"
    assert "Ik slaap slecht." in http.get(reverse("portal:preparation")).content.decode()


def test_own_guide_errors_keep_the_input(cast, portal, conference):
    http, _access = portal
    response = http.post(reverse("portal:preparation"), {"worries": "", "version": ""})
    assert response.status_code == 400 and "Vul ten minste één vraag in." in response.content.decode()
    http.post(reverse("portal:preparation"), {"worries": "Eerst.", "version": ""})
    stale = http.post(reverse("portal:preparation"), {"worries": "Mijn nieuwe tekst.", "version": ""})
    body = stale.content.decode()
    assert stale.status_code == 409 and "Mijn nieuwe tekst." in body and "Eerst." in body
    assert OwnGuide.objects.get().worries == "Eerst."


def test_a_professional_never_writes_as_the_client(cast, conference):
    from django.core.exceptions import ValidationError

    from ineen.access.actor import Actor
    from ineen.conferences.own_guide import save_own_guide

    guide = save_own_guide(actor=cast.director, conference=conference, person=anna(cast), worries="Van papier.")
    assert guide.channel == OwnGuide.Channel.PROFESSIONAL and guide.filled_in_by == cast.director
    with pytest.raises(ValidationError):
        save_own_guide(actor=Actor.system(), conference=conference, person=anna(cast), worries="x")
    access, _t, _c = portal_actions.grant_access(actor=cast.director, case=cast.case, person=bram(cast))
    with pytest.raises(ValidationError):  # Bram's access never writes Anna's guide
        save_own_guide(actor=portal_actions.client_actor(access), conference=conference, person=anna(cast), worries="x")


def test_scores_saved_as_own_access(cast, portal, conference):
    http, _access = portal
    data = {"safety": "3", "safety_words": "Ik ben bang.", "life": "6", "life_words": ""}
    assert http.post(reverse("portal:scores"), data).status_code == 302
    ratings = {r.question: r for r in SelfRating.objects.filter(conference=conference, person=anna(cast))}
    assert ratings["safety"].value == 3 and ratings["safety"].words == "Ik ben bang."
    for rating in ratings.values():
        assert rating.channel == SelfRatingChannel.OWN_ACCESS and rating.entered_by is None
    assert AuditEvent.objects.filter(object_type="self_rating").count() == 2


@pytest.mark.parametrize("value", ["0", "11", "", "7.5", "x"])
def test_bad_score_is_400_and_keeps_input(cast, portal, conference, value):
    http, _access = portal
    data = {"safety": value, "safety_words": "Mijn eigen woorden.", "life": "6", "life_words": ""}
    response = http.post(reverse("portal:scores"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kies een cijfer van 1 tot en met 10." in body and "Mijn eigen woorden." in body
    assert 'value="6" checked' in body
    assert not SelfRating.objects.exists()


def test_stale_score_is_409_and_keeps_input(cast, portal, conference):
    http, _access = portal
    data = {"safety": "3", "life": "6"}
    assert http.post(reverse("portal:scores"), data).status_code == 302
    response = http.post(reverse("portal:scores"), {"safety": "8", "life": "7", "safety_words": "Beter nu."})
    body = response.content.decode()
    assert response.status_code == 409 and "Beter nu." in body and 'value="8" checked' in body
    assert SelfRating.objects.get(question="safety").value == 3  # neither answer changed
    assert SelfRating.objects.get(question="life").value == 6


def test_a_parent_never_sees_the_childs_answers(cast, grant, conference):
    """Each session reads only its own person: Bram's guide and scores never reach Anna's pages, and back."""
    from ineen.conferences.own_guide import save_own_guide

    access, _t, _c = portal_actions.grant_access(actor=cast.director, case=cast.case, person=bram(cast))
    bram_actor = portal_actions.client_actor(access)
    save_own_guide(actor=bram_actor, conference=conference, person=bram(cast), worries="Geheim van Bram.")
    self_rating.record_self_rating(
        actor=bram_actor,
        conference=conference,
        person=bram(cast),
        question=SelfRatingQuestion.SAFETY,
        value=2,
        words="Bram is bang thuis.",
        channel=SelfRatingChannel.OWN_ACCESS,
    )
    parent = _session(grant, anna(cast))
    for name in PAGES + ["portal:home"]:
        body = parent.get(reverse(name)).content.decode()
        assert "Geheim van Bram" not in body and "Bram is bang" not in body, name
    assert "Eerder gegeven" not in parent.get(reverse("portal:scores")).content.decode()
    parent.post(reverse("portal:preparation"), {"worries": "Zorg van Anna.", "version": ""})
    child = Client()
    _a, token, code = portal_actions.grant_access(actor=cast.director, case=cast.case, person=bram(cast))
    sign_in(child, token, code)
    for name in PAGES:
        assert "Zorg van Anna" not in child.get(reverse(name)).content.decode(), name
    assert "Geheim van Bram" in child.get(reverse("portal:preparation")).content.decode()


def test_revoked_access_goes_back_to_the_code_page(cast, portal, conference):
    http, access = portal
    portal_actions.revoke_access(actor=cast.director, access=access)
    for name in PAGES:
        response = http.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("portal:signed_out"), name
    assert http.post(reverse("portal:scores"), {"safety": "3", "life": "4"}).status_code == 302
    assert not SelfRating.objects.exists()


def test_portal_pages_query_budget(cast, portal, conference):
    http, _access = portal
    PlanAction.objects.create(
        case=cast.case,
        what="x",
        client_wording="Iets.",
        towards=Towards.FAMILY,
        owner=cast.director,
        owner_organisation=cast.director.organisation,
        due_on=timezone.localdate(),
    )
    for name in ["portal:home", *PAGES]:
        with CaptureQueriesContext(connection) as queries:
            assert http.get(reverse(name)).status_code == 200
        counted = [q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
        assert len(counted) <= 15, (name, len(counted))


def test_home_says_how_to_reach_the_contact_person(cast, portal):
    """Not "ask Karim" alone (the research's complaint): name, organisation, phone and e-mail."""
    http, _access = portal
    type(cast.director).objects.filter(pk=cast.director.pk).update(work_phone="070 - 300 99 88")
    page = http.get(reverse("portal:home")).content.decode()
    assert "070 - 300 99 88" in page and f"mailto:{cast.director.email}" in page
    assert cast.director.get_full_name() in page
