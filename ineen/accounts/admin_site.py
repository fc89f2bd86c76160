"""The admin site at /beheer/: who gets in is decided by the functional-admin role, not by is_staff.

The role is granted with four eyes (accounts/roles.py), so that grant is what opens /beheer/. Superusers
(set only with manage.py set_account_flags) get in too. Everyone else finds no admin here: a 404, like
any page they may not see. Logging in happens on allauth's page, with its second factor and throttling;
Django's own admin login form would skip the second factor, so it is not offered.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from ineen.access import policy
from ineen.access.policy import is_functional_admin


class BeheerSite(admin.AdminSite):
    site_header = _("Ineen — functioneel beheer")
    site_title = _("Ineen beheer")
    index_title = _("Accounts, organisaties en rollen")

    def has_permission(self, request):
        return is_functional_admin(request.user)

    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            # Django would send a logged-in user without access to the admin's login form; here the
            # admin simply does not exist for them (404), as with any page they may not see.
            if request.user.is_authenticated and not self.has_permission(request):
                raise policy.refusal("admin", purpose="functioneel beheer", reason="not a functional admin")
            return wrapped(request, *args, **kwargs)

        # update_wrapper keeps the view's name and module: the route meta-test still sees Django's views.
        return update_wrapper(inner, wrapped)

    @policy.access_rule("functional admin (role) or superuser: to the admin index; other users: 404; anonymous: login")
    def login(self, request, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if self.has_permission(request):
            return redirect("admin:index")
        if request.user.is_authenticated:
            # Logged in without the role: the admin does not exist for this user.
            raise policy.refusal("admin", purpose="functioneel beheer", reason="not a functional admin")
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        return redirect_to_login(target or reverse("admin:index"), reverse("account_login"))
