from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ineen.audit"
    label = "audit"
