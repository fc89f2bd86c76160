"""Plain-language client documents and the family's words (issue 11, point 4): wordings saved and shown,
the professionals' text never in any document, bottom lines only for whom they concern, the contact
person with phone and e-mail, nothing from a closed part or another member's hidden address, refusals,
an attacker's extra fields ignored, and the query budget."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.conferences import documents, live
from ineen.conferences.models import OwnGuide
from ineen.conferences.own_guide import save_own_guide
from ineen.plans import wording
from ineen.plans.models import BottomLine, PlanAction

from .conftest import invite
from .reporting import FORBIDDEN, OM_NAME, OM_PERSON, held_conference

KINDS = documents.KINDS
PHONE = "010 - 123 45 67"


@pytest.fixture
def held(cast):
    cast.director.work_phone = PHONE
    cast.director.save()
    return held_conference(cast)


def doc_url(conference, person, kind):
    return reverse("conferences:client_document", args=[conference.public_id, person.public_id, kind])


def text_of(response):
    html = response.content.decode()
    return html, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _line(held):
    return BottomLine.objects.get(conference=held.conference)


def _family_action(held):
    return PlanAction.objects.get(conference=held.conference, client_wording__startswith="MK-FAMILY-ACTION")


# --- what the documents show ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_no_document_shows_what_a_household_member_may_not_see(cast, held, client_for, kind):
    html, _text = text_of(client_for(cast.chair).get(doc_url(held.conference, held.anna, kind)))
    seen = {marker: why for marker, why in FORBIDDEN.items() if marker in html}
    assert seen == {}


def test_my_plan_shows_the_family_words_never_the_professional_text(cast, held, client_for):
    response = client_for(cast.director).get(doc_url(held.conference, held.anna, "mijn-plan"))
    assert response.status_code == 200
    html, text = text_of(response)
    assert "MK-FAMILY-ACTION-WORDS: Sanne komt bij u thuis." in text
    assert "MK-PRO-WORDS" not in html and "huisbezoek bij Anna" not in html
    assert "iemand uit het team" in text  # the prosecutor's family action, without the prosecutor
    assert OM_NAME not in html and OM_PERSON not in html


def test_an_action_without_family_words_says_the_contact_tells_more(cast, held, client_for):
    action = _family_action(held)
    PlanAction.objects.filter(pk=action.pk).update(client_wording="", what="Intake verslavingszorg MK-PRO-ONLY")
    _html, text = text_of(client_for(cast.chair).get(doc_url(held.conference, held.bram, "mijn-plan")))
    assert "MK-PRO-ONLY" not in text and "verslavingszorg" not in text
    assert f"{cast.director.first_name} vertelt je hier meer over." in text  # Bram is a child: "je"
    # the client report has the same fallback
    report = client_for(cast.chair).get(
        reverse("conferences:client_report", args=[held.conference.public_id, held.bram.public_id])
    )
    assert "MK-PRO-ONLY" not in report.content.decode()


def test_bottom_line_concerning_the_mother_is_in_her_plan_not_the_childs(cast, held, client_for):
    line = _line(held)
    wording.set_bottom_line_wording(
        actor=cast.chair,
        line=line,
        client_wording="MK-LINE-WORDS: u laat de kinderen niet alleen met Carla.",
        concerns=[held.anna],
        seen=wording.seen_token(line),
    )
    client = client_for(cast.chair)
    _html, anna_text = text_of(client.get(doc_url(held.conference, held.anna, "mijn-plan")))
    bram_html, _text = text_of(client.get(doc_url(held.conference, held.bram, "mijn-plan")))
    assert "MK-LINE-WORDS" in anna_text and "Dit moet echt gebeuren" in anna_text
    assert "MK-LINE-WORDS" not in bram_html
    assert "MK-BOTTOM-LINE" not in anna_text  # the professionals' text of the bottom line


def test_bottom_line_for_the_whole_household_without_words_falls_back(cast, held, client_for):
    _html, text = text_of(client_for(cast.chair).get(doc_url(held.conference, held.bram, "mijn-plan")))
    assert "Dit moet echt gebeuren" in text and "MK-BOTTOM-LINE" not in text
    assert f"{cast.director.first_name} vertelt je hier meer over." in text


def test_my_plan_names_the_contact_with_phone_and_email(cast, held, client_for):
    _html, text = text_of(client_for(cast.chair).get(doc_url(held.conference, held.anna, "mijn-plan")))
    assert f"Uw contactpersoon is {cast.director.get_full_name()} van {cast.director.organisation.name}." in text
    assert PHONE in text and cast.director.email in text
    assert "We praten weer op" in text


def test_a_member_not_invited_to_the_next_meeting_does_not_learn_when_or_where(cast, held, client_for):
    """Bram is not invited to the next meeting: his plan, invitation and client report keep its date and place
    out (a member kept apart must not learn when the others meet)."""
    held.following.location = "MK-NEXT-PLACE"
    held.following.save()
    client = client_for(cast.chair)
    _html, plan = text_of(client.get(doc_url(held.conference, held.bram, "mijn-plan")))
    assert "We praten weer op" not in plan
    html, letter = text_of(client.get(doc_url(held.following, held.bram, "uitnodiging")))
    assert "MK-NEXT-PLACE" not in html and "Je contactpersoon vertelt je wanneer en waar." in letter
    assert "Bram is niet uitgenodigd voor dit overleg." in letter  # the screen-only note for the chair
    report = client.get(reverse("conferences:client_report", args=[held.following.public_id, held.bram.public_id]))
    assert "hebben we met elkaar gepraat" not in text_of(report)[1] and "MK-NEXT-PLACE" not in report.content.decode()
    _html, letter = text_of(client.get(doc_url(held.following, held.anna, "uitnodiging")))
    assert "MK-NEXT-PLACE" in letter  # Anna is invited: she gets the place


def test_contact_falls_back_to_the_chair(cast, held):
    from ineen.cases.models import CaseDirectorAssignment

    CaseDirectorAssignment.objects.filter(case=cast.case).delete()
    contact = documents.contact(cast.case)
    assert contact.email == cast.chair.email and not contact.is_director


def test_invitation_names_organisations_never_the_closed_part_or_criminal_chain(cast, held, client_for):
    invite(held.conference, held.om, held.opened)  # even at the open part: the criminal chain is not listed
    response = client_for(cast.chair).get(doc_url(held.conference, held.anna, "uitnodiging"))
    html, text = text_of(response)
    assert cast.member.organisation.name in text and cast.director.organisation.name in text
    assert OM_NAME not in html and OM_PERSON not in html and cast.member.get_full_name() not in text
    assert "U mag iemand meenemen die u vertrouwt" in text and "Tante Els" in text
    assert "voorbereid" in text or "eerst met uw contactpersoon praten" in text
    assert "ZVH, zaal 2" in text and PHONE in text


def test_how_it_goes_for_a_child_uses_je(cast, held, client_for):
    _html, text = text_of(client_for(cast.chair).get(doc_url(held.conference, held.bram, "zo-gaat-het")))
    assert "Stap 1: Wat is er aan de hand?" in text and "Jouw ideeën ook." in text
    assert " u " not in f" {text.split('Zo gaat het gesprek')[-1]} ".replace("(Ctrl+P)", "")


def test_own_guide_blank_and_filled(cast, held, client_for):
    client = client_for(cast.chair)
    _html, text = text_of(client.get(doc_url(held.conference, held.anna, "eigen-versie")))
    assert "Waar maak ik me zorgen over?" in text and "Ruimte om te schrijven." in text
    planned = held.following
    save_own_guide(
        actor=cast.director,
        conference=planned,
        person=held.anna,
        worries="MK-OWN-WORRY",
        going_well="",
        needs="",
        ideas="",
        seen_version=None,
    )
    _html, text = text_of(client.get(doc_url(planned, held.anna, "eigen-versie")))
    assert "MK-OWN-WORRY" in text


def test_document_read_is_audited(cast, held, client_for):
    client_for(cast.director).get(doc_url(held.conference, held.anna, "mijn-plan"))
    event = AuditEvent.objects.filter(purpose=documents.PURPOSE, outcome="allowed").get()
    assert event.person_ids == [str(held.anna.public_id)]


# --- who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "expert", "outsider", "former", "other_chair"])
def test_documents_refused_to_anyone_but_chair_and_director(cast, held, client_for, who):
    response = client_for(getattr(cast, who)).get(doc_url(held.conference, held.anna, "mijn-plan"))
    assert response.status_code == 404


def test_unknown_kind_and_stranger_are_404(cast, held, client_for):
    client = client_for(cast.chair)
    assert client.get(doc_url(held.conference, held.anna, "geheim")).status_code == 404
    url = reverse("conferences:client_document", args=[held.conference.public_id, uuid.uuid4(), "mijn-plan"])
    assert client.get(url).status_code == 404


# --- the family's words: forms ---------------------------------------------------------------------


def _wording_url(cast, action):
    return reverse("plans:action_wording", args=[cast.case.public_id, action.public_id])


def test_wording_form_saves_only_the_wording(cast, held, client_for):
    action = _family_action(held)
    before = PlanAction.objects.values("what", "owner_id", "due_on", "status", "version").get(pk=action.pk)
    response = client_for(cast.director).post(
        _wording_url(cast, action),
        {
            "client_wording": "Sanne komt elke week langs.",
            "seen": wording.seen_token(action),
            # an attacker's extra fields: never read
            "what": "GEHACKT",
            "owner": cast.director.pk,
            "due_on": "2099-01-01",
            "status": "done",
            "version": 99,
        },
    )
    assert response.status_code == 302
    after = PlanAction.objects.values("what", "owner_id", "due_on", "status", "version").get(pk=action.pk)
    assert after == before
    assert PlanAction.objects.get(pk=action.pk).client_wording == "Sanne komt elke week langs."
    assert AuditEvent.objects.filter(object_type="plan_action", detail="client wording").exists()


def test_wording_form_conflict_keeps_input(cast, held, client_for):
    action = _family_action(held)
    stale = wording.seen_token(action)
    PlanAction.objects.filter(pk=action.pk).update(client_wording="Iemand anders schreef dit.")
    response = client_for(cast.chair).post(_wording_url(cast, action), {"client_wording": "Mijn tekst.", "seen": stale})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders schreef dit." in html and "Mijn tekst." in html
    assert PlanAction.objects.get(pk=action.pk).client_wording == "Iemand anders schreef dit."


def test_bottom_line_concerns_only_household_members(cast, held, client_for):
    from ineen.households.models import Household, Person

    stranger = Person.objects.create(
        household=Household.objects.create(name="Ander gezin", safety_house=cast.house, created_by=cast.chair),
        first_name="Vreemd",
        relationship="other",
    )
    line = _line(held)
    url = reverse("plans:bottom_line_wording", args=[cast.case.public_id, line.public_id])
    response = client_for(cast.chair).post(
        url, {"client_wording": "x", "concerns": [stranger.pk], "seen": wording.seen_token(line)}
    )
    assert response.status_code == 400
    assert not line.concerns.exists()


@pytest.mark.parametrize("who", ["member", "expert", "outsider"])
def test_wording_form_refused_to_others(cast, held, client_for, who):
    action = _family_action(held)
    client = client_for(getattr(cast, who))
    url = _wording_url(cast, action)
    assert client.get(url).status_code == 404
    assert client.post(url, {"client_wording": "x", "seen": wording.seen_token(action)}).status_code == 404
    assert PlanAction.objects.get(pk=action.pk).client_wording.startswith("MK-FAMILY-ACTION")


def test_workspace_prompts_the_chair_for_missing_words(cast, conference, client_for):
    live.start(conference=conference, actor=cast.chair)
    owner = cast.case.team.get(user=cast.member)
    due = timezone.localdate() + datetime.timedelta(days=7)
    worded = live.add_plan_action(
        conference=conference, actor=cast.chair, owner=owner, what="MK-A", due_on=due, client_wording="Voor jou."
    )
    bare = live.add_plan_action(conference=conference, actor=cast.chair, owner=owner, what="MK-B", due_on=due)
    line = live.add_bottom_line(
        conference=conference, actor=cast.chair, text="MK-LINE", guardian=owner, on_breach="Opschalen."
    )
    assert worded.client_wording == "Voor jou."
    page = (
        client_for(cast.chair)
        .get(reverse("conferences:workspace", args=[conference.public_id]) + "?weergave=plan")
        .content.decode()
    )
    assert "Nog geen woorden voor het gezin" in page
    assert reverse("plans:action_wording", args=[cast.case.public_id, bare.public_id]) in page
    assert reverse("plans:bottom_line_wording", args=[cast.case.public_id, line.public_id]) in page
    assert reverse("plans:action_wording", args=[cast.case.public_id, worded.public_id]) not in page
    # the chair adds the words from the prompt and is sent back to the workspace
    response = client_for(cast.chair).post(
        reverse("plans:action_wording", args=[cast.case.public_id, bare.public_id]),
        {"client_wording": "Sanne helpt je.", "seen": wording.seen_token(bare), "terug": "werkruimte"},
    )
    assert response.status_code == 302 and "werkruimte" in response["Location"]


def test_own_guide_form_for_the_talk_rule(cast, client_for):
    from .planning import member, plan

    conference = plan(cast)
    anna = member(cast, "Anna")
    url = reverse("conferences:client_own_guide", args=[conference.public_id, anna.public_id])
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.expert).post(url, {"worries": "x"}).status_code == 404
    client = client_for(cast.member)
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"worries": "Papa drinkt.", "ideas": "Oma helpt."}).status_code == 302
    guide = OwnGuide.objects.get(conference=conference, person=anna)
    assert (guide.filled_in_by, guide.channel, guide.version) == (cast.member, "professional", 1)
    stale = client.post(url, {"worries": "Nieuw.", "version": 0})
    assert stale.status_code == 409 and "Papa drinkt." in stale.content.decode()
    # the chair sees it in the preparation overview, as the client's own words
    overview = client_for(cast.chair).get(reverse("conferences:prepare_overview", args=[conference.public_id]))
    html = overview.content.decode()
    assert "in de eigen woorden van de cliënt" in html and "Papa drinkt." in html


# --- query budget ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_document_pages_stay_within_the_query_budget(cast, held, client_for, kind):
    client = client_for(cast.director)
    url = doc_url(held.conference, held.anna, kind)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # Savepoints are not queries; on PostgreSQL pghistory prefixes them with its context (set_config; ...).
    sent = [
        q
        for q in ctx.captured_queries
        if not q["sql"].rsplit("; ", 1)[-1].startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))
    ]
    assert len(sent) <= 15, "\n".join(q["sql"][:150] for q in sent)
