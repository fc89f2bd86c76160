"""`{% case_escalations case relation as esc %}`: what the plan page shows of escalation, for a case the page
already loaded through the access policy (its read is audited there). Three queries."""

from django import template
from django.db.models import Count

from ineen.access import policy
from ineen.plans.models import BottomLine

register = template.Library()


@register.simple_tag(takes_context=True)
def case_escalations(context, case, relation):
    user = context["request"].user
    lines = list(BottomLine.objects.filter(case=case).annotate(breach_count=Count("breaches")).order_by("pk"))
    for line in lines:
        line.case = case  # the predicate checks the case's state: no query per row
    return {
        "escalations": list(case.escalations.order_by("-raised_at", "-pk")),
        "breached": [line for line in lines if line.breach_count],
        "may_breach": [
            line for line in lines if line.status != "ended" and policy.may_record_breach(user, line, relation)
        ],
        "may_raise": policy.may_raise_escalation(user, case, relation),
    }
