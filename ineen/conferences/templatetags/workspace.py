"""Template helpers of the live workspace."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def oob(context, region):
    """` data-hx-swap-oob="true"` on a region when the response updates several regions at once (poll, or
    an action's answer) and this region is not the one the request itself targets."""
    if context.get("oob") and context.get("main_region") != region:
        return mark_safe(' data-hx-swap-oob="true"')
    return ""
