"""The live workspace's poll loads its user together with its access facts: one query for the whole
"nothing new" answer (docs/architecture.md, "Live poll at scale").

Placed right after Django's AuthenticationMiddleware, before anything reads `request.user`: for an htmx GET
of the poll's route it loads the session's user now, through Django's `auth.get_user` (session hash,
backend, active account: unchanged), with `policy.poll_facts` as annotations on that query
(accounts.backends.loading_for_poll, access.live.poll_user). Later middleware (session limits, MFA, audit
context) and the view then use that user without a query of their own. Every other request is left alone
(the user stays lazy)."""

from django.urls import Resolver404, resolve

from ineen.accounts.backends import loading_for_poll

POLL_ROUTE = "conferences:workspace_poll"
POLL_SUFFIX = "/werkruimte/nieuw/"


def poll_target(request):
    """The conference public id when this request is the workspace's htmx poll, else None."""
    if request.method != "GET" or not request.path_info.endswith(POLL_SUFFIX):
        return None
    if request.headers.get("HX-Request") != "true":
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.kwargs.get("public_id") if match.view_name == POLL_ROUTE else None


class LivePollMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public_id = poll_target(request)
        if public_id is not None:
            with loading_for_poll(public_id):
                request.user.is_authenticated  # noqa: B018 - evaluates the lazy user now, with the facts
        return self.get_response(request)
