from django.apps import AppConfig
from django.db.models.signals import post_delete


class CasesConfig(AppConfig):
    name = "ineen.cases"
    label = "cases"

    def ready(self):
        from .attachments import delete_file_after_commit
        from .models import Attachment

        post_delete.connect(delete_file_after_commit, sender=Attachment, dispatch_uid="attachment-file")
