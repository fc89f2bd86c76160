"""Safety houses (tenants), organisations, users and their roles per safety house."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Chain, GrantStatus, Role


class SafetyHouse(models.Model):
    """A Zorg- en Veiligheidshuis: the tenant. Case data of one never mixes with another's."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    code = models.SlugField(_("code"), max_length=20, unique=True, help_text=_("Korte code, bv. HGL"))
    region = models.CharField(_("regio"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Zorg- en Veiligheidshuis")
        verbose_name_plural = _("Zorg- en Veiligheidshuizen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    chain = models.CharField(_("keten"), max_length=20, choices=Chain.choices)
    covenant_signed = models.BooleanField(_("convenant ondertekend"), default=False)
    covenant_signed_on = models.DateField(_("convenant ondertekend op"), null=True, blank=True)
    safety_houses = models.ManyToManyField(
        SafetyHouse, related_name="partners", blank=True, verbose_name=_("partner van")
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("E-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Professionals belong to one organisation; roles are per safety house."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mailadres"), unique=True)
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisatie"),
    )
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    # Shown to clients as "my contact person" (client documents): a work number, never a private one.
    work_phone = models.CharField(_("telefoonnummer (werk)"), max_length=30, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot beheer"), default=False)
    # Only in demo mode (never with production settings) may these accounts skip MFA.
    is_demo_account = models.BooleanField(_("demo-account"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    def roles_in(self, safety_house) -> set[str]:
        return {ra.role for ra in self.role_assignments.all() if ra.safety_house_id == safety_house.pk}


class RoleAssignment(models.Model):
    """A role a user holds in one safety house (a user can work for several)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    safety_house = models.ForeignKey(SafetyHouse, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.UniqueConstraint(fields=["user", "safety_house", "role"], name="unique_role_per_house"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.safety_house.code})"


class RoleGrantRequest(models.Model):
    """A grant of a four-eyes role (enums.FOUR_EYES_ROLES) waiting for a second functional admin.

    It does not give the role: only roles.approve_request does, by someone other than the requester and
    the user concerned. Decided requests stay as the record of who asked and who approved."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_grant_requests", verbose_name=_("gebruiker")
    )
    safety_house = models.ForeignKey(
        SafetyHouse,
        on_delete=models.CASCADE,
        related_name="role_grant_requests",
        verbose_name=_("Zorg- en Veiligheidshuis"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=GrantStatus.choices, default=GrantStatus.PENDING)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("besloten door")
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rolaanvraag")
        verbose_name_plural = _("rolaanvragen")
        ordering = ["-requested_at"]
        constraints = [
            # One open request per grant: a second one would only ask the approver the same question twice.
            models.UniqueConstraint(
                fields=["user", "safety_house", "role"],
                condition=models.Q(status="pending"),
                name="one_pending_grant_request",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} voor {self.user} ({self.safety_house.code})"


class EnrolmentCode(models.Model):
    """A one-time code that allows the first second-factor enrolment of one account.

    Without it, the first enrolment would be trust-on-first-use: whoever has the password of an account
    that has no authenticator yet could enrol their own. The code reaches the person by another channel
    (e-mail from the functional administrator, or handed over by the operator); only its hash is stored.
    See ineen/accounts/enrolment.py.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_codes")
    code_hash = models.CharField(max_length=256)
    # Null when an operator issued it with the management command (the audit event names the channel).
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    # Set when too many wrong codes were tried, or when a newer code replaced this one.
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inschrijfcode")
        verbose_name_plural = _("inschrijfcodes")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "used_at", "voided_at"], name="enrolment_open_codes")]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
