"""SQL shapes the access policy and the case search need so PostgreSQL can use its indexes.

`InSubquery(lhs, queryset)` is `lhs IN (subquery)`. On PostgreSQL it is written
`lhs = ANY(ARRAY(subquery))`: the subquery then runs once (an InitPlan) and the comparison with its
array is an index condition, which may be OR-ed with other index conditions (a BitmapOr). A plain
`IN (subquery)` under an OR becomes a filter evaluated row by row, which forces a scan of every case
in the country (issue 12). Elsewhere (SQLite) it stays the plain `IN`, with the same result.
"""

from typing import Any

from django.db.models import F, Lookup, QuerySet


class InSubquery(Lookup):
    lookup_name = "in_subquery"
    prepare_rhs = False

    def __init__(self, lhs: Any, rhs: QuerySet[Any]) -> None:
        # No ORDER BY inside: it means nothing in a set and SQLite refuses it in a UNION's subquery.
        super().__init__(F(lhs) if isinstance(lhs, str) else lhs, rhs.order_by())

    def get_prep_lookup(self) -> Any:
        return self.rhs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)
