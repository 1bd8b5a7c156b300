"""A village saved anywhere (admin, import, shell) gets its board page and groups at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from villages.models import Village


@receiver(post_save, sender=Village, dispatch_uid="villages.setup_village")
def set_village_up(sender, instance: Village, created: bool, raw: bool = False, **kwargs):
    if raw:
        return
    from villages.services.villages import village_setup

    village_setup(village=instance)
