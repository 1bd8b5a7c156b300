"""Fixtures of the grid tests: one township with a grid setup (category, grid unit, leader, handling unit)."""

from __future__ import annotations

import pytest

from tests.factories import make_township
from tests.grid.factories import make_grid_setup


@pytest.fixture
def township(db):
    return make_township()


@pytest.fixture
def setup(township):
    return make_grid_setup(township)
