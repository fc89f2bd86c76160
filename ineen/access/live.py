"""The live workspace's poll: the access check in the same query as the user (re-exported by policy).

A participant's browser polls every 3 s; the "nothing new" answer must cost at most one query
(docs/architecture.md, "Live poll at scale"). Access is still decided on every poll (decision 7: access
follows involvement), by the same rule as `policy.get_conference` without `allow` (the workspace page's
rule, `case_relation`): the chair of the case's house, an active team member while the case is in the read
window, or running emergency access; and the account active. Instead of a separate user lookup, the
conference lookup and the relation queries, the facts are annotations on the one query that loads the
session's user (accounts.backends.loading_with, set up by conferences.middleware.LivePollMiddleware):

    poll_facts(public_id)   -> the annotations (Exists subqueries over the conference's case)
    may_poll(user)          -> the decision from those annotations

A refusal here decides nothing on its own: the view then loads through `policy.get_conference`, which
raises the audited NotVisible (404) with its usual reason. So the fast path can only ever say yes where
get_conference says yes (tests/conferences/test_live_poll.py checks both agree for every role).
"""

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

ANNOTATION_PREFIX = "ineen_poll_"


def poll_facts(public_id: Any) -> dict[str, Any]:
    """The annotations for the user query of a poll of conference `public_id` (see the module docstring).
    `ineen_poll_mfa` also answers accounts.middleware.mfa_required without its own query."""
    from allauth.mfa.models import Authenticator

    from ineen.accounts.enums import Role
    from ineen.accounts.models import RoleAssignment
    from ineen.cases.models import TeamMembership
    from ineen.privacy.models import BreakGlassAccess

    from . import policy

    user = OuterRef("pk")
    of_case = {"case__conferences__public_id": public_id}
    now = timezone.now()
    members = TeamMembership.objects.filter(
        policy._active_membership_q(user, prefix=""), policy._read_window_q("case__"), **of_case
    )
    emergency = BreakGlassAccess.objects.filter(
        policy._read_window_q("case__"), user=user, started_at__lte=now, expires_at__gt=now, **of_case
    )
    chair = RoleAssignment.objects.filter(
        user=user, role=Role.CHAIR, safety_house__cases__conferences__public_id=public_id
    )
    return {
        ANNOTATION_PREFIX + "chair": Exists(chair),
        ANNOTATION_PREFIX + "member": Exists(members),
        ANNOTATION_PREFIX + "emergency": Exists(emergency),
        ANNOTATION_PREFIX + "mfa": Exists(Authenticator.objects.filter(user_id=user)),
    }


def may_poll(user: Any) -> bool:
    """May this (already loaded) user poll the conference whose facts were loaded with it? False when the
    facts are not there (the user was loaded another way): then the caller takes the full check."""
    if not (user.is_authenticated and user.is_active):
        return False
    facts = [getattr(user, ANNOTATION_PREFIX + name, None) for name in ("chair", "member", "emergency")]
    return any(fact is True for fact in facts)
