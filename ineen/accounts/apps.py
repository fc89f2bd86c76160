from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "ineen.accounts"
    label = "accounts"
    verbose_name = "Accounts en organisaties"

    def ready(self):
        from . import signals  # noqa: F401  (disabling an account ends its sessions)


class BeheerAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site (admin_site.BeheerSite) as admin.site."""

    default = False  # named in INSTALLED_APPS; AccountsConfig stays this module's default
    default_site = "ineen.accounts.admin_site.BeheerSite"
