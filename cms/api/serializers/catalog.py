"""The catalog root and its directories."""

from wagtail.models import Page

from cms.api.serializers.base import PageSerializer, register
from cms.catalog.models import CatalogDirectoryPage, CatalogIndexPage


@register(CatalogIndexPage)
class CatalogIndexSerializer(PageSerializer):
    """The catalog root, described by its search description."""


@register(CatalogDirectoryPage)
class CatalogDirectorySerializer(PageSerializer):
    """A directory is described by its own 目录说明 and shows its code in listings."""

    listing_fields = ("code",)

    def description(self, page: Page) -> str:
        return page.description or page.search_description or ""

    def extra_fields(self, page: Page) -> dict:
        return {"level_display": page.get_level_display()}
