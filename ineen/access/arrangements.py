"""Who decides a case's family profile and applies an arrangement, and who reads the partners' catalogue
(issue 13, point 5). Part of the access policy (`policy` re-exports these), kept apart for readability.

- Profile and arrangement: the chair and the case director of the case, not in a closed case, not through
  emergency access (a profile steers the whole plan: the people who own the plan decide it).
- The catalogue holds no case data: everyone with a role in the safety house reads it (it is what the
  brainstorm draws on). Editing profiles, templates and the catalogue is the functional admin's, in /beheer/.
"""

from typing import Any

from ineen.cases.enums import CaseState, TeamRole

CHAIR = "chair"  # policy.CHAIR (not imported: policy imports this module)


def may_set_profile(user: Any, case: Any, relation: str | None = None) -> bool:
    if case.state == CaseState.CLOSED:
        return False
    if relation is None:
        from .policy import case_relation

        relation = case_relation(user, case)
    return relation in (CHAIR, TeamRole.CASE_DIRECTOR)


def catalogue_houses(user: Any) -> list[int]:
    """The safety houses whose catalogue this user reads: those where they hold any role."""
    if not user.is_authenticated or not user.is_active:
        return []
    from ineen.accounts.enums import Role

    from .policy import houses_with_role

    return houses_with_role(user, list(Role.values))
