"""ineen/web/batch.py: several values_list querysets read in one statement give what each gives on its own —
typed values on this backend, each part's order and limit, empty parts — in one round trip."""

import datetime as dt
import uuid

import pytest
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ineen.accounts.models import User
from ineen.cases.models import Case, TeamMembership
from ineen.plans.models import PlanAction
from ineen.web.batch import fetch

from .test_my_work import plan_rows


@pytest.fixture
def actions(cast):
    """Five actions of the member with due dates in an order unlike their primary keys."""
    today = timezone.localdate()
    made = []
    for offset in (3, -2, 7, 0, 5):
        action, _line = plan_rows(cast.case, cast.member)
        PlanAction.objects.filter(pk=action.pk).update(due_on=today + dt.timedelta(days=offset))
        made.append(action)
    return made


def _parts(cast):
    member_of = TeamMembership.objects.filter(user=OuterRef("pk"), case=cast.case)
    return [
        # uuid, str, aware datetime, None (a datetime column)
        Case.objects.order_by("-opened_at").values_list("public_id", "reference", "opened_at", "closed_at"),
        # date and int, ordered against the primary key, limited
        PlanAction.objects.order_by("-due_on", "pk").values_list("due_on", "pk")[:3],
        # booleans: a field and an EXISTS annotation; a join
        User.objects.annotate(in_team=Exists(member_of))
        .order_by("email")
        .values_list("email", "is_active", "in_team", "organisation__name"),
        PlanAction.objects.order_by("due_on").values_list("due_on", flat=True)[1:3],  # offset and limit
        Case.objects.values_list("pk", "public_id", named=True),
    ]


@pytest.mark.django_db
def test_parts_read_together_are_what_each_reads_alone(cast, actions, django_assert_num_queries):
    parts = _parts(cast)
    alone = [list(qs) for qs in _parts(cast)]
    with django_assert_num_queries(1):
        together = fetch(parts)
    assert together == alone
    cases, due, users, flat, named = together
    public_id, reference, opened_at, closed_at = cases[0]
    assert isinstance(public_id, uuid.UUID) and isinstance(reference, str)
    assert isinstance(opened_at, dt.datetime) and opened_at.tzinfo is not None and closed_at is None
    assert [type(d) for d, _pk in due] == [dt.date] * 3
    assert [d for d, _pk in due] == sorted((a.due_on for a in PlanAction.objects.all()), reverse=True)[:3]
    assert {type(active) for _e, active, _t, _o in users} == {bool}
    assert {type(in_team) for _e, _a, in_team, _o in users} == {bool}
    assert any(in_team for _e, _a, in_team, _o in users) and not all(in_team for _e, _a, in_team, _o in users)
    assert len(flat) == 2 and all(type(d) is dt.date for d in flat)
    assert named[0].pk == named[0][0] and isinstance(named[0].public_id, uuid.UUID)


@pytest.mark.django_db
def test_empty_parts(cast, actions, django_assert_num_queries):
    nothing = PlanAction.objects.none().values_list("pk", flat=True)
    no_match = PlanAction.objects.filter(pk__in=[]).values_list("pk", flat=True)  # no SQL: cannot match
    no_rows = PlanAction.objects.filter(what="bestaat niet").values_list("pk", "due_on")
    some = PlanAction.objects.order_by("pk").values_list("pk", flat=True)
    with django_assert_num_queries(1):
        assert fetch([nothing, no_rows, no_match, some]) == [[], [], [], [a.pk for a in actions]]
    with django_assert_num_queries(0):
        assert fetch([nothing, no_match]) == [[], []]
        assert fetch([]) == []
    with django_assert_num_queries(1):  # one part alone runs as itself
        assert fetch([nothing, some]) == [[], [a.pk for a in actions]]


@pytest.mark.django_db
def test_only_values_list_querysets(cast):
    with pytest.raises(TypeError):
        fetch([Case.objects.all(), Case.objects.values_list("pk")])
