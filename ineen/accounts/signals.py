"""Disabling an account ends its sessions server-side.

Django already treats a session of an inactive user as anonymous, but only while the account stays
disabled: enabled again, the old session (a browser left open, a stolen cookie) would be valid again.
So the sessions are deleted the moment `is_active` goes from True to False (through save(); a bulk
queryset.update() bypasses signals and must call end_sessions itself).
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone


def end_sessions(user) -> int:
    """Delete every stored session of `user`; returns how many."""
    from importlib import import_module

    from django.contrib.sessions.models import Session

    # Through the session engine, not the model: the cached_db engine also drops its cached copy, which
    # would otherwise keep the session alive after its row is gone.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    user_id, ended = str(user.pk), 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == user_id:
            store.delete(session.session_key)
            ended += 1
    return ended


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _notice_disabling(sender, instance, **kwargs):
    instance._ineen_being_disabled = (
        not instance.is_active
        and instance.pk is not None
        and sender.objects.filter(pk=instance.pk, is_active=True).exists()
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _end_sessions_when_disabled(sender, instance, **kwargs):
    if getattr(instance, "_ineen_being_disabled", False):
        instance._ineen_being_disabled = False
        end_sessions(instance)
