"""Family profiles, arrangements and the partners' catalogue (issue 13, point 5)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ineen.arrangements import actions
from ineen.arrangements.enums import DefaultProfile, ElementState, OfferKind
from ineen.arrangements.models import (
    AppliedElement,
    ArrangementElement,
    ArrangementTemplate,
    CaseProfile,
    FamilyProfile,
    PartnerOffer,
)
from ineen.audit.models import AuditEvent, Outcome
from ineen.plans import changes
from ineen.plans.enums import ActionType, Answer, ChangeState, Towards
from ineen.plans.models import PlanAction

from ..factories import SafetyHouseFactory


@pytest.fixture
def arrangement(cast):
    profile = FamilyProfile.objects.get(safety_house=cast.house, origin=DefaultProfile.INTIMATE_TERROR)
    offer = PartnerOffer.objects.create(
        safety_house=cast.house,
        organisation=cast.director.organisation,
        kind=OfferKind.INTERVENTION,
        name="Veiligheidsplan",
    )
    template = ArrangementTemplate.objects.create(profile=profile, name="Basis")
    elements = [
        ArrangementElement.objects.create(
            template=template, what="Veiligheidsplan maken", mandatory=True, offer=offer, order=1
        ),
        ArrangementElement.objects.create(
            template=template,
            what="Risicotaxatie delen",
            mandatory=True,
            action_type=ActionType.INFORMATION_EXCHANGE,
            towards=Towards.PROFESSIONALS,
            order=2,
        ),
        ArrangementElement.objects.create(template=template, what="Alarmknop bespreken", mandatory=False, order=3),
    ]
    return profile, template, elements


def _assign(cast, profile):
    return actions.assign_profile(
        case=cast.case, actor=cast.director, profile=profile, reason="Dwingende controle.", seen="-"
    )


def test_every_house_has_the_five_profiles_of_seed_004(db):
    house = SafetyHouseFactory(name="Nieuw huis", code="nh")
    origins = set(FamilyProfile.objects.filter(safety_house=house).values_list("origin", flat=True))
    assert origins == set(DefaultProfile.values)
    assert FamilyProfile.objects.get(safety_house=house, origin="conflict_divorce").name == "Conflictscheiding"


def test_assign_profile_with_reason_is_audited_and_kept_as_history(cast, arrangement):
    profile = arrangement[0]
    first = _assign(cast, profile)
    other = FamilyProfile.objects.get(safety_house=cast.house, origin=DefaultProfile.FAMILY_IN_STRESS)
    actions.assign_profile(
        case=cast.case, actor=cast.chair, profile=other, reason="Toch stress.", seen=actions.seen_token(first)
    )
    assert actions.current_profile(cast.case).profile == other
    assert CaseProfile.objects.filter(case=cast.case).count() == 2
    assert AuditEvent.objects.filter(object_type="case_profile", object_id=str(first.public_id)).exists()


def test_assign_profile_refuses_a_stale_page_another_house_and_no_reason(cast, arrangement):
    profile = arrangement[0]
    _assign(cast, profile)
    with pytest.raises(actions.Conflict):
        actions.assign_profile(case=cast.case, actor=cast.chair, profile=profile, reason="Ook.", seen="-")
    foreign = FamilyProfile.objects.filter(safety_house=cast.other_house).first()
    current = actions.seen_token(actions.current_profile(cast.case))
    with pytest.raises(ValidationError) as error:
        actions.assign_profile(case=cast.case, actor=cast.chair, profile=foreign, reason=" ", seen=current)
    assert set(error.value.message_dict) == {"profile", "reason"}


def test_applying_proposes_plan_changes_and_shows_what_is_missing(cast, arrangement):
    profile, template, (plan_el, risk_el, alarm_el) = arrangement
    assert actions.missing_mandatory(cast.case) == []  # no profile: nothing to miss
    _assign(cast, profile)
    assert [e for _t, e in actions.missing_mandatory(cast.case)] == [plan_el, risk_el]
    due = timezone.localdate() + datetime.timedelta(days=14)
    made = actions.apply_template(
        case=cast.case,
        actor=cast.director,
        template=template,
        choices=[(plan_el, cast.director, due), (risk_el, cast.member, due)],
    )
    assert len(made) == 2
    states = {e.pk: s for e, s, _c in actions.element_states(cast.case, template)}
    # The director's own element is agreed at once; the member's waits for the member's answer.
    assert states == {plan_el.pk: ElementState.IN_PLAN, risk_el.pk: ElementState.PROPOSED, alarm_el.pk: "missing"}
    action = PlanAction.objects.get(case=cast.case, what="Veiligheidsplan maken")
    assert action.owner == cast.director
    assert actions.missing_mandatory(cast.case) == []
    # Applying again proposes nothing twice.
    again = actions.apply_template(
        case=cast.case, actor=cast.director, template=template, choices=[(plan_el, cast.director, due)]
    )
    assert again == [] and AppliedElement.objects.filter(case=cast.case).count() == 2
    # The member objects: the element is missing again; once agreed it keeps its type (table 3.2).
    change = made[1]
    changes.respond_to_change(change=change, actor=cast.member, answer=Answer.OBJECT, comment="Niet nu.")
    assert [e for _t, e in actions.missing_mandatory(cast.case)] == [risk_el]
    made = actions.apply_template(
        case=cast.case, actor=cast.director, template=template, choices=[(risk_el, cast.member, due)]
    )
    changes.respond_to_change(change=made[0], actor=cast.member, answer=Answer.AGREE)
    assert made[0].__class__.objects.get(pk=made[0].pk).state == ChangeState.APPLIED
    risk = PlanAction.objects.get(case=cast.case, what="Risicotaxatie delen")
    assert (risk.action_type, risk.towards) == (ActionType.INFORMATION_EXCHANGE, Towards.PROFESSIONALS)


def test_applying_refuses_another_profiles_template_and_an_owner_outside_the_team(cast, arrangement):
    profile, template, elements = arrangement
    due = timezone.localdate() + datetime.timedelta(days=7)
    with pytest.raises(ValidationError):  # no profile yet
        actions.apply_template(case=cast.case, actor=cast.director, template=template, choices=[])
    _assign(cast, profile)
    with pytest.raises(ValidationError):  # an outsider as owner: nothing half applied
        actions.apply_template(
            case=cast.case,
            actor=cast.director,
            template=template,
            choices=[(elements[0], cast.director, due), (elements[1], cast.outsider, due)],
        )
    assert not AppliedElement.objects.filter(case=cast.case).exists()
    assert not PlanAction.objects.filter(case=cast.case, what="Veiligheidsplan maken").exists()


# --- pages -----------------------------------------------------------------------------------------


def test_profile_page_sets_the_profile_and_keeps_input_on_errors(cast, arrangement, login):
    profile = arrangement[0]
    client = login(cast.director)
    url = reverse("arrangements:profile", args=[cast.case.public_id])
    page = client.get(url)
    assert page.status_code == 200 and "Intieme terreur" in page.content.decode()
    bad = client.post(url, {"profile": str(profile.public_id), "reason": "", "seen": "-"})
    assert bad.status_code == 400
    foreign = FamilyProfile.objects.filter(safety_house=cast.other_house).first()
    bad = client.post(url, {"profile": str(foreign.public_id), "reason": "Mijn tekst", "seen": "-"})
    assert bad.status_code == 400 and "Mijn tekst" in bad.content.decode()
    ok = client.post(url, {"profile": str(profile.public_id), "reason": "Controle", "seen": "-"})
    assert ok.status_code == 302
    stale = client.post(url, {"profile": str(profile.public_id), "reason": "Tweede keer", "seen": "-"})
    assert stale.status_code == 409 and "Tweede keer" in stale.content.decode()
    assert CaseProfile.objects.filter(case=cast.case).count() == 1


@pytest.mark.parametrize("who", ["member", "outsider", "other_chair", "researcher"])
def test_only_the_chair_and_case_director_set_a_profile(cast, arrangement, login, who):
    profile = arrangement[0]
    client = login(getattr(cast, who))
    url = reverse("arrangements:profile", args=[cast.case.public_id])
    response = client.post(url, {"profile": str(profile.public_id), "reason": "x", "seen": "-"})
    assert response.status_code == 404
    assert not CaseProfile.objects.exists()
    assert AuditEvent.objects.filter(outcome=Outcome.DENIED, object_id=str(cast.case.public_id)).exists()


def test_a_closed_case_gets_no_profile(cast, arrangement, login):
    type(cast.case).objects.filter(pk=cast.case.pk).update(state="closed")
    client = login(cast.chair)
    url = reverse("arrangements:profile", args=[cast.case.public_id])
    response = client.post(url, {"profile": str(arrangement[0].public_id), "reason": "x", "seen": "-"})
    assert response.status_code == 404


def test_arrangement_page_applies_chosen_elements_and_the_plan_shows_what_is_missing(cast, arrangement, login):
    profile, template, (plan_el, risk_el, alarm_el) = arrangement
    _assign(cast, profile)
    client = login(cast.director)
    plan = client.get(reverse("plans:plan", args=[cast.case.public_id])).content.decode()
    assert "Het arrangement is nog niet compleet" in plan and "Risicotaxatie delen" in plan
    url = reverse("arrangements:arrangement", args=[cast.case.public_id])
    page = client.get(url)
    assert page.status_code == 200
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    data = {"template": str(template.public_id)}
    for element, chosen in ((plan_el, True), (risk_el, True), (alarm_el, False)):
        prefix = f"e{element.public_id.hex[:12]}"
        data[f"{prefix}-owner"] = str(cast.director.pk)
        data[f"{prefix}-due_on"] = due
        if chosen:
            data[f"{prefix}-chosen"] = "on"
    bad = client.post(url, {**data, f"e{plan_el.public_id.hex[:12]}-due_on": "morgen"})
    assert bad.status_code == 400 and not AppliedElement.objects.exists()
    assert client.post(url, data).status_code == 302
    assert AppliedElement.objects.filter(case=cast.case).count() == 2
    plan = client.get(reverse("plans:plan", args=[cast.case.public_id])).content.decode()
    assert "Het arrangement is nog niet compleet" not in plan
    # A template of another profile (or made up) is refused: 404, audited.
    other = ArrangementTemplate.objects.create(profile=FamilyProfile.objects.exclude(pk=profile.pk).first(), name="X")
    assert client.post(url, {"template": str(other.public_id)}).status_code == 404


def test_a_team_member_reads_the_arrangement_but_cannot_apply(cast, arrangement, login):
    profile, template, elements = arrangement
    _assign(cast, profile)
    client = login(cast.member)
    url = reverse("arrangements:arrangement", args=[cast.case.public_id])
    page = client.get(url)
    assert page.status_code == 200 and "Gekozen onderdelen voorstellen" not in page.content.decode()
    assert client.post(url, {"template": str(template.public_id)}).status_code == 404
    assert login(cast.outsider).get(url).status_code == 404


def test_catalogue_for_role_holders_of_the_house_only(cast, arrangement, login):
    PartnerOffer.objects.create(
        safety_house=cast.other_house,
        organisation=cast.other_chair.organisation,
        kind=OfferKind.CIVIL,
        name="Geheim elders",
    )
    url = reverse("arrangements:catalogue")
    page = login(cast.member).get(url).content.decode()
    assert "Veiligheidsplan" in page and "Geheim elders" not in page
    filtered = login(cast.member).get(url, {"soort": "civil"}).content.decode()
    assert "Veiligheidsplan" not in filtered


def test_the_brainstorm_shows_the_catalogue(cast, arrangement, login):
    from ineen.conferences.enums import ConferenceState

    from ..conferences.conftest import make_conference

    conference = make_conference(cast.case, cast.chair, [cast.director], state=ConferenceState.LIVE)
    client = login(cast.chair)
    page = client.get(reverse("conferences:workspace", args=[conference.public_id]), {"weergave": "brainstorm"})
    assert "Wat partners kunnen bieden" in page.content.decode()


def test_admin_of_one_house_edits_only_its_profiles(cast, login):
    from ineen.accounts.enums import Role

    from ..factories import make_user

    client = login(cast.admin)
    listing = client.get(reverse("admin:arrangements_familyprofile_changelist")).content.decode()
    assert listing.count("Intieme terreur") >= 1
    foreign = FamilyProfile.objects.filter(safety_house=cast.other_house).first()
    assert client.get(reverse("admin:arrangements_familyprofile_change", args=[foreign.pk])).status_code in (302, 404)
    member = make_user(cast.house, Role.PROFESSIONAL, email="p2@test.example")
    assert login(member).get(reverse("admin:arrangements_familyprofile_changelist")).status_code == 404
