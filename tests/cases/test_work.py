"""Mijn werk items of the cases context (cases/work.py): right items, fixed query count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ineen.cases import actions, direction
from ineen.cases.models import ClosurePlan
from ineen.cases.work import work_items
from tests.factories import CLOSURE_PLAN, active_case, refer


def _world(cast, n):
    for i in range(n):
        case = active_case(cast.chair, cast.member, cast.director, name=f"Gezin {i}")
        if i % 2:
            direction.write_handover(case=case, actor=cast.director, note="Overdracht.")
            actions.assign_case_director(case=case, director=cast.expert, actor=cast.chair)
        else:
            actions.close_case(case=case, actor=cast.chair, reason="Klaar.", plan=CLOSURE_PLAN)
        refer(cast.member, cast.house, name=f"Wachtend {i}")
    ClosurePlan.objects.update(followup_due_on=timezone.localdate())


def _count(user):
    user.__dict__.pop("_ineen_roles", None)  # policy caches roles on the user: count a fresh request
    with CaptureQueriesContext(connection) as queries:
        items = work_items(user)
    return len(queries), items


def test_items_and_a_fixed_query_count(cast):
    _world(cast, 5)
    few = {who: _count(getattr(cast, who))[0] for who in ("chair", "expert", "director", "outsider")}
    _, items = _count(cast.expert)
    assert {i.section for i in items} == {"handovers"} and len(items) == 2
    _, items = _count(cast.chair)
    # referrals waiting for triage are listed by ineen/web/my_work.py (triage_items), not twice
    assert {i.section for i in items} == {"closures"}
    assert not _count(cast.outsider)[1]
    _world(cast, 35)
    many = {who: _count(getattr(cast, who))[0] for who in ("chair", "expert", "director", "outsider")}
    assert many == few
