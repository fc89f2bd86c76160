"""Simulate allauth's "recently re-authenticated" state for the test client."""

import time

from allauth.account.internal.flows import login as login_flow
from allauth.account.internal.userkit import user_id_to_str


def reauthenticated(client, user):
    session = client.session
    session[login_flow._AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session[login_flow.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()
    return client
