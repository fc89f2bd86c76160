"""Searching and filtering the case list: one implementation for the HTML list and the API.

The caller passes the cases the user may see (`policy.cases_for_user`), so a search can only narrow
what the access policy already allows; counts taken from the result are counts of visible cases."""

from django.db.models import Exists, Q, QuerySet

from .enums import CaseState, Route
from .models import Case

# Longer search terms are cut off by the HTML list and refused by the API.
MAX_QUERY_LENGTH = 100


def search_cases(cases: QuerySet[Case], q: str = "", *, state: str = "", route: str = "") -> QuerySet[Case]:
    """Narrow `cases` to those whose reference, household name or a member's name contains `q`, and to
    the given state and route. Unknown states and routes are ignored (no filter), like an empty `q`.
    NUL characters are dropped: PostgreSQL refuses them in a query (a 500 instead of an answer)."""
    q = q.replace("\x00", "").strip()
    if q:
        from ineen.access import policy
        from ineen.households.models import Person

        # A member's name finds a case only when the member is shown through that case: a member added
        # through a later case of the household does not lead the earlier team to it (docs/privacy.md,
        # "Households with several cases").
        named = Person.objects.filter(policy.household_scope_outer_q()).filter(
            Q(first_name__icontains=q) | Q(last_name__icontains=q)
        )
        cases = cases.filter(Q(reference__icontains=q) | Q(household__name__icontains=q) | Exists(named))
    if state in CaseState.values:
        cases = cases.filter(state=state)
    if route in Route.values:
        cases = cases.filter(route=route)
    return cases
