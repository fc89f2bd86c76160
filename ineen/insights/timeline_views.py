"""A family's timeline page (issue 13, point 2). Thin: policy, compute, render. The kind filter is a GET
form (works without JavaScript); unknown kinds are ignored, so a hand-typed URL shows everything."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ineen.access import policy

from . import timeline as t

READ = "get_case: chair of the house or active team member; closed and youth parts by may_see_part_attendance"


@require_GET
@login_required
@policy.access_rule(READ)
def case_timeline(request, public_id):
    access = policy.get_case(request, public_id, purpose=t.PURPOSE)
    data = t.timeline(access, request.GET.getlist("soort"))
    return render(
        request,
        "insights/timeline.html",
        {**data, "access": access, "case": access.case, "household": access.household, "relation": access.relation},
    )
