"""Repeated measurement and timeline (issue 13, points 1 and 2): figures on a hand-made fixture, refusals,
the voice rule for members' own scores, closed parts, and the query budget."""

import pytest
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.cases.models import Case
from ineen.conferences.models import Invitation
from ineen.guide.enums import Scale

from ..web.test_queries import MAX_QUERIES, queries
from .scenario import HIDDEN_INCIDENT_TYPE, measured

pytestmark = pytest.mark.django_db


def _url(cast, name):
    return reverse(f"insights:{name}", args=[cast.case.public_id])


def _access(cast, user):
    from ineen.access import policy
    from ineen.access.actor import Actor

    return policy.get_case(Actor.system(user, channel="cli"), cast.case.public_id, purpose="test")


def test_figures(cast):
    s = measured(cast)
    from ineen.insights.measurement import measurement

    data = measurement(_access(cast, cast.chair))
    immediate = next(x for x in data["series"] if x.scale == Scale.IMMEDIATE_SAFETY)
    stable = next(x for x in data["series"] if x.scale == Scale.STABLE_SAFETY)
    # Two meetings on immediate safety: director 2 -> 5, member 7 -> 6, chair 4 -> 5; spread 5 then 1.
    # The third meeting (stable safety) has only Anna's own-safety answer on this scale.
    assert [(r.lowest, r.highest, r.spread, r.flagged) for r in immediate.rows] == [
        (2, 7, 5, True),
        (5, 6, 1, False),
        (None, None, None, False),
    ]
    assert immediate.flagged_count == 1
    names = [r.name for r in immediate.raters]
    assert names[-1] == "Anna" and len(names) == 4
    # Anna answers "own safety", shown with both safety scales (a member's own score is never in the spread).
    assert [row.cells[-1].value for row in immediate.rows] == [3, 5, 7]
    assert [row.cells[-1].value for row in stable.rows] == [3, 5, 7]
    assert [(r.lowest, r.highest, r.flagged) for r in stable.rows] == [(None, None, False)] * 2 + [(7, 8, False)]
    # Recurrence: incidents after the first held meeting (90 days ago): 70, 45 and 10 days ago; the
    # source-only one of the OM is not readable for the chair's organisation either, so not counted.
    assert data["recurrence"] == 3
    assert [o.new_incidents for o in data["occasions"]] == [0, 1, 1]
    assert data["recurrence_after_last"] == 1
    assert s.om_org.name in data["withheld"]
    assert [o.decision_label for o in data["occasions"]][1].startswith("Door")
    assert data["occasions"][1].to_phase_label == "Risicogestuurde zorg"


def test_expert_sees_only_scores_said_at_the_table(cast):
    measured(cast)
    from ineen.insights.measurement import measurement

    data = measurement(_access(cast, cast.expert))
    immediate = next(x for x in data["series"] if x.scale == Scale.IMMEDIATE_SAFETY)
    # The second meeting's own score came from a preparation talk: not for the expert pool.
    assert [row.cells[-1].value if row.cells[-1] else None for row in immediate.rows] == [3, None, 7]
    assert not data["members_beyond_table"]


def test_pages_render_for_team(cast, login):
    measured(cast)
    client = login(cast.member)
    page = client.get(_url(cast, "measurements")).content.decode()
    assert 'role="img"' in page and "<desc" in page and "grote spreiding" in page
    assert "Hoe veilig voelt u zich?" in page
    timeline = client.get(_url(cast, "timeline")).content.decode()
    assert "<ol" in timeline and "<time" in timeline
    assert "Contactverbod" in timeline and "Fasebesluit" in timeline


def test_outsider_gets_404_and_audit(cast, login):
    measured(cast)
    client = login(cast.outsider)
    for name in ("measurements", "timeline"):
        before = AuditEvent.objects.filter(outcome="denied").count()
        assert client.get(_url(cast, name)).status_code == 404
        assert AuditEvent.objects.filter(outcome="denied").count() == before + 1


