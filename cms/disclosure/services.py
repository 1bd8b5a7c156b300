"""Writes on disclosed items: the index number at first publish and the view counter."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cms.core.services.index_numbers import allocate_index_number

if TYPE_CHECKING:
    from cms.disclosure.models import DisclosureItemPage


class IndexNumberError(Exception):
    """Raised when an item cannot be numbered (it lies outside any township)."""


def _today() -> dt.date:
    """Today in the site's time zone (Asia/Shanghai), not the server's UTC date."""
    return timezone.localdate()


def item_assign_index_number(*, item: DisclosureItemPage) -> str:
    """Give an unnumbered item its 索引号 (and 公开日期 if empty), in memory, under a row lock.

    Runs inside the caller's transaction (the save that makes the page live), so the
    sequence value and the page commit or roll back together: numbers stay gap-free.
    A concurrent publish of the same page waits on the lock and reuses the number.
    """
    from cms.core.models import TownshipPage
    from cms.disclosure.models import DisclosureItemPage

    with transaction.atomic():
        stored = (
            DisclosureItemPage.objects.select_for_update()
            .filter(pk=item.pk)
            .values_list("index_number", "disclosed_on")
            .first()
        )
        if stored and stored[0]:
            item.index_number = stored[0]
            item.disclosed_on = item.disclosed_on or stored[1]
            return item.index_number
        township = TownshipPage.for_page(item)
        if township is None:
            raise IndexNumberError("该信息不在任何乡镇站点下，无法生成索引号")
        item.disclosed_on = item.disclosed_on or _today()
        item.index_number = allocate_index_number(township=township, year=item.disclosed_on.year)
        return item.index_number


def item_ensure_index_number(*, item_id: int) -> str:
    """Number a live item that reached the live state without a full save (e.g. a copy kept live).

    Writes with a queryset update in one transaction with the allocation.
    """
    from cms.disclosure.models import DisclosureItemPage

    with transaction.atomic():
        item = DisclosureItemPage.objects.select_for_update().get(pk=item_id)
        if item.index_number:
            return item.index_number
        number = item_assign_index_number(item=item)
        DisclosureItemPage.objects.filter(pk=item_id).update(index_number=number, disclosed_on=item.disclosed_on)
        return number


def item_record_view(*, item: DisclosureItemPage) -> int:
    """Count one public view without a read-modify-write race; returns the new count."""
    from cms.disclosure.models import DisclosureItemPage

    DisclosureItemPage.objects.filter(pk=item.pk).update(view_count=F("view_count") + 1)
    return (item.view_count or 0) + 1
