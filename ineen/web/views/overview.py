"""The case's household pages: 'Huishouden en veiligheid', 'Hulpverlening en maatregelen' and 'Bijlagen'.

The case file is split over three pages (overview, household, services) so that each stays within the
query budget of QUALITY.md (<= 15 per page) and each loads only what it shows."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.households.enums import LifeDomain
from ineen.households.models import IncidentInvolvement


def _governed(user, querysets):
    """Split governed items into what the user may read and the names of organisations holding more."""
    visible, withheld = {}, set()
    for name, queryset in querysets.items():
        rows = list(queryset.annotate(_readable=policy.readable_expression(user, queryset.model)))
        visible[name] = [item for item in rows if item._readable]
        withheld |= {item.source_organisation.name for item in rows if not item._readable}
    return visible, sorted(withheld)


def _common(request, case, relation):
    return {
        "case": case,
        "relation": relation,
        "household": case.household,
        "may_edit": policy.may_edit_household(request.user, case, relation),
        "may_manage_privacy": policy.may_manage_privacy(request.user, case, relation),
    }


@require_GET
@login_required
@policy.access_rule("get_case: chair of the house or active team member; governed items filtered")
def case_household(request, public_id):
    case, relation = policy.get_case(request, public_id, purpose="huishouden")
    household = case.household
    visible, withheld = _governed(
        request.user,
        {
            "life_domains": household.life_domains.select_related("source_organisation", "person"),
            "incidents": household.incidents.prefetch_related(
                Prefetch("involvements", queryset=IncidentInvolvement.objects.select_related("person"))
            ).select_related("source_organisation"),
            "strengths": household.strengths.select_related("person", "source_organisation"),
            "notes": case.notes.select_related("author", "source_organisation"),
        },
    )
    by_domain = {}
    for assessment in visible["life_domains"]:
        by_domain.setdefault(assessment.domain, []).append(assessment)
    return render(
        request,
        "web/case_household.html",
        {
            **_common(request, case, relation),
            "members": list(household.members.all()),
            "life_domain_rows": [(value, label, by_domain.get(value, [])) for value, label in LifeDomain.choices],
            "incidents": visible["incidents"],
            "strengths": visible["strengths"],
            "notes": visible["notes"],
            "withheld": withheld,
        },
    )


@require_GET
@login_required
@policy.access_rule("get_case: chair of the house or active team member; governed items filtered")
def case_services(request, public_id):
    case, relation = policy.get_case(request, public_id, purpose="hulpverlening en maatregelen")
    household = case.household
    visible, withheld = _governed(
        request.user,
        {
            "measures": household.measures.select_related("person", "source_organisation"),
        },
    )
    return render(
        request,
        "web/case_services.html",
        {
            **_common(request, case, relation),
            "measures": visible["measures"],
            "withheld": withheld,
            "services": list(household.services.select_related("organisation", "person")),
            "other_tables": list(household.other_tables.all()),
        },
    )


@require_GET
@login_required
@policy.access_rule("get_case: chair of the house or active team member; governed items filtered")
def case_attachments(request, public_id):
    case, relation = policy.get_case(request, public_id, purpose="bijlagen")
    visible, withheld = _governed(
        request.user,
        {
            "attachments": case.attachments.select_related("uploaded_by", "source_organisation"),
        },
    )
    for attachment in visible["attachments"]:
        attachment.may_remove = policy.may_remove_attachment(request.user, attachment, relation)
    return render(
        request,
        "web/case_attachments.html",
        {
            **_common(request, case, relation),
            "attachments": visible["attachments"],
            "withheld": withheld,
        },
    )
