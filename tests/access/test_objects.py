"""The access contract's objects: what a loader returns and what it refuses (docs/architecture.md, decision 2)."""

import pytest

from ineen.access import policy
from ineen.access.actor import Actor
from ineen.audit.models import Action, AuditEvent, Outcome
from ineen.cases.models import CaseNote
from ineen.households.models import Person
from ineen.privacy.enums import Visibility

from ..factories import active_case


def _note(case, author, text, visibility=Visibility.TEAM):
    from ineen.cases import actions

    return actions.add_note(case=case, note=CaseNote(text=text, visibility=visibility), actor=author)


def test_get_case_returns_the_case_the_relation_and_an_actor_in_that_relation(cast):
    access = policy.get_case(Actor.system(cast.director, channel="job"), cast.case.public_id, purpose="test")
    assert (access.case, access.relation) == (cast.case, "case_director")
    assert (access.actor.user, access.actor.role, access.actor.channel) == (cast.director, "case_director", "job")
    event = AuditEvent.objects.filter(purpose="test").get()
    assert (event.role, event.origin_channel, event.outcome) == ("case_director", "job", Outcome.ALLOWED)


def test_a_command_or_job_is_refused_like_a_view(cast):
    with pytest.raises(policy.NotVisible) as refused:
        policy.get_case(Actor.system(cast.outsider, channel="cli"), cast.case.public_id, purpose="test")
    assert refused.value.reason == "no relation"


def test_related_loads_a_row_of_this_case_only(cast):
    other = active_case(cast.chair, cast.member, cast.director, name="Gezin Ander")
    stranger = other.household.members.first()
    access = policy.get_case(Actor.system(cast.director), cast.case.public_id, purpose="test")
    own = cast.case.household.members.first()
    assert access.related(Person, public_id=own.public_id) == own
    with pytest.raises(policy.NotVisible) as refused:
        access.related(Person, public_id=stranger.public_id, action=Action.UPDATE, purpose="gezinslid")
    error = refused.value
    assert (error.subject.object_type, error.subject.object_id, error.role) == (
        "person",
        str(stranger.public_id),
        "case_director",
    )
    # The refusal names this case's household, never the other one's.
    assert error.subject.household_id == str(cast.case.household.public_id)


def test_split_is_scoped_to_the_case_and_follows_the_reading_rule(cast):
    other = active_case(cast.chair, cast.member, cast.director, name="Gezin Ander")
    _note(cast.case, cast.member, "gedeeld")
    _note(cast.case, cast.member, "alleen de bron", visibility=Visibility.SOURCE_ONLY)
    _note(other, cast.member, "van een andere casus")
    access = policy.get_case(Actor.system(cast.director), cast.case.public_id, purpose="test")
    split = access.split(CaseNote.objects.all())
    assert [n.text for n in split.readable] == ["gedeeld"]
    assert split.withheld_names == [cast.member.organisation.name]
    assert {n.text for n in split.rows} == {"gedeeld", "alleen de bron"}


def test_predicates_answer_for_the_relation(cast):
    chair = policy.get_case(Actor.system(cast.chair), cast.case.public_id, purpose="test")
    member = policy.get_case(Actor.system(cast.member), cast.case.public_id, purpose="test")
    assert (chair.may_triage, chair.may_manage_team, chair.may_edit_household) == (True, True, True)
    assert (member.may_triage, member.may_manage_team, member.may_edit_household) == (False, False, True)


def test_a_refusal_outside_any_case_is_audited_by_the_middleware(cast, login):
    http = login(cast.manager)
    before = AuditEvent.objects.filter(outcome=Outcome.DENIED).count()
    assert http.get("/noodtoegang/overzicht/").status_code == 404
    assert AuditEvent.objects.filter(outcome=Outcome.DENIED).count() == before + 1
