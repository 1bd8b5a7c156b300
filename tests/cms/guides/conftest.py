"""A township with a 办事指南 section for the guide tests."""

from __future__ import annotations

import pytest

from tests.factories import make_guide_index, make_township


@pytest.fixture
def township(db):
    return make_township()


@pytest.fixture
def guide_index(township):
    return make_guide_index(township)
