"""The audit log for log managers (logbeheerder): who read or changed what, in their safety house.

Reading the log is itself audited. Everyone else gets the ordinary 404 (and the denial is logged).
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.access.actor import Actor
from ineen.accounts.enums import Role
from ineen.accounts.models import RoleAssignment, SafetyHouse

from . import events
from .events import Subject
from .forms import AuditFilterForm
from .models import Action, AuditEvent

PAGE_SIZE = 50
PURPOSE = "logcontrole"
ACTIONS = {
    "view": _("bekeken"),
    "list": _("lijst bekeken"),
    "search": _("gezocht"),
    "create": _("aangemaakt"),
    "update": _("gewijzigd"),
    "delete": _("verwijderd"),
    "export": _("geëxporteerd"),
    "notify": _("bericht"),
}
OUTCOMES = {"allowed": _("toegestaan"), "denied": _("geweigerd")}


NEWEST_FIRST = ("-occurred_at", "-id")


def _events_of(house):
    """Events about this house's data, and events without a house (e.g. a refused unknown id) by users
    who hold a role in this house: the two parts, each of which the index (safety_house_code,
    -occurred_at) serves on its own."""
    has_role_here = RoleAssignment.objects.filter(user=OuterRef("actor_id"), safety_house=house)
    return (
        AuditEvent.objects.filter(safety_house_code=house.code),
        AuditEvent.objects.filter(Q(safety_house_code="") & Exists(has_role_here)),
    )


def _page_rows(house, data, page: int) -> list:
    """The rows of page `page` (and one more, to know whether there is a next page), newest first.
    On PostgreSQL: each part read newest first from the index and cut at the page's end, then merged
    (a UNION ALL). `house OR (no house AND role)` in one WHERE could use no index for the order and
    read or sorted the house's whole log (issue 12). Elsewhere: the same rows with one OR."""
    end = page * PAGE_SIZE + 1
    parts = [_filtered(part, data).order_by(*NEWEST_FIRST) for part in _events_of(house)]
    if connection.features.supports_slicing_ordering_in_compound:
        merged = parts[0][:end].union(parts[1][:end], all=True).order_by(*NEWEST_FIRST)
    else:
        merged = (parts[0] | parts[1]).order_by(*NEWEST_FIRST)
    return list(merged[(page - 1) * PAGE_SIZE : end])


def _filtered(queryset, data):
    if data.get("huishouden"):
        queryset = queryset.filter(household_id=str(data["huishouden"]))
    if data.get("wie"):
        queryset = queryset.filter(actor_label__icontains=data["wie"])
    if data.get("van"):
        queryset = queryset.filter(occurred_at__gte=timezone.make_aware(dt.datetime.combine(data["van"], dt.time.min)))
    if data.get("tot"):
        end = dt.datetime.combine(data["tot"] + dt.timedelta(days=1), dt.time.min)
        queryset = queryset.filter(occurred_at__lt=timezone.make_aware(end))
    if data.get("uitkomst"):
        queryset = queryset.filter(outcome=data["uitkomst"])
    return queryset


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("pagina", "1")), 10_000))
    except ValueError:
        return 1


@require_GET
@login_required
@policy.access_rule("may_read_audit: log manager (logbeheerder) of the safety house")
def event_list(request):
    houses = list(
        SafetyHouse.objects.filter(pk__in=policy.houses_with_role(request.user, [Role.LOG_MANAGER])).order_by("code")
    )
    if not houses or not policy.may_read_audit(request.user):
        raise policy.NotVisible(
            action=Action.LIST, subject=Subject("audit_log"), purpose=PURPOSE, reason="not a log manager"
        )
    form = AuditFilterForm(request.GET or None, houses=houses)
    if form.is_bound and not form.is_valid():
        return render(
            request, "audit/event_list.html", {"form": form, "rows": [], "house": None, "houses": houses}, status=400
        )
    data = form.cleaned_data if form.is_bound else {}
    house = next((h for h in houses if h.code == data.get("huis")), houses[0])
    page = _page_number(request)
    rows = _page_rows(house, data, page)
    has_next = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    filters = form.active_filters() if form.is_bound else {}
    events.record(
        actor=Actor.from_request(request),
        action=Action.SEARCH if filters else Action.LIST,
        purpose=PURPOSE,
        role=Role.LOG_MANAGER,
        subject=Subject("audit_log", household_id=str(filters.get("huishouden", "")), safety_house_code=house.code),
        detail="; ".join(f"{name}={value}" for name, value in filters.items()) + f"; pagina {page}; {len(rows)} regels",
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    for row in rows:
        row.action_label = ACTIONS.get(row.action, row.action)
        row.outcome_label = OUTCOMES.get(row.outcome, row.outcome)
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "rows": rows,
            "house": house,
            "houses": houses,
            "page": page,
            "has_next": has_next,
            "query": query.urlencode(),
        },
    )
