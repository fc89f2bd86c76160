"""The standing triage meeting (issue 10, point 8)."""

from django.urls import reverse
from django.utils import timezone

from ineen.cases.enums import CaseState
from ineen.cases.models import TriageMeeting
from tests.factories import refer


def _plan(cast, login, n=2):
    cases = [refer(cast.member, cast.house, name=f"Gezin {i}") for i in range(n)]
    http = login(cast.chair)
    assert http.get(reverse("web:triage_meeting_new")).status_code == 200
    response = http.post(
        reverse("web:triage_meeting_new"),
        {
            "starts_at": (timezone.localtime() + timezone.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "location": "Zaal 2",
            "invited": [cast.expert.pk],
            "cases": [c.pk for c in cases],
        },
    )
    assert response.status_code == 302
    return TriageMeeting.objects.get(), cases


def test_the_chair_plans_a_meeting_with_an_agenda(cast, login):
    meeting, cases = _plan(cast, login)
    assert [i.case for i in meeting.agenda.all()] == cases
    page = login(cast.chair).get(reverse("web:triage_meeting", args=[meeting.public_id])).content.decode()
    assert all(c.reference in page for c in cases)


def test_advice_and_referred_elsewhere_are_shown_to_the_referrer(cast, login, client):
    meeting, cases = _plan(cast, login)
    items = list(meeting.agenda.all())
    outcomes = [
        {"decision": "advice", "reasons": "Schakel eerst het wijkteam in."},
        {"decision": "elsewhere", "referred_to": "Veilig Thuis", "reasons": "Past beter daar."},
    ]
    chair = login(cast.chair)
    for item, data in zip(items, outcomes, strict=True):
        url = reverse("web:triage_meeting_outcome", args=[meeting.public_id, item.public_id])
        response = chair.post(url, {f"{item.public_id}-{k}": v for k, v in data.items()})
        assert response.status_code == 302
    referrer = login(cast.member)
    for case, data in zip(cases, outcomes, strict=True):
        case.refresh_from_db()
        assert case.state == CaseState.CLOSED
        page = referrer.get(reverse("web:referral_detail", args=[case.referral.public_id])).content.decode()
        assert data["reasons"] in page
    assert "Veilig Thuis" in page


def test_referred_elsewhere_needs_the_organisation(cast, login):
    meeting, _cases = _plan(cast, login, n=1)
    item = meeting.agenda.get()
    url = reverse("web:triage_meeting_outcome", args=[meeting.public_id, item.public_id])
    response = login(cast.chair).post(
        url, {f"{item.public_id}-decision": "elsewhere", f"{item.public_id}-reasons": "Getypt."}
    )
    assert response.status_code == 400 and "Getypt." in response.content.decode()


def test_someone_not_chairing_gets_404(cast, login):
    meeting, _cases = _plan(cast, login, n=1)
    for who in (cast.member, cast.director, cast.other_chair):
        assert login(who).get(reverse("web:triage_meeting", args=[meeting.public_id])).status_code == 404
