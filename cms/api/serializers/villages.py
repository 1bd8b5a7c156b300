"""Village boards and notices in the content API: category, period, posting window, tables, sign-off.

Texts go out through the privacy mask as a last line of defence: a full personal number
can never be served by the API, even from a draft read by an editor.
"""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Page

from cms.api.serializers.base import PageSerializer, jsonable, register
from cms.core import privacy
from villages.models import VillageBoardPage, VillageNoticePage


@register(VillageBoardPage)
class VillageBoardSerializer(PageSerializer):
    """A board names its village."""

    def extra_fields(self, page: VillageBoardPage) -> dict:
        return {"village": {"name": page.village.name, "code": page.village.code}}


@register(VillageNoticePage)
class VillageNoticeSerializer(PageSerializer):
    """A notice lists its category, period and posting window in listings."""

    listing_fields = ("category", "period_label", "posting_start", "posting_end")

    def summary(self, page: Page, *, state_page: Page | None = None) -> dict:
        data = super().summary(page, state_page=state_page)
        data["title"] = privacy.mask_text(data["title"])
        return data

    def field_value(self, page, name):
        value = super().field_value(page, name)
        return privacy.mask_text(value) if isinstance(value, str) else value

    def extra_fields(self, page: VillageNoticePage) -> dict:
        sign_off = page.committee_sign_off()
        return {
            "village": {"name": page.village.name, "code": page.village.code},
            "period_label": page.period_label,
            "on_board": page.on_board(timezone.localdate()),
            "needs_township_review": page.needs_township_review,
            "finance_tables": [_masked(block.get_prep_value()) for block in page.finance_tables],
            "deliberation": [_masked(block.get_prep_value()) for block in page.deliberation],
            "attachments": [
                {
                    "title": privacy.mask_text(a.display_title),
                    "url": self.ctx.request.build_absolute_uri(a.document.url),
                    "size": a.document.file_size,
                    "extension": a.document.file_extension,
                }
                for a in page.attachment_list()
            ],
            "committee_sign_off": (
                None if sign_off is None else {"name": sign_off["name"], "at": jsonable(sign_off["at"])}
            ),
        }


def _masked(value):
    if isinstance(value, str):
        return privacy.mask_text(value)
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    return value
