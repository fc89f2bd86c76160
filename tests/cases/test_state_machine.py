"""The case state machine: referred -> in_triage -> active -> closed -> (reopen) active.

Every transition is kept as a CaseStateChange; anything else is refused with a ValidationError.
"""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ineen.accounts.enums import Role
from ineen.cases import actions
from ineen.cases.enums import TRANSITIONS, CaseState, Route, TriageDecision
from ineen.cases.models import Case, CaseStateChange, Triage
from tests.factories import CLOSURE_PLAN

from ..factories import make_user, refer


@pytest.fixture
def referrer(house):
    return make_user(house, Role.PROFESSIONAL, email="referrer@test.example")


@pytest.fixture
def chair(house):
    return make_user(house, Role.CHAIR, email="chair@test.example")


@pytest.fixture
def referred(referrer, house):
    return refer(referrer, house)


def history(case):
    return [(c.from_state, c.to_state) for c in CaseStateChange.objects.filter(case=case)]


def test_full_lifecycle_keeps_every_transition(referred, chair):
    case = referred
    assert case.state == CaseState.REFERRED
    assert history(case) == [("", "referred")]

    actions.prepare_triage(case=case, actor=chair, participants="Politie, Veilig Thuis", preparation="Lezen.")
    case.refresh_from_db()
    assert case.state == CaseState.IN_TRIAGE

    actions.decide_triage(
        case=case,
        actor=chair,
        decision=TriageDecision.ACCEPT,
        route=Route.MDA,
        reasons="Langdurig geweld, kinderen in huis.",
    )
    case.refresh_from_db()
    assert (case.state, case.route) == (CaseState.ACTIVE, Route.MDA)
    assert case.closed_at is None

    actions.close_case(plan=CLOSURE_PLAN, case=case, actor=chair, reason="Plan afgerond.")
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert case.closed_at is not None

    actions.reopen_case(case=case, actor=chair, reason="Nieuw incident.")
    case.refresh_from_db()
    assert case.state == CaseState.ACTIVE
    assert case.closed_at is None

    assert history(case) == [
        ("", "referred"),
        ("referred", "in_triage"),
        ("in_triage", "active"),
        ("active", "closed"),
        ("closed", "active"),
    ]
    reasons = list(CaseStateChange.objects.filter(case=case).values_list("reason", flat=True))
    assert reasons[-3:] == ["Langdurig geweld, kinderen in huis.", "Plan afgerond.", "Nieuw incident."]
    assert all(c.changed_by_id for c in CaseStateChange.objects.filter(case=case))


def test_every_state_change_bumps_the_version(referred, chair):
    case = referred
    assert case.version == 1
    actions.prepare_triage(case=case, actor=chair)
    case.refresh_from_db()
    assert case.version == 2
    # Preparing again (already in triage) still counts as a change others must not overwrite.
    actions.prepare_triage(case=case, actor=chair, preparation="Aangevuld.")
    case.refresh_from_db()
    assert case.version == 3


ILLEGAL = [
    (source, target)
    for source, target in itertools.product(CaseState.values, CaseState.values)
    if target not in TRANSITIONS[CaseState(source)]
]


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_illegal_transitions_are_refused(referred, chair, source, target):
    case = referred
    Case.objects.filter(pk=case.pk).update(state=source)
    case.refresh_from_db()
    before = history(case)
    with pytest.raises(ValidationError) as excinfo:
        actions.set_state(case=case, to_state=target, actor=chair, purpose="test")
    assert excinfo.value.messages == ["Deze statuswijziging is niet toegestaan."]
    case.refresh_from_db()
    assert case.state == source
    assert history(case) == before


def test_illegal_transitions_cover_the_obvious_shortcuts():
    assert ("referred", "active") in ILLEGAL
    assert ("active", "in_triage") in ILLEGAL
    assert ("closed", "referred") in ILLEGAL
    assert ("closed", "closed") in ILLEGAL


def test_decline_closes_the_case(referred, chair):
    triage = actions.decide_triage(
        case=referred,
        actor=chair,
        decision=TriageDecision.DECLINE,
        route=Route.MDA,
        reasons="Geen huiselijk geweld; verwezen naar wijkteam.",
    )
    case = Case.objects.get(pk=referred.pk)
    assert case.state == CaseState.CLOSED
    assert case.route == ""
    assert case.closed_at is not None
    assert (triage.decision, triage.route) == (TriageDecision.DECLINE, "")
    assert triage.decided_by == chair
    assert history(case) == [("", "referred"), ("referred", "in_triage"), ("in_triage", "closed")]
    assert CaseStateChange.objects.filter(case=case).last().reason == "Geen huiselijk geweld; verwezen naar wijkteam."


