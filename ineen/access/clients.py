"""Who may hand a household member their own access (issue 11, point 5; ineen/portal). Part of the access
policy (`policy` re-exports these), kept apart to keep policy.py readable.

- Granting, seeing the status and revoking: the chair and the case director of the case, not through
  emergency access, not in a closed case (a closed case's accesses stop working anyway: portal/session.py).
- Only for a member shown through this case (households.household_records): never a member of another
  household, nor one recorded through a later case of the same household.
- The client side needs no predicate: a client session reaches only its own access's person and case."""

from typing import Any

from ineen.cases.enums import CaseState, TeamRole

CHAIR = "chair"  # policy.CHAIR (not imported: policy imports this module)


def may_manage_client_access(user: Any, case: Any, relation: str | None = None) -> bool:
    if case.state == CaseState.CLOSED:
        return False
    if relation is None:
        from .policy import case_relation

        relation = case_relation(user, case)
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR)
