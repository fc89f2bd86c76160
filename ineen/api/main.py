"""The API object: /api/v1/, session login only (the same login, MFA and session limits as the pages),
read-only but for the import of old case files. The description (/api/v1/docs, /api/v1/openapi.json) is for
logged-in users too."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET
from ninja import NinjaAPI
from ninja.security import SessionAuth

from ineen.access import policy

from . import errors
from .cases import router as cases_router
from .dossier import router as dossier_router
from .imports import router as imports_router
from .measurements import router as measurements_router


def docs_access(view):
    """The docs page and the OpenAPI schema: logged in (so behind mandatory MFA), GET only. No case data."""

    @require_GET
    @login_required
    @policy.access_rule("logged in: the API's description, no case data")
    def described(request, **kwargs):
        return view(request, **kwargs)

    return described


api = NinjaAPI(
    title="Ineen API",
    version="1",
    description=(
        "API van Ineen: lezen, en oude dossiers importeren (POST, met CSRF-token). Inloggen gaat via de "
        "gewone login met tweestapsverificatie (sessie); "
        "er zijn geen tokens. Elke toegang loopt via het toegangsbeleid en wordt gelogd. Wat u niet mag "
        "zien, bestaat voor de API niet (404)."
    ),
    urls_namespace="api",
    # CSRF is checked for unsafe methods: the import of old case files (imports.py).
    auth=SessionAuth(csrf=True),
    docs_decorator=docs_access,
)
api.add_router("/", cases_router)
api.add_router("/", dossier_router)
api.add_router("/", imports_router)
api.add_router("/", measurements_router)
errors.install(api)