def test_reads_are_audited(cast, login):
    measured(cast)
    client = login(cast.member)
    client.get(_url(cast, "timeline"))
    client.get(_url(cast, "measurements"))
    purposes = set(AuditEvent.objects.filter(object_id=str(cast.case.public_id)).values_list("purpose", flat=True))
    assert {"tijdlijn", "herhaalde meting"} <= purposes


def test_governed_incident_invisible(cast, login):
    s = measured(cast)
    page = login(cast.member).get(_url(cast, "timeline")).content.decode()
    assert HIDDEN_INCIDENT_TYPE not in page
    assert s.om_org.name in page  # the covenant's signal names the source
    assert page.count("Incident:") == 4


def test_closed_part_hidden_from_member_not_from_director(cast, login):
    s = measured(cast)
    page = login(cast.member).get(_url(cast, "timeline")).content.decode()
    assert "Olaf" not in page
    assert "wie hier aan tafel zat, ziet alleen" in page
    page = login(cast.director).get(_url(cast, "timeline")).content.decode()
    assert "Olaf Officier" in page
    # The prosecutor, invited to the closed part, sees it.
    from ineen.cases import actions
    from ineen.cases.enums import TeamRole

    actions.add_team_member(case=cast.case, user=s.om, role=TeamRole.EXPERT, actor=cast.chair)
    page = login(s.om).get(_url(cast, "timeline")).content.decode()
    assert "Olaf Officier" in page


def test_timeline_filter_by_kind(cast, login):
    measured(cast)
    page = login(cast.member).get(_url(cast, "timeline") + "?soort=incident&soort=onzin").content.decode()
    assert "Fasebesluit:" not in page and page.count("Incident:") == 4


@pytest.mark.parametrize("name", ["measurements", "timeline"])
def test_query_budget_constant(cast, login, name):
    s = measured(cast)
    client = login(cast.director)
    client.get(_url(cast, name))
    few, _sql = queries(client, _url(cast, name))
    # Three more meetings (with their invitations and scores) cost no more queries.
    from .scenario import measured as again

    again(cast, om=s.om)
    assert Invitation.objects.filter(conference__case=cast.case).count() > 3 * len(s.conferences)
    many, sql = queries(client, _url(cast, name))
    assert few == many, sql
    assert many <= MAX_QUERIES, sql


def test_other_case_of_household(cast, login):
    """A later case of the same household, in which the director is also team: its meetings are shown
    on the earlier case's measurement page too, and that read is audited as a read of the later case."""
    measured(cast)
    later = Case.objects.create(
        reference="LATER-1", safety_house=cast.case.safety_house, household=cast.case.household, state="active"
    )
    from ineen.cases import actions

    actions.add_team_member(case=later, user=cast.director, role="professional", actor=cast.chair)
    login(cast.director).get(_url(cast, "measurements"))
    assert AuditEvent.objects.filter(object_id=str(later.public_id), purpose="herhaalde meting").exists()


def test_demo_shows_a_trend(db, login, settings):
    """seed_demo: casusregisseur@'s case has a trend over three or more held meetings, a flagged spread,
    a phase movement and recurrence, and both pages render for the case director."""
    from django.core.management import call_command

    from ineen.accounts.models import User
    from ineen.conferences.models import Conference
    from ineen.insights.demo import GOAL

    settings.INEEN_DEMO = True
    call_command("seed_demo", "--quiet-accounts")
    director = User.objects.get(email="casusregisseur@ineen.example")
    case = Conference.objects.filter(goal=GOAL).select_related("case").first().case
    from ineen.access import policy
    from ineen.access.actor import Actor
    from ineen.insights.measurement import measurement

    data = measurement(policy.get_case(Actor.system(director, channel="cli"), case.public_id, purpose="test"))
    immediate = next(x for x in data["series"] if x.scale == Scale.IMMEDIATE_SAFETY)
    assert len([o for o in data["occasions"] if o.held and o.revealed]) >= 3
    assert immediate.flagged_count >= 1 and data["recurrence"] >= 1
    assert any(o.to_phase_label for o in data["occasions"])
    client = login(director)
    for name in ("measurements", "timeline"):
        assert client.get(reverse(f"insights:{name}", args=[case.public_id])).status_code == 200