def test_accept_without_route_is_refused_with_a_clear_message(referred, chair):
    with pytest.raises(ValidationError) as excinfo:
        actions.decide_triage(
            case=referred, actor=chair, decision=TriageDecision.ACCEPT, route="", reasons="Past bij het ZVH."
        )
    assert excinfo.value.message_dict == {"route": ["Kies de route: reguliere aanpak of MDA++."]}
    case = Case.objects.get(pk=referred.pk)
    assert case.state == CaseState.REFERRED
    assert not Triage.objects.filter(case=case).exclude(decision="").exists()


def test_decision_without_reasons_is_refused(referred, chair):
    with pytest.raises(ValidationError) as excinfo:
        actions.decide_triage(
            case=referred, actor=chair, decision=TriageDecision.ACCEPT, route=Route.REGULAR, reasons="   "
        )
    assert list(excinfo.value.message_dict) == ["reasons"]
    assert Case.objects.get(pk=referred.pk).state == CaseState.REFERRED


def test_a_decided_case_cannot_be_decided_or_prepared_again(referred, chair):
    actions.decide_triage(
        case=referred, actor=chair, decision=TriageDecision.ACCEPT, route=Route.REGULAR, reasons="Acuut."
    )
    with pytest.raises(ValidationError, match="Over deze casus is al besloten"):
        actions.decide_triage(case=referred, actor=chair, decision=TriageDecision.DECLINE, reasons="Toch niet.")
    with pytest.raises(ValidationError, match="Het weegoverleg is al geweest"):
        actions.prepare_triage(case=referred, actor=chair, preparation="Te laat.")
    assert Case.objects.get(pk=referred.pk).route == Route.REGULAR


def test_reopening_a_declined_referral_is_refused(referred, chair):
    actions.decide_triage(case=referred, actor=chair, decision=TriageDecision.DECLINE, reasons="Niet passend.")
    with pytest.raises(ValidationError) as excinfo:
        actions.reopen_case(case=referred, actor=chair, reason="Toch opnieuw bekijken.")
    assert excinfo.value.messages == [
        "Een niet opgepakte aanmelding wordt niet heropend; meld het huishouden opnieuw aan."
    ]
    assert Case.objects.get(pk=referred.pk).state == CaseState.CLOSED


def test_close_and_reopen_need_a_reason(cast):
    with pytest.raises(ValidationError) as excinfo:
        actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason=" ")
    assert list(excinfo.value.message_dict) == ["reason"]
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    with pytest.raises(ValidationError) as excinfo:
        actions.reopen_case(case=cast.case, actor=cast.chair, reason="")
    assert list(excinfo.value.message_dict) == ["reason"]


def test_closing_a_closed_case_is_refused(cast):
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.")
    with pytest.raises(ValidationError, match="niet toegestaan"):
        actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Nog eens.")


def test_reopen_brings_back_the_same_case_with_its_history(cast):
    case = cast.case
    director_before = list(case.director_assignments.values_list("pk", flat=True))
    team_before = list(case.team.values_list("pk", flat=True))
    actions.close_case(plan=CLOSURE_PLAN, case=case, actor=cast.chair, reason="Klaar.")
    actions.reopen_case(case=case, actor=cast.chair, reason="Terugval.")
    case.refresh_from_db()
    assert case.state == CaseState.ACTIVE
    assert list(case.director_assignments.values_list("pk", flat=True)) == director_before
    assert list(case.team.values_list("pk", flat=True)) == team_before
    assert [c.to_state for c in case.state_changes.all()][-2:] == ["closed", "active"]


def test_stale_version_is_refused_and_nothing_changes(cast):
    case = cast.case
    seen = case.version
    actions.assign_case_director(case=case, director=cast.member, actor=cast.chair, handover_note="Overdracht.")
    with pytest.raises(actions.StaleVersion, match="Iemand anders heeft deze casus intussen gewijzigd"):
        actions.close_case(plan=CLOSURE_PLAN, case=case, actor=cast.chair, reason="Klaar.", seen_version=seen)
    case.refresh_from_db()
    assert case.state == CaseState.ACTIVE
    assert case.version == seen + 1


def test_current_version_is_accepted(cast):
    actions.close_case(
        plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Klaar.", seen_version=str(cast.case.version)
    )
    assert Case.objects.get(pk=cast.case.pk).state == CaseState.CLOSED


def test_database_refuses_an_accepted_triage_without_route(referred):
    with pytest.raises(IntegrityError), transaction.atomic():
        Triage.objects.create(case=referred, decision=TriageDecision.ACCEPT, route="")
