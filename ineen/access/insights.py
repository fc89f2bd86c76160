"""Who may read the dossier analysis (issue 13, point 3; ineen/insights/dossier.py). Part of the access
policy (`policy` re-exports these), kept apart to keep policy.py readable.

The report holds aggregates only (no case, household, person or free text; small cells suppressed), so it
follows the evaluation aggregates: the chair, a manager or a researcher of the safety house. Not a
professional through a team membership: being in one family's team says nothing about the whole house.
"""

from typing import Any

from ineen.accounts.enums import Role

DOSSIER_ANALYSIS_ROLES = (Role.CHAIR, Role.MANAGER, Role.RESEARCHER)


def dossier_analysis_houses(user: Any) -> list[int]:
    """The safety houses whose dossier analysis this user may read (ids); empty: the page is a 404."""
    from .policy import houses_with_role

    return houses_with_role(user, DOSSIER_ANALYSIS_ROLES)


def may_read_dossier_analysis(user: Any, house_id: int) -> bool:
    return house_id in dossier_analysis_houses(user)
