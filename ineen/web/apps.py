from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ineen.web"
    label = "web"

    def ready(self):
        # Django 6.1's blank option "- Select an option -" has no Dutch translation yet; Django
        # documents overriding it here. Same style as the other empty choices ("— kies … —").
        from django.db.models import fields
        from django.utils.translation import gettext_lazy as _

        fields.BLANK_CHOICE_LABEL = _("— maak een keuze —")

        # Labels without a trailing ":" (ineen/web/label_suffix.py).
        from ineen.web.label_suffix import drop_label_colons

        drop_label_colons()

        # NL Design System (Utrecht) classes on every widget (ineen/web/utrecht_forms.py).
        from ineen.web.utrecht_forms import add_component_classes

        add_component_classes()
