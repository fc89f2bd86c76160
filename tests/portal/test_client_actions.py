"""Writing through one's own access: a dispute reaches the source organisation like the professional path;
the evaluation after the last conference is the member's own (channel client_link, nobody typed it in)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.cases.models import CaseNote
from ineen.conferences import schedule
from ineen.conferences.models import Conference
from ineen.evaluations import actions as evaluation_actions
from ineen.evaluations.enums import Channel
from ineen.evaluations.models import EvaluationResponse
from ineen.privacy.enums import RaisedVia, Visibility
from ineen.privacy.models import Dispute
from ineen.privacy.work import dispute_items

from .conftest import anna, bram

pytestmark = pytest.mark.django_db


def _shareable_note(cast):
    note = CaseNote.objects.create(
        case=cast.case,
        author=cast.member,
        text="Moeder drinkt elke avond.",
        source_organisation=cast.member.organisation,
        visibility=Visibility.CLIENT_SHAREABLE,
    )
    note.concerns.set([anna(cast)])
    return note


def test_dispute_through_own_access_reaches_the_source(cast, portal, mailoutbox, django_capture_on_commit_callbacks):
    http, access = portal
    note = _shareable_note(cast)
    page = http.get(reverse("portal:dispute"))
    assert "Moeder drinkt elke avond." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = http.post(
            reverse("portal:dispute"),
            {"item": f"notitie:{note.public_id}", "kind": "outdated", "account": "Ik drink al een jaar niet meer."},
        )
    assert response.status_code == 302
    dispute = Dispute.objects.get()
    assert dispute.raised_via == RaisedVia.CLIENT and dispute.raised_by is None
    assert dispute.person == anna(cast) and dispute.account == "Ik drink al een jaar niet meer."
    assert [m.to for m in mailoutbox] == [[cast.member.email]]
    assert [i.section for i in dispute_items(cast.member)] == ["disputes"]
    event = AuditEvent.objects.get(object_type="dispute")
    assert event.actor_label == f"Cliënt via eigen toegang ({access.short_id})"
    # The professional sees it marked on the household page, raised by the member themselves.
    assert "Gemeld" in http.get(reverse("portal:dispute")).content.decode()


def test_dispute_form_errors_keep_the_input(cast, portal):
    http, _access = portal
    note = _shareable_note(cast)
    response = http.post(reverse("portal:dispute"), {"item": f"notitie:{note.public_id}", "kind": "outdated"})
    assert response.status_code == 400
    assert "Schrijf op wat er niet klopt." in response.content.decode()
    assert not Dispute.objects.exists()


def _ended(cast, invite_bram=False):
    conference = schedule.schedule(
        case=cast.case,
        actor=cast.chair,
        kind="mda",
        phase="immediate_safety",
        goal="Eerder overleg.",
        starts_at=timezone.now() + timezone.timedelta(days=6),
        location="ZVH",
        not_invited={} if invite_bram else {bram(cast): "Eerst apart gesproken."},
    )
    past = timezone.now() - timezone.timedelta(days=7)
    Conference.objects.filter(pk=conference.pk).update(state="ended", starts_at=past, ended_at=past)
    return conference


def _answers():
    grouped = evaluation_actions.items(evaluation_actions.current_version(), ["client", "wellbeing"])
    return {f"{item.kind}-{item.key}": "8" for items in grouped.values() for item in items}


def test_evaluation_through_own_access(cast, portal):
    http, access = portal
    assert "niets om in te vullen" in http.get(reverse("portal:evaluation")).content.decode()
    conference = _ended(cast)
    home = http.get(reverse("portal:home")).content.decode()
    assert reverse("portal:evaluation") in home
    assert http.get(reverse("portal:evaluation")).status_code == 200
    bad = http.post(reverse("portal:evaluation"), {})
    assert bad.status_code == 400
    response = http.post(reverse("portal:evaluation"), {**_answers(), "comment": "Ik werd gehoord."})
    assert response.status_code == 302
    responses = EvaluationResponse.objects.filter(conference=conference)
    assert responses.count() == 2
    for r in responses:
        assert r.channel == Channel.CLIENT_LINK and r.filled_in_by is None and r.respondent_person == anna(cast)
    assert (
        AuditEvent.objects.filter(
            object_type="evaluation", actor_label=f"Cliënt via eigen toegang ({access.short_id})"
        ).count()
        == 2
    )
    # Once only: the page says there is nothing left, and the home page no longer offers it.
    assert "niets om in te vullen" in http.get(reverse("portal:evaluation")).content.decode()
    assert reverse("portal:evaluation") not in http.get(reverse("portal:home")).content.decode()


def test_no_evaluation_of_a_conference_the_member_was_not_invited_to(cast, grant):
    from django.test import Client

    from .conftest import sign_in

    _ended(cast)  # Bram not invited
    _access, token, code = grant(person=bram(cast))
    http = Client()
    sign_in(http, token, code)
    assert "niets om in te vullen" in http.get(reverse("portal:evaluation")).content.decode()
    response = http.post(reverse("portal:evaluation"), _answers())
    assert response.status_code == 200 and not EvaluationResponse.objects.exists()


def test_next_meeting_only_when_invited(cast, grant):
    from django.test import Client

    from .conftest import sign_in

    schedule.schedule(
        case=cast.case,
        actor=cast.chair,
        kind="mda",
        phase="immediate_safety",
        goal="Overleg.",
        starts_at=timezone.localtime(timezone.now() + timezone.timedelta(days=5)).replace(hour=10, minute=0),
        location="ZVH",
        not_invited={bram(cast): "Eerst apart gesproken."},
    )
    _a, token_a, code_a = grant()
    _b, token_b, code_b = grant(person=bram(cast))
    anna_http, bram_http = Client(), Client()
    sign_in(anna_http, token_a, code_a)
    sign_in(bram_http, token_b, code_b)
    assert "om 10:00 uur" in anna_http.get(reverse("portal:home")).content.decode()
    bram_home = bram_http.get(reverse("portal:home")).content.decode()
    assert "10:00" not in bram_home and "nog geen datum voor jou" in bram_home  # Bram is a child: "je"
