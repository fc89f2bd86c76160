"""`{% case_escalations case relation as esc %}`: what the plan page shows of escalation, for a case the page
already loaded through the access policy (its read is audited there). One query. The bottom lines' breaches
(count, last date, the link to record one) show in the plan page's own bottom-line section."""

from django import template

from ineen.access import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def case_escalations(context, case, relation):
    user = context["request"].user
    return {
        "escalations": list(case.escalations.order_by("-raised_at", "-pk")),
        "may_raise": policy.may_raise_escalation(user, case, relation),
    }
