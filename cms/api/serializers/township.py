"""The township root page."""

from wagtail.models import Page

from cms.api.serializers.base import PageSerializer, register
from cms.core.models import TownshipPage


@register(TownshipPage)
class TownshipSerializer(PageSerializer):
    """The township also shows its rich intro, kept out of api_fields by the model."""

    def extra_fields(self, page: Page) -> dict:
        return {"intro": self.field_value(page, "intro")}
