"""The login backend: allauth's, with the user's organisation loaded along with the user. Every audited
request names the actor's organisation (NEN 7513), so loading it here saves one query on every page.

`loading_for_poll(public_id)`: the live workspace's poll (conferences.middleware) knows up front what it will
ask about the user, so the user is loaded with those facts in the same query (access.live.poll_user), and
Django's own session checks (`auth.get_user`: backend, session hash, active account) still run unchanged."""

from contextlib import contextmanager
from contextvars import ContextVar

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model

_poll: ContextVar[object | None] = ContextVar("ineen_poll_conference", default=None)


@contextmanager
def loading_for_poll(public_id):
    """The live workspace's poll: the user comes with its access facts for conference `public_id`, through
    access.live.poll_user (one prepared statement on PostgreSQL)."""
    token = _poll.set(public_id)
    try:
        yield
    finally:
        _poll.reset(token)


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        public_id = _poll.get()
        if public_id is not None:
            from ineen.access import policy

            user = policy.poll_user(user_id, public_id)
            return user if user is not None and self.user_can_authenticate(user) else None
        user = get_user_model()._default_manager.select_related("organisation").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
