from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ineen.accounts"
    label = "accounts"
    verbose_name = "Accounts en organisaties"

    def ready(self):
        from . import signals  # noqa: F401  (disabling an account ends its sessions)
