"""Triage (weegoverleg), closing/reopening, case direction and the team, through the views.

Includes optimistic locking: a stale `version` gives a conflict, overwrites nothing and keeps the text.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from ineen.accounts.enums import Role
from ineen.cases import actions
from ineen.cases.enums import CaseState, Route, TeamRole, TriageDecision
from ineen.cases.models import Case, CaseStateChange, Triage
from tests.factories import CLOSURE_PLAN

from ..factories import make_user, refer

CONFLICT = "Iemand anders heeft deze casus intussen gewijzigd"


@pytest.fixture
def referral(cast):
    """A fresh referral by cast.outsider, waiting for triage."""
    return refer(
        cast.outsider,
        cast.house,
        name="Gezin Jansen",
        people=[
            {"first_name": "Ilse", "last_name": "Jansen", "birth_year": 1979, "relationship": "parent"},
        ],
    )


def url(name, case, *args):
    return reverse(f"web:{name}", args=[case.public_id, *args])


def fresh(case):
    return Case.objects.get(pk=case.pk)


def text(response):
    return response.content.decode()


# --- triage: the chair prepares and decides --------------------------------------------------------


def test_chair_prepares_and_decides(cast, referral, client_for, mailoutbox, django_capture_on_commit_callbacks):
    chair = client_for(cast.chair)
    page = chair.get(url("triage", referral))
    assert page.status_code == 200
    assert "Ilse Jansen" in text(page)
    version = fresh(referral).version

    response = chair.post(
        url("triage", referral),
        {
            "version": version,
            "scheduled_for": "2025-06-02T10:00",
            "participants": "Politie, Veilig Thuis, GGZ",
            "preparation": "Dossier VT opvragen.",
        },
    )
    assert response.status_code == 302
    case = fresh(referral)
    assert case.state == CaseState.IN_TRIAGE
    triage = Triage.objects.get(case=case)
    assert (triage.participants, triage.preparation, triage.decision) == (
        "Politie, Veilig Thuis, GGZ",
        "Dossier VT opvragen.",
        "",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = chair.post(
            url("triage_decide", case),
            {
                "version": case.version,
                "decision": TriageDecision.ACCEPT,
                "route": Route.MDA,
                "reasons": "Langdurig geweld; drie organisaties lopen vast.",
                "clients_informed": "on",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == url("case_detail", case)
    case = fresh(referral)
    assert (case.state, case.route) == (CaseState.ACTIVE, Route.MDA)
    triage.refresh_from_db()
    assert (triage.decision, triage.route, triage.decided_by) == (TriageDecision.ACCEPT, Route.MDA, cast.chair)
    assert triage.clients_informed is True
    assert triage.referrer_notified_at is not None
    assert Triage.objects.filter(case=case).count() == 1  # the prepared triage got the decision

    # The referrer is told by e-mail: a link to the status page, no content.
    assert [m.to for m in mailoutbox] == [[cast.outsider.email]]
    body = mailoutbox[0].body
    assert reverse("web:referral_detail", args=[case.referral.public_id]) in body
    for secret in ["Jansen", "Ilse", "Langdurig geweld", "MDA"]:
        assert secret not in mailoutbox[0].subject + body, secret


def test_referrer_sees_the_decision_on_the_status_page(cast, referral, client_for):
    actions.decide_triage(
        case=referral,
        actor=cast.chair,
        decision=TriageDecision.DECLINE,
        reasons="Geen ZVH-casus: verwezen naar het wijkteam.",
    )
    response = client_for(cast.outsider).get(reverse("web:referral_detail", args=[referral.referral.public_id]))
    assert response.status_code == 200
    html = text(response)
    assert "Niet oppakken" in html
    assert "Geen ZVH-casus: verwezen naar het wijkteam." in html
    assert "Afgesloten" in html
    # The referrer is not in the team: no link to the case itself.
    assert url("case_detail", referral) not in html


def test_decline_through_the_view_closes_the_case(cast, referral, client_for):
    response = client_for(cast.chair).post(
        url("triage_decide", referral),
        {
            "version": referral.version,
            "decision": TriageDecision.DECLINE,
            "reasons": "Geen huiselijk geweld.",
        },
    )
    assert response.status_code == 302
    assert fresh(referral).state == CaseState.CLOSED


def test_accept_without_route_is_refused_and_keeps_the_reasons(cast, referral, client_for):
    response = client_for(cast.chair).post(
        url("triage_decide", referral),
        {
            "version": referral.version,
            "decision": TriageDecision.ACCEPT,
            "route": "",
            "reasons": "Mijn zorgvuldig geformuleerde redenen.",
        },
    )
    assert response.status_code == 400
    html = text(response)
    assert "Kies de route: reguliere aanpak of MDA++." in html
    assert "Mijn zorgvuldig geformuleerde redenen." in html
    assert fresh(referral).state == CaseState.REFERRED


def test_decision_without_reasons_is_refused(cast, referral, client_for):
    response = client_for(cast.chair).post(
        url("triage_decide", referral),
        {
            "version": referral.version,
            "decision": TriageDecision.ACCEPT,
            "route": Route.REGULAR,
            "reasons": "",
        },
    )
    assert response.status_code == 400
    assert "Dit veld is verplicht." in text(response)
    assert fresh(referral).state == CaseState.REFERRED


@pytest.mark.parametrize(
    "who", ["director", "member", "expert", "outsider", "former", "manager", "admin", "researcher", "other_chair"]
)
def test_non_chairs_get_404_on_triage(cast, referral, client_for, who):
    client = client_for(getattr(cast, who))
    assert client.get(url("triage", referral)).status_code == 404
    assert client.post(url("triage", referral), {"participants": "x"}).status_code == 404
    response = client.post(
        url("triage_decide", referral),
        {"decision": TriageDecision.ACCEPT, "route": Route.MDA, "reasons": "Ingebroken."},
    )
    assert response.status_code == 404
    assert fresh(referral).state == CaseState.REFERRED
    assert not Triage.objects.filter(case=referral).exists()


def test_non_chair_in_the_team_gets_404_on_triage_of_their_case(cast, client_for):
    # The director of an active case may see it, but triage is the chair's.
    assert client_for(cast.director).get(url("triage", cast.case)).status_code == 404


# --- optimistic locking on the triage decision -----------------------------------------------------


def test_stale_triage_decision_conflicts_and_keeps_the_reasons(cast, referral, client_for):
    chair_a = client_for(cast.chair)
    other_chair = make_user(cast.house, Role.CHAIR, email="chair-b@test.example")
    seen = chair_a.get(url("triage", referral)).context["case"].version

    # Meanwhile another chair prepares the meeting.
    client_for(other_chair).post(url("triage", referral), {"version": seen, "participants": "Politie, OM"})
    assert fresh(referral).version > seen

    response = chair_a.post(
        url("triage_decide", referral),
        {
            "version": seen,
            "decision": TriageDecision.ACCEPT,
            "route": Route.REGULAR,
            "reasons": "Wat ik net zorgvuldig typte.",
        },
    )
    assert response.status_code == 409
    html = text(response)
    assert CONFLICT in html
    assert "Wat ik net zorgvuldig typte." in html
    # The form now carries the current version, so a resubmit goes through.
    assert f'name="version" value="{fresh(referral).version}"' in html
    case = fresh(referral)
    assert case.state == CaseState.IN_TRIAGE
    assert Triage.objects.get(case=case).participants == "Politie, OM"
    assert not Triage.objects.filter(case=case).exclude(decision="").exists()


def test_stale_triage_decision_after_someone_else_decided_keeps_the_text(cast, referral, client_for):
    seen = referral.version
    actions.decide_triage(
        case=referral, actor=cast.chair, decision=TriageDecision.ACCEPT, route=Route.MDA, reasons="Eerste besluit."
    )
    response = client_for(cast.chair).post(
        url("triage_decide", referral),
        {
            "version": seen,
            "decision": TriageDecision.DECLINE,
            "reasons": "Mijn afwijkende mening.",
        },
    )
    assert response.status_code == 409
    html = text(response)
    assert CONFLICT in html
    assert "Mijn afwijkende mening." in html
    assert "Oppakken" in html  # the decision that was taken is shown
    triage = Triage.objects.get(case=referral)
    assert (triage.decision, triage.reasons) == (TriageDecision.ACCEPT, "Eerste besluit.")


def test_stale_preparation_is_refused(cast, referral, client_for):
    seen = referral.version
    actions.prepare_triage(case=referral, actor=cast.chair, participants="Eerst.")
    response = client_for(cast.chair).post(
        url("triage", referral),
        {
            "version": seen,
            "participants": "Daarna.",
            "preparation": "Mijn voorbereiding.",
        },
    )
    assert 400 <= response.status_code < 500
    html = text(response)
    assert CONFLICT in html
    assert "Mijn voorbereiding." in html
    assert Triage.objects.get(case=referral).participants == "Eerst."


# --- closing and reopening ------------------------------------------------------------------------


def test_chair_closes_and_reopens(cast, client_for):
    chair = client_for(cast.chair)
    response = chair.post(
        url("case_close", cast.case), {"version": cast.case.version, "reason": "Doelen bereikt.", **CLOSURE_PLAN}
    )
    assert response.status_code == 302
    case = fresh(cast.case)
    assert case.state == CaseState.CLOSED
    response = chair.post(url("case_reopen", case), {"version": case.version, "reason": "Nieuw incident."})
    assert response.status_code == 302
    assert fresh(case).state == CaseState.ACTIVE
    assert [c.reason for c in CaseStateChange.objects.filter(case=case)][-2:] == ["Doelen bereikt.", "Nieuw incident."]


def test_stale_close_conflicts_and_keeps_the_reason(cast, client_for):
    seen = cast.case.version
    actions.assign_case_director(case=cast.case, director=cast.member, actor=cast.chair, handover_note="Overdracht.")
    response = client_for(cast.chair).post(
        url("case_close", cast.case),
        {
            "version": seen,
            "reason": "Mijn afsluitende reden, met zorg geschreven.",
            **CLOSURE_PLAN,
        },
    )
    assert response.status_code == 409
    html = text(response)
    assert CONFLICT in html
    assert "Mijn afsluitende reden, met zorg geschreven." in html
    case = fresh(cast.case)
    assert case.state == CaseState.ACTIVE
    assert f'name="version" value="{case.version}"' in html
    assert url("case_close", case) in html


def test_stale_reopen_conflicts_and_keeps_the_reason(cast, client_for):
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    seen = fresh(cast.case).version
    actions.reopen_case(case=cast.case, actor=cast.chair, reason="Ander heropent.")
    response = client_for(cast.chair).post(
        url("case_reopen", cast.case),
        {
            "version": seen,
            "reason": "Ook ik wilde heropenen.",
        },
    )
    assert response.status_code == 409
    assert "Ook ik wilde heropenen." in text(response)
    assert [c.to_state for c in CaseStateChange.objects.filter(case=cast.case)][-2:] == ["closed", "active"]


def test_close_without_reason_is_a_400_with_the_message(cast, client_for):
    response = client_for(cast.chair).post(url("case_close", cast.case), {"version": cast.case.version, "reason": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in text(response)
    assert fresh(cast.case).state == CaseState.ACTIVE


def test_reopening_a_declined_referral_is_refused_in_the_view(cast, referral, client_for):
    actions.decide_triage(case=referral, actor=cast.chair, decision=TriageDecision.DECLINE, reasons="Nee.")
    case = fresh(referral)
    response = client_for(cast.chair).post(url("case_reopen", case), {"version": case.version, "reason": "Toch wel."})
    assert response.status_code == 400
    html = text(response)
    assert "Een niet opgepakte aanmelding wordt niet heropend" in html
    assert "Toch wel." in html
    assert fresh(referral).state == CaseState.CLOSED


@pytest.mark.parametrize("who", ["director", "member", "outsider", "manager", "other_chair"])
def test_only_the_chair_closes(cast, client_for, who):
    response = client_for(getattr(cast, who)).post(url("case_close", cast.case), {"reason": "Weg ermee."})
    assert response.status_code == 404
    assert fresh(cast.case).state == CaseState.ACTIVE


# --- case direction -------------------------------------------------------------------------------


def test_chair_reassigns_the_director_with_a_handover(cast, client_for):
    chair = client_for(cast.chair)
    assert chair.get(url("case_director", cast.case)).status_code == 200
    response = chair.post(
        url("case_director", cast.case),
        {
            "version": cast.case.version,
            "director": cast.member.pk,
            "handover_note": "Vader reageert alleen op sms.",
        },
    )
    assert response.status_code == 302
    history = list(cast.case.director_assignments.all())
    assert [(a.director, a.ended_at is None) for a in history] == [(cast.director, False), (cast.member, True)]
    assert history[1].handover_note == "Vader reageert alleen op sms."

    detail = text(chair.get(url("case_detail", cast.case)))
    assert "Vader reageert alleen op sms." in detail
    # The previous director stays in the team (as professional) and can still open the case.
    assert client_for(cast.director).get(url("case_detail", cast.case)).status_code == 200
    # The new director puts the team together.
    assert client_for(cast.member).get(url("team_add", cast.case)).status_code == 200
    assert client_for(cast.director).get(url("team_add", cast.case)).status_code == 404


def test_stale_director_change_is_refused(cast, client_for):
    seen = cast.case.version
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="x")
    actions.reopen_case(case=cast.case, actor=cast.chair, reason="y")
    response = client_for(cast.chair).post(
        url("case_director", cast.case),
        {
            "version": seen,
            "director": cast.member.pk,
            "handover_note": "Mijn overdracht.",
        },
    )
    assert response.status_code == 400
    assert CONFLICT in text(response)
    assert "Mijn overdracht." in text(response)
    assert cast.case.director_assignments.get(ended_at__isnull=True).director == cast.director


def test_director_must_be_a_candidate_of_this_house(cast, client_for):
    response = client_for(cast.chair).post(
        url("case_director", cast.case), {"version": cast.case.version, "director": cast.other_chair.pk}
    )
    assert response.status_code == 400
    assert cast.case.director_assignments.get(ended_at__isnull=True).director == cast.director


# --- the team: membership dates govern access ------------------------------------------------------


def test_ending_a_membership_stops_access_on_the_next_request(cast, client_for):
    member = client_for(cast.member)
    assert member.get(url("case_detail", cast.case)).status_code == 200
    membership = cast.case.team.get(user=cast.member)

    response = client_for(cast.chair).post(url("team_end", cast.case, membership.public_id))
    assert response.status_code == 302

    assert member.get(url("case_detail", cast.case)).status_code == 404
    assert member.get(reverse("web:case_list")).context["page"].paginator.count == 0


def test_membership_with_a_future_start_gives_no_access_yet(cast, client_for):
    newcomer = make_user(cast.house, Role.EXPERT, email="newcomer@test.example")
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    response = client_for(cast.director).post(
        url("team_add", cast.case),
        {
            "user": newcomer.pk,
            "role": TeamRole.EXPERT,
            "active_from": tomorrow.isoformat(),
        },
    )
    assert response.status_code == 302
    membership = cast.case.team.get(user=newcomer)
    assert membership.active_from == tomorrow

    client = client_for(newcomer)
    assert client.get(url("case_detail", cast.case)).status_code == 404
    membership.active_from = timezone.localdate()
    membership.save()
    assert client.get(url("case_detail", cast.case)).status_code == 200


def test_team_add_refuses_an_end_before_the_start(cast, client_for):
    newcomer = make_user(cast.house, Role.PROFESSIONAL)
    response = client_for(cast.chair).post(
        url("team_add", cast.case),
        {
            "user": newcomer.pk,
            "role": TeamRole.PROFESSIONAL,
            "active_from": "2025-05-10",
            "active_until": "2025-05-01",
        },
    )
    assert response.status_code == 400
    assert "De einddatum ligt vóór de begindatum." in text(response)
    assert not cast.case.team.filter(user=newcomer).exists()


def test_ending_the_current_directors_membership_is_refused_in_the_view(cast, client_for):
    membership = cast.case.team.get(user=cast.director, role=TeamRole.CASE_DIRECTOR)
    chair = client_for(cast.chair)
    response = chair.post(url("team_end", cast.case, membership.public_id), follow=True)
    assert "Wijs eerst een nieuwe casusregisseur aan." in text(response)
    membership.refresh_from_db()
    assert membership.active_until is None
    assert client_for(cast.director).get(url("case_detail", cast.case)).status_code == 200


@pytest.mark.parametrize("who", ["member", "expert", "outsider", "former", "manager", "other_chair"])
def test_only_chair_and_director_manage_the_team(cast, client_for, who):
    client = client_for(getattr(cast, who))
    membership = cast.case.team.get(user=cast.expert)
    assert client.get(url("team_add", cast.case)).status_code == 404
    assert client.post(url("team_end", cast.case, membership.public_id)).status_code == 404
    assert client.get(url("case_director", cast.case)).status_code == 404
    membership.refresh_from_db()
    assert membership.active_until is None


def test_membership_of_another_case_cannot_be_ended_through_this_one(cast, client_for):
    other = refer(cast.outsider, cast.house, name="Gezin Ander")
    actions.decide_triage(
        case=other, actor=cast.chair, decision=TriageDecision.ACCEPT, route=Route.REGULAR, reasons="Acuut."
    )
    foreign = actions.add_team_member(
        case=fresh(other), user=cast.outsider, role=TeamRole.PROFESSIONAL, actor=cast.chair
    )
    response = client_for(cast.director).post(url("team_end", cast.case, foreign.public_id))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.active_until is None


# --- the team: no one twice, ending is confirmed and reads as ended ---------------------------------


def test_the_picker_does_not_offer_people_already_in_the_team(cast, client_for):
    newcomer = make_user(cast.house, Role.PROFESSIONAL, email="newcomer@test.example")
    response = client_for(cast.chair).get(url("team_add", cast.case))
    offered = set(response.context["form"].fields["user"].queryset)
    assert newcomer in offered
    assert cast.member not in offered and cast.expert not in offered


def test_adding_someone_twice_is_refused_in_dutch(cast, client_for):
    response = client_for(cast.chair).post(
        url("team_add", cast.case), {"user": cast.member.pk, "role": TeamRole.PROFESSIONAL}
    )
    assert response.status_code == 400
    assert cast.case.team.filter(user=cast.member).count() == 1


def test_the_domain_action_refuses_a_second_running_membership(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="zit al in het casusteam"):
        actions.add_team_member(case=cast.case, user=cast.member, role=TeamRole.PROFESSIONAL, actor=cast.chair)
    # After the membership ended, the person can be added again.
    actions.end_team_membership(membership=cast.case.team.get(user=cast.member), actor=cast.chair)
    again = actions.add_team_member(case=cast.case, user=cast.member, role=TeamRole.PROFESSIONAL, actor=cast.chair)
    assert again.ended_on is None


def test_ending_asks_for_confirmation_first(cast, client_for):
    membership = cast.case.team.get(user=cast.member)
    chair = client_for(cast.chair)
    detail = text(chair.get(url("case_detail", cast.case)))
    confirm_url = url("team_end", cast.case, membership.public_id)
    assert f'href="{confirm_url}"' in detail  # a link to a confirmation page, not a one-click form

    page = chair.get(confirm_url)
    assert page.status_code == 200
    assert "direct niet meer openen" in text(page)
    membership.refresh_from_db()
    assert membership.active_until is None and membership.ended_on is None  # looking changes nothing


def test_a_membership_ended_on_its_first_day_reads_as_ended(cast, client_for):
    newcomer = make_user(cast.house, Role.PROFESSIONAL, email="newcomer@test.example")
    membership = actions.add_team_member(case=cast.case, user=newcomer, role=TeamRole.PROFESSIONAL, actor=cast.chair)
    chair = client_for(cast.chair)
    chair.post(url("team_end", cast.case, membership.public_id))
    membership.refresh_from_db()
    today = timezone.localdate()
    assert membership.ended_on == today
    assert not membership.is_active_on(today)
    assert client_for(newcomer).get(url("case_detail", cast.case)).status_code == 404

    detail = text(chair.get(url("case_detail", cast.case)))
    row = next(line for line in detail.splitlines() if newcomer.get_full_name() in line)
    assert "Beëindigd op" in row
    assert "Beëindigen" not in row
    # Ending it again changes nothing.
    again = chair.post(url("team_end", cast.case, membership.public_id), follow=True)
    assert "al beëindigd" in text(again)
