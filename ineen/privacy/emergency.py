"""Emergency access (break the glass): the daily limits and the chair's review list.

The actions (grant, refuse, review) are in actions.py; the view in views.py. Limits come from settings
(INEEN_BREAK_GLASS_PER_DAY, INEEN_BREAK_GLASS_REFUSALS_PER_DAY) and count the last 24 hours, so that
midnight does not reset them."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

WINDOW = timedelta(hours=24)
# "Repeated use": more than one use by the same user, or this many refusals, within this many days.
PATTERN_DAYS = 30
PATTERN_REFUSALS = 2


def blocked(user, now=None) -> bool:
    """True when the user may not ask for emergency access now: the daily number of uses is reached, or
    too many refused requests (guessing references) in the last 24 hours."""
    from .models import BreakGlassAccess, BreakGlassRefusal

    since = (now or timezone.now()) - WINDOW
    uses = BreakGlassAccess.objects.filter(user=user, started_at__gte=since).count()
    if uses >= settings.INEEN_BREAK_GLASS_PER_DAY:
        return True
    refusals = BreakGlassRefusal.objects.filter(user=user, at__gte=since, kind="refused").count()
    return refusals >= settings.INEEN_BREAK_GLASS_REFUSALS_PER_DAY


def blocked_message() -> str:
    return _(
        "U kunt nu geen noodtoegang meer vragen: het maximum voor 24 uur is bereikt. Is er acuut gevaar? "
        "Bel de procesregisseur of de politie (112)."
    )


@dataclass
class ReviewList:
    grants: list  # BreakGlassAccess, newest first, each with .repeated (uses in PATTERN_DAYS) and .refusals
    unreviewed: int
    refusers: list  # (user, refusals in PATTERN_DAYS) for users with a refusal pattern


def review_list(houses, limit=200) -> ReviewList:
    """Uses of emergency access to cases of `houses`, with the patterns the chair should notice."""
    from ineen.accounts.models import User

    from .models import BreakGlassAccess, BreakGlassRefusal

    grants = list(
        BreakGlassAccess.objects.filter(case__safety_house_id__in=houses).select_related(
            "user__organisation", "case__household", "reviewed_by"
        )[:limit]
    )
    since = timezone.now() - timedelta(days=PATTERN_DAYS)
    uses = dict(
        BreakGlassAccess.objects.filter(case__safety_house_id__in=houses, started_at__gte=since)
        .values_list("user_id")
        .annotate(n=Count("pk"))
    )
    # Refusals have no case; they belong to the houses where the user holds a role.
    refusals = dict(
        BreakGlassRefusal.objects.filter(at__gte=since, user__role_assignments__safety_house_id__in=houses)
        .values_list("user_id")
        .annotate(n=Count("pk", distinct=True))
    )
    for grant in grants:
        grant.repeated = uses.get(grant.user_id, 0) > 1
        grant.refusals = refusals.get(grant.user_id, 0)
    unreviewed = BreakGlassAccess.objects.filter(case__safety_house_id__in=houses, reviewed_at__isnull=True).count()
    pattern = {uid: n for uid, n in refusals.items() if n >= PATTERN_REFUSALS}
    refusers = [(u, pattern[u.pk]) for u in User.objects.filter(pk__in=pattern).select_related("organisation")]
    return ReviewList(grants=grants, unreviewed=unreviewed, refusers=refusers)
