"""Receivers that keep disclosed items consistent whichever path published them."""

from django.dispatch import receiver
from wagtail.signals import page_published

from cms.disclosure.models import DisclosureItemPage
from cms.disclosure.services import item_ensure_index_number


@receiver(page_published, sender=DisclosureItemPage, dispatch_uid="disclosure_number_on_publish")
def number_published_item(sender, instance, **kwargs):
    """Safety net: the publishing save numbers items itself; paths that skip it (copy kept live) land here."""
    if instance.live and not instance.index_number:
        instance.index_number = item_ensure_index_number(item_id=instance.pk)
