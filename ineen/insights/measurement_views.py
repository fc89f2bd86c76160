"""The repeated measurement page of a case's household (issue 13, point 1). Thin: policy, compute, render."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ineen.access import policy

from . import measurement as m
from .measurement_chart import chart, style

READ = "get_case: chair of the house or active team member; other cases of the household through cases_for_user"


@require_GET
@login_required
@policy.access_rule(READ)
def case_measurements(request, public_id):
    access = policy.get_case(request, public_id, purpose=m.PURPOSE)
    data = m.measurement(access)
    for series in data["series"]:
        series.chart = chart(series)
        for rater in series.raters:
            rater.colour, rater.shape = style(rater)
    return render(
        request,
        "insights/measurement.html",
        {
            **data,
            "access": access,
            "household": access.household,
            "relation": access.relation,
            "start_definition": m.START_DEFINITION,
        },
    )
