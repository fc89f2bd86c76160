"""The login backend: allauth's, with the user's organisation loaded along with the user. Every audited
request names the actor's organisation (NEN 7513), so loading it here saves one query on every page.

`loading_with(**annotations)`: a request that knows up front what it will ask about the user (the live
workspace's poll: conferences.middleware) has those facts loaded as annotations on the same query, so
Django's own session checks (`auth.get_user`: backend, session hash, active account) still run unchanged."""

from contextlib import contextmanager
from contextvars import ContextVar

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model

_annotations: ContextVar[dict | None] = ContextVar("ineen_user_annotations", default=None)


@contextmanager
def loading_with(**annotations):
    token = _annotations.set(annotations)
    try:
        yield
    finally:
        _annotations.reset(token)


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("organisation")
        extra = _annotations.get()
        if extra:
            users = users.annotate(**extra)
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
