"""Functional administration: safety houses, organisations, users, roles. No case contents here."""

from allauth.account.internal.flows.reauthentication import is_reauthentication_required
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ineen.access.actor import Actor

from . import enrolment
from .models import Organisation, RoleAssignment, SafetyHouse, User


@admin.register(SafetyHouse)
class SafetyHouseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "chain", "covenant_signed"]
    list_filter = ["chain", "covenant_signed", "safety_houses"]
    search_fields = ["name"]
    filter_horizontal = ["safety_houses"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["is_active", "organisation"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Persoon", {"fields": ("first_name", "last_name", "organisation", "job_title")}),
        ("Status", {"fields": ("is_active", "is_staff", "is_superuser", "is_demo_account")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    actions = ["send_enrolment_code"]

    # The code goes by e-mail to the account's own address and is never shown here: the administrator
    # hands out the right to enrol, not the code itself, so a hijacked admin session cannot enrol anyone.
    # (Operators who must hand a code over in person use `manage.py issue_enrolment_code --print`.)
    @admin.action(description=gettext_lazy("Stuur inschrijfcode (voor de eerste tweestapsverificatie)"))
    def send_enrolment_code(self, request, queryset):
        sent = 0
        for user in queryset.filter(is_active=True):
            enrolment.send_code(user=user, actor=Actor.from_request(request))
            sent += 1
        skipped = queryset.count() - sent
        self.message_user(request, _("Inschrijfcode gemaild naar %(count)s account(s).") % {"count": sent})
        if skipped:
            self.message_user(
                request, _("%(count)s inactieve account(s) overgeslagen.") % {"count": skipped}, messages.WARNING
            )

    # Roles are changed here (the role inline): adding or changing a user asks for a fresh password or
    # second factor first, like ineen.privacy.views._require_recent_login. allauth's middleware redirects
    # to re-authentication and replays a suspended POST afterwards. changeform_view serves both the add
    # and the change view; overriding it (not add_view/change_view) keeps the routes Django's own, so the
    # route meta-test's allowlist still describes them.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if is_reauthentication_required(request, app=""):
            raise ReauthenticationRequired()
        return super().changeform_view(request, object_id, form_url, extra_context)
