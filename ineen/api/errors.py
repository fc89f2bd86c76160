"""How the API answers when it does not answer with data: JSON with a Dutch `detail`, never a stack trace.

- Not visible (the access policy's NotVisible) and unknown look the same: 404 "Niet gevonden". The
  denial is audited here, with the audit middleware's own code: ninja turns exceptions into responses
  inside the view, so the middleware's process_exception would never see it. Nothing is written before
  the policy's check in these read-only views, so there is nothing to roll back first.
- Not logged in: 401. Logged in without a second factor: the MFA middleware's redirect, as for pages.
- A failed CSRF check (POST of the import without the token): 403 with a Dutch message.
- Bad input (a malformed id, page=-1, a search term that is too long): 400 with a message per field.
"""

from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ineen.access.policy import NotVisible
from ineen.audit.middleware import AuditMiddleware

NOT_FOUND = "Niet gevonden."
NOT_LOGGED_IN = "Niet ingelogd. Log in via /accounts/login/ (met tweestapsverificatie) en probeer het opnieuw."
INVALID = "Ongeldige invoer"
CSRF_FAILED = (
    "CSRF-controle mislukt: stuur het cookie csrftoken mee en dezelfde waarde in de kop X-CSRFToken "
    "(haal het cookie op met een GET van een pagina van Ineen)."
)

# pydantic's error types, in Dutch; the context fills the placeholders.
MESSAGES = {
    "greater_than_equal": "moet {ge} of groter zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than_equal": "mag niet groter zijn dan {le}",
    "less_than": "moet kleiner zijn dan {lt}",
    "string_too_long": "mag hoogstens {max_length} tekens lang zijn",
    "string_too_short": "moet minstens {min_length} tekens lang zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "uuid_parsing": "is geen geldig kenmerk (verwacht: een UUID zoals 3f2b8c1e-7d4a-4e1b-9a6f-2c5d8e9f0a1b)",
    "uuid_type": "is geen geldig kenmerk (verwacht: een UUID)",
    "enum": "moet een van deze waarden zijn: {expected}",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "string_pattern_mismatch": "bevat een teken dat niet is toegestaan",
    "missing": "ontbreekt",
}


def _message(error) -> str:
    template = MESSAGES.get(error.get("type", ""))
    if template is None:
        return "heeft een ongeldige waarde"
    context = {key: str(value).replace(" or ", " of ") for key, value in (error.get("ctx") or {}).items()}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return "heeft een ongeldige waarde"


def _field(error) -> str:
    # loc is (source, name, ...): ("query", "page"), ("path", "public_id")
    names = [str(part) for part in error.get("loc", ())[1:]] or ["invoer"]
    return ".".join(names)


def install(api):
    """Register the handlers on a NinjaAPI (lookup is by the exception's MRO: NotVisible before Http404)."""

    def not_found(request, exc):
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    def not_visible(request, exc):
        AuditMiddleware(get_response=None).process_exception(request, exc)
        return not_found(request, exc)

    def not_logged_in(request, exc):
        return api.create_response(request, {"detail": NOT_LOGGED_IN}, status=401)

    def invalid(request, exc):
        errors = [{"field": _field(error), "message": _message(error)} for error in exc.errors]
        detail = f"{INVALID}: " + "; ".join(f"{e['field']} {e['message']}" for e in errors) + "."
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    def http_error(request, exc):
        # ninja raises HttpError(403) when SessionAuth's CSRF check fails (the only unsafe method: the import).
        detail = CSRF_FAILED if exc.status_code == 403 else str(exc.message)
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    api.add_exception_handler(NotVisible, not_visible)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(AuthenticationError, not_logged_in)
    api.add_exception_handler(ValidationError, invalid)
