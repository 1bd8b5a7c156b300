"""A township with guides in two topics for both audiences, for the printing tests."""

from __future__ import annotations

import pytest

from tests.factories import make_guide, make_guide_index, make_township


@pytest.fixture
def township(db):
    return make_township()


@pytest.fixture
def guide_index(township):
    return make_guide_index(township)


@pytest.fixture
def guides(guide_index):
    """Four personal guides in two topics, one enterprise-only guide."""
    return [
        make_guide(guide_index, "最低生活保障审核确认", topic="social_assistance"),
        make_guide(guide_index, "特困人员救助供养", topic="social_assistance"),
        make_guide(guide_index, "城乡居民养老保险参保登记", topic="social_security", for_enterprise=True),
        make_guide(guide_index, "户口迁移登记", topic="household"),
        make_guide(guide_index, "个体工商户登记", topic="market", for_personal=False, for_enterprise=True),
    ]


@pytest.fixture(autouse=True)
def print_cache(settings, tmp_path):
    """A fresh print cache per test, so cached fragments never leak between tests."""
    settings.PRINT_CACHE_DIR = tmp_path / "print-cache"
    return settings.PRINT_CACHE_DIR
