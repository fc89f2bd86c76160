from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "ineen.reminders"
    label = "reminders"
