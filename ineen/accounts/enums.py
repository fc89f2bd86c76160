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

# Roles that see or steer far more than one case (the chair: every case of the house; the privacy officer
# and the log manager: exports and the audit log; the functional admin: /beheer/ and so every role). One
# functional admin cannot grant them alone: a second one approves (RoleGrantRequest, accounts/roles.py).
FOUR_EYES_ROLES = {Role.CHAIR, Role.PRIVACY_OFFICER, Role.LOG_MANAGER, Role.FUNCTIONAL_ADMIN}


class GrantStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op goedkeuring")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")
