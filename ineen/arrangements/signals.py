from django.db.models.signals import post_save
from django.dispatch import receiver

from ineen.accounts.models import SafetyHouse

from .profiles import ensure_default_profiles


@receiver(post_save, sender=SafetyHouse, dispatch_uid="arrangements_default_profiles")
def default_profiles(sender, instance, created, raw=False, **kwargs):
    """Every new safety house starts with the five profiles of seed 004 (editable in /beheer/)."""
    if created and not raw:
        ensure_default_profiles(instance)
