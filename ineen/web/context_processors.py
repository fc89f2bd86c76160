from django.conf import settings
from django.utils.functional import SimpleLazyObject

from ineen.accounts.enums import Role


def _menu_roles(request):
    """Roles across the user's safety houses, for the menu only (access is still decided per view)."""
    from ineen.access import policy

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return set()
    return {role for held in policy._roles(user).values() for role in held}


def ineen(request):
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "menu_roles": SimpleLazyObject(lambda: _menu_roles(request)),
        "ROLE": {r.name: r.value for r in Role},
    }
