"""Searching and filtering the case list: one implementation for the HTML list and the API.

The caller passes the cases the user may see (`policy.cases_for_user`), so a search can only narrow
what the access policy already allows; counts taken from the result are counts of visible cases.

Shaped for national scale (issue 12; docs/architecture.md, "Search and lists"): the matching cases are
one set of ids (a UNION of a reference match, a household-name match and a member-name match), each
part served by a trigram index on PostgreSQL (`UPPER(..) LIKE '%term%'` and the word-similarity
operator both use the GIN `gin_trgm_ops` indexes of migrations cases 0007 / households 0007); the
visible cases are then narrowed to that set. No join of cases, households and members, no DISTINCT.
On PostgreSQL a name is also found with a typo or another spelling (Jansen/Janssen, Mohamed/Mohammed),
and the best matches come first; elsewhere (SQLite) the search is the plain substring match."""

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Exists, F, FloatField, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Upper

from ineen.access.sql import InSubquery

from .enums import CaseState, Route
from .models import Case

# Longer search terms are cut off by the HTML list and refused by the API.
MAX_QUERY_LENGTH = 100
# Shorter terms are matched as substrings only: two letters are too few trigrams to say "similar".
FUZZY_MIN_LENGTH = 3
NEWEST_FIRST = ("-opened_at", "-pk")


def _name_q(field: str, q: str, fuzzy: bool) -> Q:
    """`field` contains `q` (any case), or on PostgreSQL has a word like `q` (pg_trgm word similarity,
    threshold pg_trgm.word_similarity_threshold, 0.6 by default). Both are written on UPPER(field), the
    expression the trigram index is built on (trigrams ignore case, so similarity is unchanged)."""
    match = Q(**{f"{field}__icontains": q})
    if fuzzy:
        match |= Q(TrigramWordSimilar(Upper(field), q))
    return match


def _similarity(field: str, q: str) -> TrigramWordSimilarity:
    return TrigramWordSimilarity(q, Upper(field))


def search_cases(
    cases: QuerySet[Case], q: str = "", *, state: str = "", route: str = "", few: bool = False
) -> QuerySet[Case]:
    """Narrow `cases` to those whose reference, household name or a member's name contains `q`, and to
    the given state and route. Unknown states and routes are ignored (no filter), like an empty `q`.
    NUL characters are dropped: PostgreSQL refuses them in a query (a 500 instead of an answer).
    Ordered newest first; with a term on PostgreSQL the closest matches first.

    `few` (policy.sees_few_cases: no chair role): the candidates are looked for among the households of the
    visible cases only, so the search costs what the user may see (tens of cases) instead of a trigram match
    over every household in the country. For a chair (a whole house) the trigram indexes are the cheaper
    way in. Either way the result is `cases` narrowed: the narrowing is only about cost."""
    q = q.replace("\x00", "").strip()
    if state in CaseState.values:
        cases = cases.filter(state=state)
    if route in Route.values:
        cases = cases.filter(route=route)
    if not q:
        return cases.order_by(*NEWEST_FIRST)
    from ineen.access import policy
    from ineen.households.models import Household, Person

    fuzzy = connections[cases.db].vendor == "postgresql" and len(q) >= FUZZY_MIN_LENGTH
    households = Household.objects.all()
    people = Person.objects.all()
    by_reference = Case.objects.filter(reference__icontains=q)
    if few:
        visible_households = cases.order_by().values("household_id")
        households = households.filter(InSubquery("pk", visible_households))
        people = people.filter(InSubquery("household_id", visible_households))
        by_reference = cases.filter(reference__icontains=q)
    by_reference = by_reference.order_by().values("pk")
    households = households.filter(_name_q("name", q, fuzzy)).order_by().values("pk")
    by_household = Case.objects.filter(InSubquery("household_id", households)).order_by().values("pk")
    # A member's name finds a case only when the member is shown through that case: a member added
    # through a later case of the household does not lead the earlier team to it (docs/privacy.md,
    # "Households with several cases").
    named = people.filter(_name_q("first_name", q, fuzzy) | _name_q("last_name", q, fuzzy))
    # The matching members' households first (the trigram index, then cases by household), the scope rule
    # only for those cases: a bare EXISTS let the planner walk every case and look for members.
    by_member = (
        Case.objects.filter(InSubquery("household_id", named.order_by().values("household_id")))
        .filter(Exists(named.filter(policy.household_scope_outer_q())))
        .order_by()
        .values("pk")
    )
    found = cases.filter(InSubquery("pk", by_reference.union(by_household, by_member)))
    if not fuzzy:
        return found.order_by(*NEWEST_FIRST)
    # Rank: the best word similarity of the reference, the household's name or a member shown through the
    # case. Computed for the found cases only.
    member_rank = (
        Person.objects.filter(policy.household_scope_outer_q())
        .annotate(rank=Greatest(_similarity("first_name", q), _similarity("last_name", q)))
        .order_by("-rank")
        .values("rank")[:1]
    )
    rank = Greatest(
        _similarity("reference", q),
        _similarity("household__name", q),
        Coalesce(Subquery(member_rank, output_field=FloatField()), Value(0.0)),
    )
    return found.annotate(rank=rank).order_by(F("rank").desc(), *NEWEST_FIRST)


class CasePaginator(Paginator):
    """A paginator whose page is chosen on ids and then loaded: the database sorts and skips narrow
    (id, opened_at[, rank]) rows and joins the household and house for the 25 rows shown only. Sorting
    the joined wide rows to reach page 500 spilled to disk at region scale (issue 12). The rows are then
    loaded by primary key, without running the visibility filter and the search a second time; the ids
    come from the visible, searched queryset, so nothing else can appear. Same pages, same order."""

    def _get_page(self, object_list, number, paginator):
        ids = list(object_list.values_list("pk", flat=True))
        rows = self.object_list.model._default_manager.filter(pk__in=ids).order_by()
        rows.query.select_related = self.object_list.query.select_related
        by_id = {row.pk: row for row in rows}
        return super()._get_page([by_id[pk] for pk in ids if pk in by_id], number, paginator)
