"""The case endpoints: read-only, every one through the access policy (ineen/access/policy.py).

- the list is `policy.cases_for_user`, narrowed by the HTML list's own search (`cases.search`); its
  count is a count of that queryset; the rows on the page are audited like the HTML list;
- everything of one case is loaded with `policy.get_case`, which checks the relation and writes the
  read event (or raises NotVisible: 404, audited by errors.py);
- governed items are `policy.visible_items`; the rest yields only the names of source organisations.
"""

from uuid import UUID

from django.db.models import Prefetch
from ninja import Query, Router
from ninja.pagination import paginate

from ineen.access import policy
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.search import search_cases
from ineen.households.models import IncidentInvolvement
from ineen.plans import actions as plan_actions
from ineen.plans import queries as plan_queries

from .pagination import GovernedPage, Listing, Page
from .schemas import (
    AttachmentOut,
    CaseDetailOut,
    CaseFilter,
    CaseOut,
    ErrorOut,
    IncidentOut,
    InvalidOut,
    NoteOut,
    PlanOut,
)

router = Router(tags=["casussen"])

READ = "get_case: chair of the house or active team member"
GOVERNED = READ + "; governed items through policy.visible_items, the rest only as source organisations"
ERRORS = {400: InvalidOut, 401: ErrorOut, 404: ErrorOut}


def governed(access, queryset) -> Listing:
    """The case's governed items split by the policy (one query over all of them, not only the page's):
    the readable ones are listed; the rest yields only the names of their source organisations."""
    split = access.split(queryset)
    withheld = [
        {"organisation": name, "message": f"Informatie beschikbaar — neem contact op met {name}."}
        for name in split.withheld_names
    ]
    return Listing(split.readable, extra={"withheld": withheld})


@router.get("/cases", response={200: list[CaseOut], **ERRORS}, url_name="cases", summary="De casussen die u mag zien")
@paginate(Page)
@policy.access_rule("cases_for_user (search as the HTML case list)")
def cases(request, filters: Query[CaseFilter]):
    q = filters.q.strip()
    visible = policy.cases_for_user(request.user).select_related("household", "safety_house")
    few = policy.sees_few_cases(request.user)
    found = search_cases(visible, q, state=filters.status or "", route=filters.route or "", few=few)

    def audit(page):
        # As the HTML list: one event per request naming the cases that were shown.
        events.record(
            actor=policy.Actor.from_request(request),
            action=Action.SEARCH if q else Action.LIST,
            purpose="casusoverzicht",
            subject=Subject("case_list"),
            detail=",".join(case.reference for case in page),
        )

    return Listing(found, on_page=audit)  # ordered by search_cases: newest first, or best match first


@router.get(
    "/cases/{public_id}",
    response={200: CaseDetailOut, **ERRORS},
    url_name="case_detail",
    summary="Eén casus met het huishouden",
)
@policy.access_rule(READ)
def case_detail(request, public_id: UUID):
    access = policy.get_case(request, public_id, purpose="casusoverzicht")
    case, relation = access.case, access.relation
    case.relation = relation
    # Members added through a later case of the household are not shown through this one.
    case.members = list(policy.household_records(case, case.household.members.all()))
    return case


@router.get(
    "/cases/{public_id}/notes",
    response={200: list[NoteOut], **ERRORS},
    url_name="case_notes",
    summary="Notities die u mag lezen; van de rest alleen welke organisatie ze heeft",
)
@paginate(GovernedPage)
@policy.access_rule(GOVERNED)
def case_notes(request, public_id: UUID):
    access = policy.get_case(request, public_id, purpose="notities")
    case, _relation = access.case, access.relation
    return governed(access, case.notes.select_related("author", "source_organisation"))


@router.get(
    "/cases/{public_id}/incidents",
    response={200: list[IncidentOut], **ERRORS},
    url_name="case_incidents",
    summary="Incidenten die u mag lezen; van de rest alleen welke organisatie ze heeft",
)
@paginate(GovernedPage)
@policy.access_rule(GOVERNED)
def case_incidents(request, public_id: UUID):
    access = policy.get_case(request, public_id, purpose="incidenten")
    case, _relation = access.case, access.relation
    incidents = (
        policy.household_records(case, case.household.incidents.all())
        .select_related("source_organisation")
        .prefetch_related(Prefetch("involvements", queryset=IncidentInvolvement.objects.select_related("person")))
        .order_by("-date", "-pk")
    )
    return governed(access, incidents)


@router.get(
    "/cases/{public_id}/attachments",
    response={200: list[AttachmentOut], **ERRORS},
    url_name="case_attachments",
    summary="Bijlagen die u mag openen (gegevens, met de downloadlink); van de rest alleen de organisatie",
)
@paginate(GovernedPage)
@policy.access_rule(GOVERNED)
def case_attachments(request, public_id: UUID):
    access = policy.get_case(request, public_id, purpose="bijlagen")
    case, _relation = access.case, access.relation
    return governed(access, case.attachments.select_related("uploaded_by", "source_organisation", "case"))


@router.get(
    "/cases/{public_id}/plan",
    response={200: PlanOut, **ERRORS},
    url_name="case_plan",
    summary="Het plan: acties en bodemeisen",
)
@policy.access_rule(READ)
def case_plan(request, public_id: UUID):
    access = policy.get_case(request, public_id, purpose=plan_actions.PURPOSE)
    case, _relation = access.case, access.relation
    open_actions, other_actions = plan_queries.actions(case)
    return {
        "case": case.public_id,
        "reference": case.reference,
        "actions": open_actions + other_actions,
        "bottom_lines": plan_queries.bottom_lines(case),
    }
