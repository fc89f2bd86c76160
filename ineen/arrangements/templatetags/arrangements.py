"""Two small blocks other pages show: the partners' catalogue beside the brainstorm, and the arrangement's
missing mandatory elements on the plan. Each costs one or two queries, only where it is included."""

from django import template

from ineen.access import policy

from ..actions import missing_mandatory
from ..models import PartnerOffer

register = template.Library()


@register.inclusion_tag("arrangements/_catalogue_brainstorm.html")
def partner_catalogue(case):
    """The active offers of the case's safety house (no case data), for the brainstorm to draw on."""
    offers = list(
        PartnerOffer.objects.filter(safety_house_id=case.safety_house_id, active=True).select_related("organisation")
    )
    return {"offers": offers}


@register.inclusion_tag("arrangements/_missing.html")
def arrangement_missing(case, user, relation):
    """The mandatory elements of the case's profile missing from the plan; a link to propose them for the
    chair and the case director."""
    return {
        "case": case,
        "missing": missing_mandatory(case),
        "may_set": policy.may_set_profile(user, case, relation),
    }
