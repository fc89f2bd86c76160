"""Functional administration: safety houses, organisations, users, roles. No case contents here."""

from allauth.account.internal.flows.reauthentication import is_reauthentication_required
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

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

    # Roles are changed here (the role inline): adding or changing a user asks for a fresh password or
    # second factor first, like ineen.privacy.views._require_recent_login. allauth's middleware redirects
    # to re-authentication and replays a suspended POST afterwards. changeform_view serves both the add
    # and the change view; overriding it (not add_view/change_view) keeps the routes Django's own, so the
    # route meta-test's allowlist still describes them.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if is_reauthentication_required(request, app=""):
            raise ReauthenticationRequired()
        return super().changeform_view(request, object_id, form_url, extra_context)
