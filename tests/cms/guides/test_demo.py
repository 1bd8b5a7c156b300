"""The guides demo builder: at least 49 complete, published guides for individuals and enterprises."""

from __future__ import annotations

import datetime as dt

import pytest

from cms.guides.demo import build_guides_demo
from cms.guides.models import ServiceGuidePage

pytestmark = pytest.mark.django_db


class _Ctx:
    def __init__(self, township):
        self.township = township
        self.users = {}
        self.today = dt.date(2026, 3, 2)
        self.lines = []

    def log(self, line):
        self.lines.append(line)


def test_builds_49_or_more_published_complete_guides(township):
    ctx = _Ctx(township)
    build_guides_demo(ctx)
    guides = list(ServiceGuidePage.objects.live().descendant_of(township))
    assert len(guides) >= 49
    assert sum(g.for_personal for g in guides) >= 20 and sum(g.for_enterprise for g in guides) >= 10
    assert all(g.is_complete for g in guides)
    assert len({g.code for g in guides}) == len(guides)
    from cms.guides.models import GuideMaterial, GuideStep

    # Steps and materials carry their positions: every database shows them in the written order.
    assert not GuideStep.objects.filter(sort_order__isnull=True).exists()
    assert not GuideMaterial.objects.filter(sort_order__isnull=True).exists()
    titles = {g.title for g in guides}
    for title in ("最低生活保障审核确认", "特困人员救助供养审核确认", "临时救助", "耕地地力保护补贴申领",
                  "农村宅基地和建房（规划许可）审批", "个体工商户登记", "城乡居民基本养老保险参保登记"):  # fmt: skip
        assert title in titles
    build_guides_demo(ctx)  # a second run changes nothing
    assert ServiceGuidePage.objects.count() == len(guides)
