"""Who may print a household member's client documents and write the family's wording of the plan
(issue 11, point 4). Part of the access policy (`policy` re-exports these), kept apart to keep policy.py
readable.

- Printing a member's documents (invitation, how the meeting goes, own guide, my plan): the chair and the
  case director, like the client version of the report: they check what they hand over.
- Writing or correcting the words for the family of an action or bottom line: the chair and the case
  director, not through a closed case. It changes no substance of the plan (no PlanChange).
"""

from typing import Any

from ineen.cases.enums import CaseState, TeamRole

CHAIR = "chair"  # policy.CHAIR (not imported: policy imports this module)


def may_print_client_documents(user: Any, case: Any, relation: str | None) -> bool:
    """The chair and the case director (relation as given by the loader)."""
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR)


def may_write_client_wording(user: Any, case: Any, relation: str | None) -> bool:
    """The chair and the case director, while the case is not closed."""
    return case.state != CaseState.CLOSED and relation in (CHAIR, TeamRole.CASE_DIRECTOR)
