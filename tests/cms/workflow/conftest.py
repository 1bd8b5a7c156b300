"""Users per role and a draft item, for the review-workflow tests."""

import pytest

from cms.workflow.roles import ADMINISTRATORS, EDITORS, REVIEWERS
from tests.factories import make_item, make_user


@pytest.fixture
def editor(db):
    return make_user("editor", EDITORS, first_name="小编")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer", REVIEWERS, first_name="老审")


@pytest.fixture
def administrator(db):
    return make_user("administrator", ADMINISTRATORS)


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def draft(tree, editor):
    """An unpublished disclosure item owned by the editor."""
    item = make_item(tree[-1], publish=False, owner=editor)
    return item


@pytest.fixture
def live_item(tree, editor):
    return make_item(tree[-1], "已发布的通知", owner=editor)
