from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ineen.portal"
    label = "portal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .session import drop_client_session

        # One browser session is either a professional's or a client's, never both (docs/architecture.md,
        # "Client access"): a professional logging in ends any client access in that session.
        user_logged_in.connect(drop_client_session, dispatch_uid="portal-drop-client-on-login")
