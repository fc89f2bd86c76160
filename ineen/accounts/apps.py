from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ineen.accounts"
    label = "accounts"
    verbose_name = "Accounts en organisaties"
