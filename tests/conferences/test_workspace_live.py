"""Domain actions of the live workspace (ineen/conferences/live.py): rules, revision bumps, audit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ineen.audit.models import AuditEvent
from ineen.conferences import live
from ineen.conferences.enums import ConferenceState, ContributionKind, LiveStep, PartKind
from ineen.conferences.models import (
    Conference,
    ConferenceNote,
    IncidentMark,
    PhaseDecision,
    ScalingScore,
    SharedTopItem,
)
from ineen.guide.enums import Phase, Top3Kind
from ineen.households.models import Incident
from ineen.plans.models import CollaborationAgreement, PlanAction

from .conftest import make_conference


def fresh(conference):
    return Conference.objects.select_related("case__household", "case__safety_house").get(pk=conference.pk)


def started(conference, by):
    live.start(conference=conference, actor=by)
    return fresh(conference)


def test_start_and_steps_forward_and_back(cast, conference):
    c = started(conference, cast.chair)
    assert (c.state, c.current_step, c.live_revision) == (ConferenceState.LIVE, LiveStep.OPENING, 1)
    live.move_step(conference=c, actor=cast.chair, from_step="opening", to_step="picture")
    live.move_step(conference=c, actor=cast.chair, from_step="picture", to_step="opening")  # back one step
    live.move_step(conference=c, actor=cast.chair, from_step="opening", to_step="picture")
    c = fresh(c)
    assert (c.current_step, c.live_revision) == (LiveStep.PICTURE, 4)
    with pytest.raises(ValidationError):  # two steps at once
        live.move_step(conference=c, actor=cast.chair, from_step="picture", to_step="decision")
    with pytest.raises(live.Conflict):  # the chair's other tab still thinks we are in the opening
        live.move_step(conference=c, actor=cast.chair, from_step="opening", to_step="picture")


def test_closing_ends_the_meeting_and_back_reopens_it(cast, conference):
    c = started(conference, cast.chair)
    for a, b in [("opening", "picture"), ("picture", "judgement"), ("judgement", "decision"), ("decision", "closed")]:
        live.move_step(conference=c, actor=cast.chair, from_step=a, to_step=b)
    c = fresh(c)
    assert c.state == ConferenceState.ENDED and c.ended_at is not None
    with pytest.raises(ValidationError):  # nothing is added after the end
        live.add_contribution(conference=c, actor=cast.member, kind="worry", text="Te laat.")
    live.move_step(conference=c, actor=cast.chair, from_step="closed", to_step="decision")
    c = fresh(c)
    assert (c.state, c.ended_at) == (ConferenceState.LIVE, None)


def test_clock_counts_down_and_shows_overrun(cast, conference):
    c = started(conference, cast.chair)
    live.move_step(conference=c, actor=cast.chair, from_step="opening", to_step="picture")
    c = fresh(c)
    now = c.step_started_at + datetime.timedelta(minutes=12, seconds=30)
    clock = live.clock(c, now)
    assert (clock.budget, clock.elapsed, clock.remaining, clock.over_by) == (30, 12, 18, 0)
    late = live.clock(c, c.step_started_at + datetime.timedelta(minutes=35))
    assert (late.remaining, late.over_by) == (0, 5)
    assert live.stamp(c, now) == f"{c.live_revision}.12"


def test_budgets(cast, conference):
    live.set_budgets(conference=conference, actor=cast.chair, budgets={"picture": 20, "judgement": 15, "decision": 40})
    assert fresh(conference).step_budgets == {"picture": 20, "judgement": 15, "decision": 40}
    with pytest.raises(ValidationError):
        live.set_budgets(
            conference=conference, actor=cast.chair, budgets={"picture": 0, "judgement": 15, "decision": 40}
        )


def test_scores_need_a_justification_and_lock_after_reveal(cast, conference):
    with pytest.raises(ValidationError) as refused:
        live.submit_score(conference=conference, actor=cast.member, value=7, justification="  ")
    assert "justification" in refused.value.error_dict
    with pytest.raises(ValidationError):
        live.submit_score(conference=conference, actor=cast.member, value=11, justification="Te hoog.")
    live.submit_score(conference=conference, actor=cast.member, value=7, justification="Eerste indruk.")
    live.submit_score(
        conference=conference, actor=cast.member, value=8, justification="Na het gesprek."
    )  # own row again
    score = ScalingScore.objects.get()
    assert (score.value, score.scale, score.author) == (8, "immediate_safety", cast.member)
    live.reveal_scores(conference=conference, actor=cast.chair)
    with pytest.raises(ValidationError):
        live.submit_score(conference=fresh(conference), actor=cast.director, value=3, justification="Te laat.")


def test_contribution_is_governed_content_of_the_author(cast, conference):
    item = live.add_contribution(
        conference=conference, actor=cast.member, kind=ContributionKind.WORRY, text="Wapen in huis."
    )
    assert item.source_organisation == cast.member.organisation
    assert item.visibility == "team"
    with pytest.raises(ValidationError):
        live.add_contribution(conference=conference, actor=cast.member, kind="nonsense", text="x")
    with pytest.raises(ValidationError):
        live.add_contribution(conference=conference, actor=cast.member, kind="worry", text=" ")


def test_shared_top_3_from_contributions_and_typed(cast, conference):
    worry = live.add_contribution(conference=conference, actor=cast.member, kind="worry", text="Vader drinkt.")
    live.choose_top_item(conference=conference, actor=cast.chair, rank=1, contribution=worry)
    live.choose_top_item(conference=conference, actor=cast.chair, rank=2, text="Kinderen zien het geweld.")
    with pytest.raises(ValidationError):  # the same point twice
        live.choose_top_item(conference=conference, actor=cast.chair, rank=3, text="vader  DRINKT.")
    live.choose_top_item(conference=conference, actor=cast.chair, rank=2, text="Geen netwerk.")  # replace place 2
    top = list(SharedTopItem.objects.values_list("kind", "rank", "text", "contribution"))
    assert top == [(Top3Kind.WORRIES, 1, "Vader drinkt.", worry.pk), (Top3Kind.WORRIES, 2, "Geen netwerk.", None)]
    live.clear_top_item(conference=conference, actor=cast.chair, rank=1)
    assert SharedTopItem.objects.count() == 1


def test_top_3_kind_follows_the_phase(cast):
    c = make_conference(cast.case, cast.chair, [cast.member], phase=Phase.STABLE_SAFETY)
    c = fresh(c)
    live.choose_top_item(conference=c, actor=cast.chair, rank=1, text="Middelengebruik.")
    assert SharedTopItem.objects.get().kind == Top3Kind.RISKS
    assert live.PHASE_CONTRIBUTION[Phase.STABLE_SAFETY] == ContributionKind.RISK


def test_incident_marks_only_in_phase_one_and_of_this_household(cast, conference):
    incident = Incident.objects.create(
        household=cast.case.household,
        date=timezone.localdate(),
        description="Klap.",
        source_organisation=cast.member.organisation,
    )
    live.mark_incident(conference=conference, actor=cast.chair, mark="first", incident=incident)
    live.mark_incident(conference=conference, actor=cast.chair, mark="worst", incident=incident)
    assert set(IncidentMark.objects.values_list("mark", flat=True)) == {"first", "worst"}
    live.mark_incident(conference=conference, actor=cast.chair, mark="worst", incident=None)
    assert IncidentMark.objects.count() == 1
    later = fresh(make_conference(cast.case, cast.chair, phase=Phase.STABLE_SAFETY))
    with pytest.raises(ValidationError):
        live.mark_incident(conference=later, actor=cast.chair, mark="first", incident=incident)


def test_phase_decision_moves_the_household(cast, conference):
    assert live.current_phase(cast.case) == Phase.IMMEDIATE_SAFETY
    with pytest.raises(ValidationError):  # phase 1 has no way back
        live.decide_phase(
            conference=conference,
            actor=cast.chair,
            decision="back",
            to_phase="immediate_safety",
            reason="Nieuwe zorgen.",
        )
    with pytest.raises(ValidationError):  # a reason is required
        live.decide_phase(
            conference=conference, actor=cast.chair, decision="forward", to_phase="stable_safety", reason=""
        )
    live.decide_phase(
        conference=conference,
        actor=cast.chair,
        decision="forward",
        to_phase="stable_safety",
        reason="Directe veiligheid is er.",
    )
    assert live.current_phase(cast.case) == Phase.STABLE_SAFETY
    second = fresh(make_conference(cast.case, cast.chair, phase=Phase.STABLE_SAFETY))
    second_decided = live.decide_phase(
        conference=second, actor=cast.chair, decision="back", to_phase="immediate_safety", reason="Opnieuw geweld."
    )
    PhaseDecision.objects.filter(pk=second_decided.pk).update(decided_at=timezone.now() + datetime.timedelta(seconds=1))
    assert live.current_phase(cast.case) == Phase.IMMEDIATE_SAFETY


def test_changing_a_phase_decision_needs_the_one_seen(cast, conference):
    first = live.decide_phase(conference=conference, actor=cast.chair, decision="stay", reason="Nog zorgen.")
    assert first.to_phase == Phase.IMMEDIATE_SAFETY
    with pytest.raises(live.Conflict) as conflict:  # a second tab that never saw the first decision
        live.decide_phase(
            conference=conference,
            actor=cast.chair,
            decision="forward",
            to_phase="stable_safety",
            reason="Veilig.",
            seen="",
        )
    assert conflict.value.current == first
    live.decide_phase(
        conference=conference,
        actor=cast.chair,
        decision="forward",
        to_phase="stable_safety",
        reason="Veilig.",
        seen=live.decision_seen(first),
    )
    assert PhaseDecision.objects.get().decision == "forward"


def test_closing_from_recovery_needs_a_closure_plan(cast):
    c = fresh(make_conference(cast.case, cast.chair, phase=Phase.RECOVERY))
    with pytest.raises(ValidationError) as refused:
        live.decide_phase(conference=c, actor=cast.chair, decision="close", reason="Het gaat goed.")
    assert "closure_plan" in refused.value.error_dict
    live.decide_phase(
        conference=c,
        actor=cast.chair,
        decision="close",
        reason="Het gaat goed.",
        closure_plan="Bij nieuwe zorgen belt de huisarts Veilig Thuis.",
    )
    assert CollaborationAgreement.objects.get(conference=c).closure_plan.startswith("Bij nieuwe zorgen")
    assert live.current_phase(cast.case) == Phase.RECOVERY


def test_plan_action_in_one_step_with_nudges(cast, conference):
    membership = cast.case.team.get(user=cast.member)
    top = live.choose_top_item(conference=conference, actor=cast.chair, rank=1, text="Kinderen zien het geweld.")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    bare = live.add_plan_action(
        conference=conference,
        actor=cast.member,
        owner=membership,
        what="Overleg met school.",
        due_on=tomorrow,
        towards="professionals",
    )
    assert (bare.owner, bare.owner_organisation, bare.case) == (cast.member, membership.organisation, cast.case)
    hints = live.plan_hints([bare])
    assert len(hints) == 2  # no reason, nothing towards the family
    answered = live.add_plan_action(
        conference=conference,
        actor=cast.member,
        owner=membership,
        answers=top,
        what="Gesprek met moeder over veiligheidsplan.",
        due_on=tomorrow,
    )
    assert live.plan_hints([answered]) == []
    with pytest.raises(ValidationError):
        live.add_plan_action(
            conference=conference,
            actor=cast.member,
            owner=membership,
            what="Te laat.",
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    former = cast.case.team.get(user=cast.former)
    with pytest.raises(ValidationError):  # only current team members own actions
        live.add_plan_action(conference=conference, actor=cast.member, owner=former, what="x", due_on=tomorrow)
    assert PlanAction.objects.count() == 2


def test_bottom_line_needs_guardian_and_breach_step(cast, conference):
    guardian = cast.case.team.get(user=cast.director, role="case_director")
    line = live.add_bottom_line(
        conference=conference,
        actor=cast.member,
        text="Geen alcohol in huis.",
        guardian=guardian,
        on_breach="Opschalen naar de officier.",
        how_we_know="Huisbezoek wekelijks.",
    )
    assert (line.guardian, line.guardian_organisation) == (cast.director, guardian.organisation)
    with pytest.raises(ValidationError) as refused:
        live.add_bottom_line(conference=conference, actor=cast.member, text="x", guardian=guardian, on_breach="")
    assert "on_breach" in refused.value.error_dict


def test_agreement_conditional_update(cast, conference):
    first = live.save_agreement(conference=conference, actor=cast.member, seen_version=0, timeline="Zes weken.")
    assert first.version == 1
    with pytest.raises(live.Conflict) as conflict:  # the director also started from "no agreement yet"
        live.save_agreement(conference=conference, actor=cast.director, seen_version=0, timeline="Drie maanden.")
    assert conflict.value.current.timeline == "Zes weken."
    second = live.save_agreement(
        conference=conference,
        actor=cast.director,
        seen_version=1,
        timeline="Zes weken!",
        keep_informed="Wekelijks mailen.",
    )
    assert second.version == 2
    with pytest.raises(live.Conflict):
        live.save_agreement(conference=conference, actor=cast.member, seen_version=1, timeline="Oud.")
    assert CollaborationAgreement.objects.get().timeline == "Zes weken!"


def test_schedule_next_meeting(cast, conference):
    when = timezone.now() + datetime.timedelta(days=42)
    live.decide_phase(
        conference=conference, actor=cast.chair, decision="forward", to_phase="stable_safety", reason="Veilig."
    )
    following = live.schedule_next(conference=conference, actor=cast.chair, starts_at=when, goal="Evaluatie.")
    assert (following.case, following.phase, following.state) == (cast.case, Phase.STABLE_SAFETY, "planned")
    assert list(following.parts.values_list("kind", flat=True)) == [PartKind.WHOLE]
    assert CollaborationAgreement.objects.get(conference=conference).next_conference == following
    with pytest.raises(ValidationError):
        live.schedule_next(conference=conference, actor=cast.chair, starts_at=timezone.now(), goal="Gisteren.")


def test_notes_and_their_versions(cast):
    c = fresh(make_conference(cast.case, cast.chair, [cast.member], parts=(PartKind.CLOSED, PartKind.OPEN)))
    closed = c.parts.get(kind=PartKind.CLOSED)
    note = live.add_note(conference=c, actor=cast.member, part=closed, step="picture", text="OM: zaak loopt.")
    assert (note.source_organisation, note.version) == (cast.member.organisation, 1)
    changed = live.update_note(note=note, actor=cast.chair, seen_version=1, text="OM: zitting in mei.")
    assert changed.version == 2
    with pytest.raises(live.Conflict) as conflict:
        live.update_note(note=note, actor=cast.member, seen_version=1, text="Mijn versie.")
    assert conflict.value.current.text == "OM: zitting in mei."
    other = make_conference(cast.case, cast.chair)
    with pytest.raises(ValidationError):  # a part of another meeting
        live.add_note(conference=c, actor=cast.member, part=other.parts.first(), step="picture", text="x")
    assert ConferenceNote.objects.get().text == "OM: zitting in mei."


def test_every_write_is_audited_and_bumps_the_revision(cast, conference):
    before = AuditEvent.objects.count()
    live.add_contribution(conference=conference, actor=cast.member, kind="worry", text="Zorg.")
    live.submit_score(conference=conference, actor=cast.member, value=6, justification="Middel.")
    live.save_agreement(conference=conference, actor=cast.member, seen_version=0, timeline="Kort.")
    events = list(AuditEvent.objects.order_by("pk")[before:])
    assert [e.object_type for e in events] == ["contribution", "scaling_score", "agreement"]
    assert {e.action for e in events} == {"create", "update"}
    assert all(e.household_id == str(cast.case.household.public_id) and e.purpose == "overleg" for e in events)
    assert fresh(conference).live_revision == 3


def test_a_refused_write_leaves_no_trace(cast, conference):
    before = (AuditEvent.objects.count(), fresh(conference).live_revision)
    with pytest.raises(live.Conflict):
        live.save_agreement(conference=conference, actor=cast.member, seen_version=5, timeline="x")
    assert (AuditEvent.objects.count(), fresh(conference).live_revision) == before


def test_owner_and_guardian_choices_list_each_person_once(cast, conference):
    """An older double membership (from before add_team_member refused one) lists the person once."""
    from ineen.cases.enums import TeamRole
    from ineen.cases.models import TeamMembership
    from ineen.conferences import live_forms, live_state

    TeamMembership.objects.create(
        case=cast.case,
        user=cast.member,
        organisation=cast.member.organisation,
        role=TeamRole.PROFESSIONAL,
        added_by=cast.chair,
    )
    team = live_state.team(conference)
    assert [m.user for m in team].count(cast.member) == 1
    labels = [label for _value, label in live_forms.PlanActionForm(team=team).fields["owner"].choices]
    assert sum(cast.member.get_full_name() in label for label in labels) == 1
    guardians = [label for _value, label in live_forms.BottomLineForm(team=team).fields["guardian"].choices]
    assert sum(cast.member.get_full_name() in label for label in guardians) == 1
