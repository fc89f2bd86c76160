from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "ineen.audit"
    label = "audit"

    def ready(self):
        from . import protection

        # After every migrate: append-only triggers on all audit tables (new event tables included),
        # and pghistory's tracking triggers made ALWAYS. Sent after pgtrigger installed its triggers
        # (pgtrigger comes earlier in INSTALLED_APPS).
        post_migrate.connect(protection.install_after_migrate, sender=self, dispatch_uid="ineen.audit.protection")
