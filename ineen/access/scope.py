"""`WorkScope`: the cases one user may see, as literal ids, for a page that filters many tables by them.

`policy.cases_for_user(user)` is the one definition of which cases a user sees; as a subquery
(`case__in=cases_for_user(user)`) it is built and planned again for every list that uses it. Mijn werk
filters a dozen lists by it in one request, so `policy.work_scope(user)` reads the same set once (one query;
the user's roles are already loaded) and each list filters with `scope.case_q(...)`: the chaired houses and
the case ids as literal lists, an index condition without a subquery. Computed per request and never kept
longer: a membership that ends or an emergency access that expires counts from the next request, as with
`cases_for_user`. tests/access/test_scope.py holds it to `cases_for_user` for every kind of relation.
"""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class WorkScope:
    chaired: tuple[int, ...] = ()  # safety houses the user chairs: every case there
    case_ids: tuple[int, ...] = ()  # cases seen through a running team membership or emergency access

    def case_q(self, prefix: str = "case") -> Q:
        """Rows whose case (reached through `prefix`, e.g. "case" or "conference__case"; "" for Case
        itself) the user may see. Matches nothing when the user sees no case."""
        house = f"{prefix}__safety_house_id__in" if prefix else "safety_house_id__in"
        case = f"{prefix}__in" if prefix else "pk__in"
        parts = [Q(**{house: list(self.chaired)})] if self.chaired else []
        if self.case_ids or not parts:
            parts.append(Q(**{case: list(self.case_ids)}))
        q = parts[0]
        for part in parts[1:]:
            q |= part
        return q
