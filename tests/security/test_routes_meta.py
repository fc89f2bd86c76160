"""Meta-test over the whole URL resolver.

Fails when a route of our own apps (namespace "web" or any view module under ineen.) has a view without
a declared policy rule (@policy.access_rule), or has no row in the authorization matrix; and when a
third-party route appears that is not in the allowlist below. So a new route cannot slip in untested.
A django-ninja route (ineen/api/) resolves to ninja's PathView, which holds one operation per method:
every operation's view function must declare its rule, and every method needs a column in its row
(test_matrix_api.MATRIX_API).
"""

import functools

from django.urls import URLPattern, URLResolver, get_resolver

from ineen.access import policy

from .test_matrix import MATRIX
from .test_matrix_api import MATRIX_API

ALL_ROWS = {**MATRIX, **MATRIX_API}

OWN_NAMESPACES = {"web"}

# Third-party routes, by qualified name (or by pattern when unnamed), each with the reason it is allowed
# without a row in the matrix.
ALLAUTH = {
    "account_login": "login form; throttled by axes, no user enumeration (test_auth.py)",
    "account_logout": "logout; ends the session server-side (test_auth.py)",
    "account_inactive": "static 'account inactive' page, no data",
    "account_signup": "closed: AccountAdapter.is_open_for_signup returns False",
    "account_reauthenticate": "re-enter password for sensitive account actions; own account only",
    "account_email": "own e-mail addresses only (allauth login_required)",
    "account_email_verification_sent": "static confirmation page",
    "account_change_password": "own password only (allauth login_required)",
    "account_set_password": "own password only (allauth login_required)",
    "account_reset_password": "password reset request; same answer for known/unknown e-mail (test_auth.py)",
    "account_confirm_login_code": "login-by-code stage; not enabled (ACCOUNT_LOGIN_BY_CODE_ENABLED off)",
    # allauth 65.22+: re-authentication by an e-mailed code; only for the logged-in user's own session, and
    # only offered when login by code is enabled (it is not); a code never grants access to case data.
    "account_request_reauthentication_code": "own re-authentication by e-mailed code (login by code is off)",
    "account_confirm_reauthentication_code": "own re-authentication by e-mailed code (login by code is off)",
    "account_confirm_email": "e-mail confirmation by signed key",
    "account_reset_password_from_key_done": "static confirmation page",
    "account_reset_password_from_key": "password reset by signed key",
    "account_reset_password_done": "static confirmation page",
    "mfa_index": "own MFA overview; must stay reachable before MFA is set up (test_auth.py)",
    "mfa_authenticate": "second login stage (TOTP/WebAuthn/recovery code)",
    "mfa_reauthenticate": "re-enter the second factor for sensitive account actions",
    "mfa_activate_totp": "set up own TOTP; reachable before MFA is set up (test_auth.py)",
    "mfa_deactivate_totp": "own authenticator only, after reauthentication",
    "mfa_view_recovery_codes": "own recovery codes only, after reauthentication",
    "mfa_generate_recovery_codes": "own recovery codes only, after reauthentication",
    "mfa_download_recovery_codes": "own recovery codes only, after reauthentication",
    "mfa_list_webauthn": "own security keys only",
    "mfa_add_webauthn": "add own security key; reachable before MFA is set up",
    "mfa_reauthenticate_webauthn": "re-enter the second factor with a security key",
    "mfa_remove_webauthn": "own security keys only (allauth filters by user)",
    "mfa_edit_webauthn": "own security keys only (allauth filters by user)",
}
DJANGO = {
    "set_language": "language switch (i18n); stores a preference, no data",
}
NINJA = {
    "api:api-root": "django-ninja's API root: always a 404 naming the docs URL, no data",
}
# The admin (/beheer/) is for functional administration: the functional-admin role only (admin_site.py),
# behind mandatory MFA. It holds
# accounts and settings, never case contents, so every registered model is listed here with its reason.
# Registering a model with case data (cases, households, privacy) must fail this test.
ADMIN_SITE = {
    "admin:index": "admin start page (functional-admin role only, admin_site.py)",
    "admin:logout": "admin logout",
    "admin:password_change": "own password",
    "admin:password_change_done": "static page",
    "admin:autocomplete": "autocomplete over registered admin models only",
    "admin:jsi18n": "JavaScript translations, no data",
    "admin:view_on_site": "redirect to an object's own URL (guarded there)",
    "admin:app_list": "list of registered admin models",
    "beheer/(?P<url>.*)$": "admin catch-all: redirects to admin login or 404",
    "admin:auth_user_password_change": "set a user's password (functional admin task; not a superuser's)",
}
ADMIN_MODELS = {
    "account.emailaddress": "allauth e-mail addresses of accounts",
    "mfa.authenticator": "reset a lost authenticator (functional admin task)",
    "axes.accessattempt": "review/unlock throttled logins",
    "axes.accesslog": "login history",
    "axes.accessfailurelog": "failed login history",
    "accounts.safetyhouse": "tenants (no case data)",
    "accounts.organisation": "partner organisations (no case data)",
    "accounts.user": "accounts and their roles per safety house (no case data)",
    "accounts.rolegrantrequest": "four-eyes role grants, decided by a second functional admin (no case data)",
    "arrangements.familyprofile": "a house's family profiles (no case data; scoped to administered houses)",
    "arrangements.arrangementtemplate": "a house's arrangement templates (no case data; scoped)",
    "arrangements.partneroffer": "a house's catalogue of partners (no case data; scoped)",
}


