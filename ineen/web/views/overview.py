"""The case's household pages: 'Huishouden en veiligheid', 'Hulpverlening en maatregelen' and 'Bijlagen'.

The case file is split over three pages (overview, household, services) so that each stays within the
query budget of QUALITY.md (<= 15 per page) and each loads only what it shows."""

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.households.enums import LifeDomain
from ineen.households.models import IncidentInvolvement
from ineen.privacy.models import Dispute


def _governed(user, querysets):
    """Split governed items into what the user may read and the names of organisations holding more."""
    visible, withheld = {}, set()
    for name, queryset in querysets.items():
        split = policy.split(user, queryset)
        visible[name] = split.readable
        withheld |= set(split.withheld_names)
    return visible, sorted(withheld)


def _common(request, case, relation):
    return {
        "case": case,
        "relation": relation,
        "household": case.household,
        "may_edit": policy.may_edit_household(request.user, case, relation),
        "may_manage_privacy": policy.may_manage_privacy(request.user, case, relation),
        "may_dispute": policy.may_raise_dispute(request.user, case, relation),
    }


@require_GET
@login_required
@policy.access_rule("get_case: chair of the house or active team member; governed items filtered")
def case_household(request, public_id):
    access = policy.get_case(request, public_id, purpose="huishouden")
    case, relation = access.case, access.relation
    household = case.household
    # Household records: only those recorded in this case or an earlier one of the household
    # (policy.household_records), then the item rules; the same for members.
    scoped = policy.household_records
    visible, withheld = _governed(
        request.user,
        {
            "life_domains": scoped(case, household.life_domains.select_related("source_organisation", "person")),
            "incidents": scoped(
                case,
                household.incidents.prefetch_related(
                    Prefetch("involvements", queryset=IncidentInvolvement.objects.select_related("person"))
                ).select_related("source_organisation"),
            ),
            "strengths": scoped(case, household.strengths.select_related("person", "source_organisation")),
            "notes": case.notes.select_related("author", "source_organisation"),
        },
    )
    # `guarded`: a link to the confidential addresses this user guards.
    # `household_disputed`: does the household have any dispute at all? Folded into the members query, so the
    # disputes themselves are only looked up when there are some (the page's query budget).
    members = list(
        policy.with_guardianship(request.user, scoped(case, household.members.all()), relation).annotate(
            household_disputed=Exists(Dispute.objects.filter(case__household_id=household.pk))
        )
    )
    policy.earlier_case_labels(case, [*members, *visible["life_domains"], *visible["incidents"], *visible["strengths"]])
    # Members' disputes and how far each item is confirmed (privacy/_item_trust.html): one query.
    policy.attach_disputes(
        [*visible["life_domains"], *visible["incidents"], *visible["strengths"], *visible["notes"]],
        lookup=any(m.household_disputed for m in members),
    )
    by_domain = {}
    for assessment in visible["life_domains"]:
        by_domain.setdefault(assessment.domain, []).append(assessment)
    return render(
        request,
        "web/case_household.html",
        {
            **_common(request, case, relation),
            "members": members,
            "life_domain_rows": [(value, label, by_domain.get(value, [])) for value, label in LifeDomain.choices],
            "incidents": visible["incidents"],
            "strengths": visible["strengths"],
            "notes": visible["notes"],
            "withheld": withheld,
            "may_manage_client_access": policy.may_manage_client_access(request.user, case, relation),
        },
    )


@require_GET
@login_required
@policy.access_rule("get_case: chair of the house or active team member; governed items filtered")
def case_services(request, public_id):
    access = policy.get_case(request, public_id, purpose="hulpverlening en maatregelen")
    case, relation = access.case, access.relation
    household = case.household
    scoped = policy.household_records
    visible, withheld = _governed(
        request.user,
        {
            "measures": scoped(case, household.measures.select_related("person", "source_organisation")),
        },
    )
    services = list(scoped(case, household.services.select_related("organisation", "person")))
    other_tables = list(scoped(case, household.other_tables.all()))
    policy.earlier_case_labels(case, [*visible["measures"], *services, *other_tables])
    policy.attach_disputes(visible["measures"])
    return render(
        request,
        "web/case_services.html",
        {
            **_common(request, case, relation),
            "measures": visible["measures"],
            "withheld": withheld,
            "services": services,
            "other_tables": other_tables,
        },
    )


@require_GET
@login_required
@policy.access_rule("get_case: chair of the house or active team member; governed items filtered")
def case_attachments(request, public_id):
    access = policy.get_case(request, public_id, purpose="bijlagen")
    case, relation = access.case, access.relation
    visible, withheld = _governed(
        request.user,
        {
            "attachments": case.attachments.select_related("uploaded_by", "source_organisation"),
        },
    )
    policy.attach_disputes(visible["attachments"])
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
