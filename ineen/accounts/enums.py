from django.db import models
from django.utils.translation import gettext_lazy as _


class Chain(models.TextChoices):
    CARE = "care", _("Zorgketen")
    ADMINISTRATIVE = "administrative", _("Bestuurlijke keten")
    CRIMINAL = "criminal", _("Strafrechtketen")


class Role(models.TextChoices):
    """Roles a user holds per safety house (RoleAssignment)."""

    CHAIR = "chair", _("Procesregisseur")
    CASE_DIRECTOR = "case_director", _("Casusregisseur")
    PROFESSIONAL = "professional", _("Betrokken professional")
    EXPERT = "expert", _("Materiedeskundige (expertpool)")
    MANAGER = "manager", _("Manager")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")
    RESEARCHER = "researcher", _("Onderzoeker")
    PRIVACY_OFFICER = "privacy_officer", _("Privacyfunctionaris")
    LOG_MANAGER = "log_manager", _("Logbeheerder")


# Roles that may refer a household and take part in case teams.
CASEWORK_ROLES = {Role.CHAIR, Role.CASE_DIRECTOR, Role.PROFESSIONAL, Role.EXPERT}
