"""Shared option of the printing commands: which township (default: the default Site's)."""

from django.core.management.base import CommandError


def resolve_township(slug: str | None):
    from wagtail.models import Site

    from cms.core.models import TownshipPage

    if slug:
        township = TownshipPage.objects.filter(slug=slug).first()
        if township is None:
            raise CommandError(f"找不到乡镇：{slug}")
        return township
    site = Site.objects.filter(is_default_site=True).first()
    township = TownshipPage.objects.filter(pk=site.root_page_id).first() if site else None
    township = township or TownshipPage.objects.first()
    if township is None:
        raise CommandError("还没有乡镇首页，请先运行 python manage.py load_demo 或新建乡镇")
    return township