def _admin_model_routes():
    routes = {}
    for label, reason in ADMIN_MODELS.items():
        app, model = label.split(".")
        for action in ("changelist", "add", "history", "delete", "change"):
            routes[f"admin:{app}_{model}_{action}"] = reason
        routes[f"beheer/{app}/{model}/<path:object_id>/"] = f"{reason} (redirect to change view)"
    return routes


ALLOWLIST = {**ALLAUTH, **DJANGO, **NINJA, **ADMIN_SITE, **_admin_model_routes()}


def walk(resolver=None, prefix="", namespace=""):
    """Yield (key, pattern, namespace, callback) for every route, through all includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield (name or pattern), pattern, namespace, entry.callback


def ninja_operations(callback):
    """The operations behind a django-ninja route (its view closes over ninja's PathView), else []."""
    from ninja.operation import PathView

    for cell in getattr(callback, "__closure__", None) or ():
        if isinstance(cell.cell_contents, PathView):
            return cell.cell_contents.operations
    return []


def is_own(namespace, callback):
    module = getattr(getattr(callback, "view_class", callback), "__module__", "") or ""
    if any(op.view_func.__module__.startswith("ineen.") for op in ninja_operations(callback)):
        return True
    return namespace.split(":")[0] in OWN_NAMESPACES or module.startswith("ineen.")


def access_rule_of(callback):
    """The declared rule, looking through decorators (functools.wraps copies __dict__ outward, and
    sets __wrapped__) and into class-based views; for a ninja route, the rule all its operations declare
    (None when one of them declares none)."""
    operations = ninja_operations(callback)
    if operations:
        rules = [access_rule_of(op.view_func) for op in operations]
        return None if None in rules else "; ".join(rules)
    seen = callback
    while seen is not None:
        rule = getattr(seen, "access_rule", None) or getattr(getattr(seen, "view_class", None), "access_rule", None)
        if rule:
            return rule
        seen = getattr(seen, "__wrapped__", None)
    return None


ROUTES = list(walk())
OWN = [(key, pattern, cb) for key, pattern, ns, cb in ROUTES if is_own(ns, cb)]


def test_walk_finds_our_routes():
    assert len(OWN) >= len(ALL_ROWS)
    assert {key for key, _p, _c in OWN} >= {"web:dashboard", "web:case_detail", "api:cases"}


def test_every_own_route_declares_an_access_rule():
    missing = [f"{key} ({pattern})" for key, pattern, cb in OWN if not access_rule_of(cb)]
    assert missing == [], f"views without @policy.access_rule: {missing}"


def test_access_rule_visible_on_outer_function():
    """The decorators we stack (require_GET, login_required) keep the rule visible on the callback
    Django calls, so tools that only look at the outer function see it too."""
    hidden = [
        key
        for key, _pattern, cb in OWN
        if not getattr(cb, "access_rule", None)
        and not getattr(getattr(cb, "view_class", None), "access_rule", None)
        and not (
            ninja_operations(cb) and all(getattr(op.view_func, "access_rule", None) for op in ninja_operations(cb))
        )
    ]
    assert hidden == []


def test_access_rule_survives_wrapping():
    @functools.wraps(inner := policy.access_rule("probe")(lambda request: None))
    def outer(request):
        return inner(request)

    assert outer.access_rule == "probe"
    assert access_rule_of(outer) == "probe"

    def bare(request):  # a decorator without functools.wraps hides the rule: the meta-test must see that
        return outer(request)

    assert access_rule_of(bare) is None


def test_every_own_route_has_a_matrix_row():
    missing = [f"{key} ({pattern})" for key, pattern, _cb in OWN if key not in ALL_ROWS]
    assert missing == [], f"routes without a row in test_matrix.MATRIX or test_matrix_api.MATRIX_API: {missing}"


def test_every_api_operation_has_its_methods_in_the_matrix():
    api_routes = [(key, cb) for key, _p, cb in OWN if ninja_operations(cb)]
    assert {key for key, _cb in api_routes} >= {"api:cases", "api:case_detail"}
    missing = [
        f"{key} {method}"
        for key, cb in api_routes
        for op in ninja_operations(cb)
        for method in op.methods
        if method not in MATRIX_API.get(key, {})
    ]
    assert missing == [], f"API operations without a column in test_matrix_api.MATRIX_API: {missing}"


def test_matrix_has_no_stale_rows():
    own_keys = {key for key, _p, _c in OWN}
    stale = sorted(set(ALL_ROWS) - own_keys)
    assert stale == [], f"rows in MATRIX for routes that no longer exist: {stale}"


def test_no_unknown_third_party_routes():
    unknown = [f"{key} ({pattern})" for key, pattern, ns, cb in ROUTES if not is_own(ns, cb) and key not in ALLOWLIST]
    assert unknown == [], f"routes neither ours nor allowlisted (add a matrix row or an allowlist reason): {unknown}"


def test_allowlist_has_no_stale_entries():
    present = {key for key, *_ in ROUTES}
    stale = sorted(set(ALLOWLIST) - present)
    assert stale == [], f"allowlisted routes that no longer exist: {stale}"


def test_allowlist_reasons_are_given():
    assert [key for key, reason in ALLOWLIST.items() if not reason.strip()] == []
