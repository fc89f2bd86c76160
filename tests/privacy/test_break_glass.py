"""Emergency access (break the glass) cannot be used to browse: daily limits that count refusals, a reason from a
short list, an immediate notice without case content, and the chair's review of every use (docs/privacy.md,
"Emergency access")."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ineen.accounts.enums import Role
from ineen.audit.models import AuditEvent, Outcome
from ineen.privacy import actions as privacy_actions
from ineen.privacy.models import BreakGlassAccess, BreakGlassRefusal
from tests.factories import active_case, make_user

URL = reverse("privacy:break_glass")
REASON = "Kind alleen thuis aangetroffen, politie vraagt informatie."


def ask(client, reference, reason_code="child_in_danger", reason=REASON):
    return client.post(URL, {"reference": reference, "reason_code": reason_code, "reason": reason})


@pytest.fixture
def cases(cast):
    """Three more cases of the house in which the outsider has no role."""
    return [active_case(cast.chair, cast.member, cast.director, name=f"Gezin {n}") for n in range(3)]


@pytest.fixture
def officer(cast):
    return make_user(cast.house, Role.PRIVACY_OFFICER, email="privacy@test.example")


def test_at_most_the_daily_number_of_uses(cast, login, cases, settings):
    settings.INEEN_BREAK_GLASS_PER_DAY = 2
    client = login(cast.outsider)
    assert ask(client, cases[0].reference).status_code == 302
    assert ask(client, cases[1].reference).status_code == 302
    third = ask(client, cases[2].reference)
    assert third.status_code == 400 and "maximum voor 24 uur" in third.content.decode()
    assert BreakGlassAccess.objects.filter(user=cast.outsider).count() == 2
    assert "maximum voor 24 uur" in client.get(URL).content.decode()  # the form itself is gone
    assert 'name="reference"' not in client.get(URL).content.decode()
    # A day later the user may again.
    BreakGlassAccess.objects.update(started_at=timezone.now() - timezone.timedelta(hours=25))
    assert ask(client, cases[2].reference).status_code == 302


def test_refused_attempts_block_the_form_so_references_cannot_be_guessed(cast, login, cases, settings):
    settings.INEEN_BREAK_GLASS_REFUSALS_PER_DAY = 3
    client = login(cast.outsider)
    for guess in ("HGL-2026-0901", "HGL-2026-0902", "HGL-2026-0903"):
        assert ask(client, guess).status_code == 400
    # Now even a reference the user could open is not looked up.
    response = ask(client, cases[0].reference)
    assert response.status_code == 400 and "maximum voor 24 uur" in response.content.decode()
    assert not BreakGlassAccess.objects.exists()
    assert list(BreakGlassRefusal.objects.filter(user=cast.outsider).values_list("kind", flat=True)) == [
        "limit",
        "refused",
        "refused",
        "refused",
    ]
    refusals = AuditEvent.objects.filter(actor=cast.outsider, purpose="noodtoegang", outcome=Outcome.DENIED)
    assert refusals.count() == 4


def test_a_reason_from_the_list_and_in_words_is_required_before_anything_is_looked_up(cast, login, cases):
    client = login(cast.outsider)
    assert ask(client, cases[0].reference, reason_code="").status_code == 400
    assert ask(client, cases[0].reference, reason_code="curious").status_code == 400
    assert ask(client, cases[0].reference, reason="kort").status_code == 400
    assert not BreakGlassAccess.objects.exists() and not BreakGlassRefusal.objects.exists()
    assert ask(client, cases[0].reference, reason_code="out_of_hours").status_code == 302
    assert BreakGlassAccess.objects.get().reason_code == "out_of_hours"


def test_chair_and_privacy_officer_are_told_at_once_without_case_content(
    cast, login, cases, officer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(login(cast.outsider), cases[0].reference).status_code == 302
    assert sorted(address for mail in mailoutbox for address in mail.to) == sorted([cast.chair.email, officer.email])
    mail = mailoutbox[0]
    text = mail.subject + mail.body
    assert reverse("privacy:break_glass_report") in mail.body
    for content in (cases[0].reference, cases[0].household.name, REASON, "Anna", "kind"):
        assert content not in text


def review_url(grant):
    return reverse("privacy:break_glass_review", args=[grant.public_id])


@pytest.fixture
def grant(cast, cases):
    return privacy_actions.break_glass(case=cases[0], actor=cast.outsider, reason_code="child_in_danger", reason=REASON)


def test_the_chair_reviews_each_use_and_it_is_audited(cast, login, grant):
    client = login(cast.chair)
    page = client.get(reverse("privacy:break_glass_report")).content.decode()
    assert "1 gebruik van noodtoegang is nog niet beoordeeld" in page
    assert "Acuut gevaar voor een kind" in page and review_url(grant) in page
    response = client.post(review_url(grant), {"verdict": "not_justified", "note": ""})
    assert response.status_code == 400 and "Licht toe" in response.content.decode()
    grant.refresh_from_db()
    assert grant.reviewed_at is None
    response = client.post(review_url(grant), {"verdict": "not_justified", "note": "Geen acuut gevaar; gesprek."})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.verdict, grant.review_note, grant.reviewed_by) == (
        "not_justified",
        "Geen acuut gevaar; gesprek.",
        cast.chair,
    )
    assert grant.reviewed_at is not None
    event = AuditEvent.objects.get(purpose="beoordeling noodtoegang", object_type="break_glass")
    assert (event.actor, event.detail, event.object_id) == (cast.chair, "not_justified", str(grant.public_id))
    page = client.get(reverse("privacy:break_glass_report")).content.decode()
    assert "Alles is beoordeeld." in page and "Niet terecht" in page


@pytest.mark.parametrize("who", ["officer", "other_chair", "outsider", "director", "member"])
def test_only_the_chair_of_the_house_reviews(cast, login, grant, officer, who):
    user = officer if who == "officer" else getattr(cast, who)
    assert login(user).post(review_url(grant), {"verdict": "justified", "note": ""}).status_code == 404
    grant.refresh_from_db()
    assert grant.reviewed_at is None
    assert AuditEvent.objects.filter(actor=user, outcome=Outcome.DENIED, purpose="beoordeling noodtoegang").exists()


def test_the_privacy_officer_reads_the_list_without_review_forms(cast, login, grant, officer):
    response = login(officer).get(reverse("privacy:break_glass_report"))
    assert response.status_code == 200
    page = response.content.decode()
    assert grant.case.reference in page and "nog niet beoordeeld" in page
    assert review_url(grant) not in page


def test_nobody_reviews_their_own_use(cast, login, cases):
    """A chair of another house with a casework role here breaks the glass; the other chair of this house reviews."""
    from ineen.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=cast.other_chair, safety_house=cast.house, role=Role.CHAIR)
    other_house_chair = cast.other_chair
    own = privacy_actions.break_glass(case=cases[0], actor=cast.outsider, reason=REASON)
    BreakGlassAccess.objects.filter(pk=own.pk).update(user=other_house_chair)
    assert login(other_house_chair).post(review_url(own), {"verdict": "justified"}).status_code == 404


def test_repeated_use_and_refusals_are_flagged(cast, login, cases, settings):
    settings.INEEN_BREAK_GLASS_PER_DAY = 5
    outsider = login(cast.outsider)
    assert ask(outsider, cases[0].reference).status_code == 302
    assert ask(outsider, cases[1].reference).status_code == 302
    for guess in ("HGL-2026-0901", "HGL-2026-0902"):
        ask(outsider, guess)
    page = login(cast.chair).get(reverse("privacy:break_glass_report")).content.decode()
    assert page.count("Herhaald gebruik (30 dagen)") == 2
    assert "2 geweigerde pogingen (30 dagen)" in page
    assert "2 keer noodtoegang is nog niet beoordeeld" in page
