"""A household member disputes an information item; only the source organisation answers (issue 11, point 10)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.cases.models import CaseNote
from ineen.privacy import disputes
from ineen.privacy.enums import DisputeState, Nature, Visibility
from ineen.privacy.models import Dispute
from ineen.privacy.work import dispute_items, signal_items

pytestmark = pytest.mark.django_db


def _note(cast, visibility=Visibility.TEAM):
    return CaseNote.objects.create(
        case=cast.case,
        author=cast.member,
        text="Moeder drinkt elke avond.",
        source_organisation=cast.member.organisation,
        visibility=visibility,
    )


def _mother(cast):
    return cast.case.household.members.order_by("pk")[0]


def _raise(cast, note, account="Ik drink al een jaar niet meer."):
    return disputes.raise_dispute(
        case=cast.case, item=note, person=_mother(cast), kind="outdated", account=account, actor=cast.director
    )


def test_existing_items_are_not_called_facts(cast):
    assert _note(cast).nature == Nature.NOT_INDICATED


def test_raise_asks_the_source_by_mail_with_a_link_only(cast, mailoutbox, django_capture_on_commit_callbacks):
    note = _note(cast)
    with django_capture_on_commit_callbacks(execute=True):
        dispute = _raise(cast, note)
    assert dispute.source_organisation_id == cast.member.organisation_id
    assert [m.to for m in mailoutbox] == [[cast.member.email]]
    assert "drink" not in mailoutbox[0].body and "Ik drink" not in mailoutbox[0].subject
    assert AuditEvent.objects.filter(object_type="dispute", object_id=str(dispute.public_id)).exists()
    assert [i.section for i in dispute_items(cast.member)] == ["disputes"]
    assert dispute_items(cast.expert) == []  # another organisation: nothing to answer


def test_correction_keeps_the_old_text_and_marks_confirmed(cast):
    note = _note(cast)
    dispute = _raise(cast, note)
    disputes.answer_dispute(
        case=cast.case,
        dispute=dispute,
        state=DisputeState.CORRECTED,
        answer="Navraag gedaan: klopt niet meer.",
        new_text="Moeder dronk tot vorig jaar; nu niet meer.",
        version=dispute.version,
        actor=cast.member,
    )
    note.refresh_from_db()
    dispute.refresh_from_db()
    assert note.text.startswith("Moeder dronk tot vorig jaar")
    assert dispute.previous_text == "Moeder drinkt elke avond."
    assert note.last_confirmed_at is not None and dispute.state == DisputeState.CORRECTED
    assert AuditEvent.objects.filter(object_type="dispute", action="update").exists()


def test_a_stale_answer_changes_nothing(cast):
    dispute = _raise(cast, _note(cast))
    disputes.answer_dispute(
        case=cast.case, dispute=dispute, state="confirmed", answer="Klopt.", version=1, actor=cast.member
    )
    with pytest.raises(ValidationError):
        disputes.answer_dispute(
            case=cast.case, dispute=dispute, state="withdrawn", answer="Toch niet.", version=1, actor=cast.member
        )
    assert Dispute.objects.get().state == DisputeState.CONFIRMED


def test_another_organisation_cannot_correct(cast, login):
    dispute = _raise(cast, _note(cast))
    url = reverse("privacy:dispute_answer", args=[cast.case.public_id, dispute.public_id])
    data = {"state": "corrected", "answer": "x", "new_text": "Overschreven", "version": "1"}
    for user in (cast.expert, cast.director, cast.chair):
        assert login(user).post(url, data).status_code == 404
    assert Dispute.objects.get().state == DisputeState.PENDING
    assert CaseNote.objects.get().text == "Moeder drinkt elke avond."


def test_marker_shown_to_readers_only(cast, login):
    shared = _note(cast)
    _raise(cast, shared, account="Dat was één keer, op een feest.")
    page = reverse("web:case_household", args=[cast.case.public_id])
    html = login(cast.expert).get(page).content.decode()
    assert "Betwist door" in html and "op een feest" in html
    hidden = _note(cast, visibility=Visibility.SOURCE_ONLY)
    secret = _raise(cast, hidden, account="GEHEIMMARKER")
    html = login(cast.expert).get(page).content.decode()
    assert "GEHEIMMARKER" not in html
    answer = reverse("privacy:dispute_answer", args=[cast.case.public_id, secret.public_id])
    assert login(cast.expert).get(answer).status_code == 404
    raise_url = reverse("privacy:dispute_raise", args=[cast.case.public_id, "notitie", hidden.public_id])
    assert login(cast.expert).get(raise_url).status_code == 404
    assert "GEHEIMMARKER" in login(cast.member).get(page).content.decode()


def test_raise_form_keeps_text_on_error(cast, login):
    note = _note(cast)
    url = reverse("privacy:dispute_raise", args=[cast.case.public_id, "notitie", note.public_id])
    response = login(cast.director).post(url, {"account": "Mijn eigen woorden", "kind": ""})
    assert response.status_code == 400
    assert "Mijn eigen woorden" in response.content.decode()
    assert not Dispute.objects.exists()


def _birthday_in(days):
    day = timezone.localdate() + timezone.timedelta(days=days)
    return date(day.year - 18, day.month, min(day.day, 28))


def test_turning_eighteen_signal(cast, login):
    child = cast.case.household.members.order_by("pk")[1]
    child.birth_date = _birthday_in(60)
    child.save()
    html = login(cast.director).get(reverse("web:case_detail", args=[cast.case.public_id])).content.decode()
    assert "wordt 18 op" in html and "jeugdhulp stopt dan" in html
    assert [i.section for i in signal_items(cast.director)] == ["signals"]
    assert signal_items(cast.member) == []  # the case director's work


def test_no_signal_beyond_the_horizon(cast, login):
    child = cast.case.household.members.order_by("pk")[1]
    child.birth_date = _birthday_in(400)
    child.save()
    html = login(cast.director).get(reverse("web:case_detail", args=[cast.case.public_id])).content.decode()
    assert "jeugdhulp stopt dan" not in html
    assert signal_items(cast.director) == []


def test_demo_shows_disputes_and_a_young_person_turning_eighteen(db):
    from django.core.management import call_command

    from ineen.households.coming_of_age import turning_eighteen

    call_command("seed_demo", verbosity=0)
    assert Dispute.objects.filter(state=DisputeState.PENDING).exists()
    corrected = Dispute.objects.get(state=DisputeState.CORRECTED)
    assert corrected.previous_text and corrected.account
    assert any(turning_eighteen(d.case, timezone.localdate()) for d in Dispute.objects.select_related("case"))
