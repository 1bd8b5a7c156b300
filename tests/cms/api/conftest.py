"""A small township tree with one page of each visibility case, users and tokens for the API tests."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.api.tokens import api_token_create
from cms.catalog.models import NegativeListEntry
from cms.disclosure.models import DisclosureMode
from cms.workflow.roles import EDITORS
from tests.factories import make_directory, make_item, make_user


@pytest.fixture
def site(tree):
    """township → 政府信息公开 (xxgk) → 农业农村 → 政策落实 → 惠农补贴 with items of every visibility."""
    township, catalog, level1, level2, level3 = tree
    public = make_item(level3, "关于发放2026年耕地地力保护补贴的公告", summary="补贴标准和发放时间")
    draft = make_item(level3, "草稿：补贴名单", publish=False)
    withheld = make_item(level3, "不予公开的信息", disclosure_mode=DisclosureMode.NOT_DISCLOSED)
    entry = NegativeListEntry.objects.create(township=township, matter="个人隐私", legal_basis="条例第十五条")
    negative = make_item(level3, "负面清单事项", negative_list_entry=entry)
    expired = make_item(level3, "已过期的信息")
    expired.expire_at = timezone.now() - dt.timedelta(days=1)
    expired.save(update_fields=["expire_at"])
    restricted = make_item(level3, "仅登录可见的信息")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    draft_dir = make_directory(level2, "未发布的目录")
    draft_dir.unpublish()
    under_draft = make_item(draft_dir, "未发布目录下的信息")
    return SimpleNamespace(
        township=township,
        catalog=catalog,
        level1=level1,
        level2=level2,
        level3=level3,
        public=public,
        draft=draft,
        withheld=withheld,
        negative=negative,
        expired=expired,
        restricted=restricted,
        draft_dir=draft_dir,
        under_draft=under_draft,
    )


def api_path(page, site_ns) -> str:
    """/api/content/<path below the site root> for a page."""
    relative = page.url_path[len(site_ns.township.url_path) :].strip("/")
    return f"/api/content/{relative}" if relative else "/api/content"


@pytest.fixture
def path_of(site):
    return lambda page: api_path(page, site)


@pytest.fixture
def editor(db):
    return make_user("editor", EDITORS, first_name="小编")


@pytest.fixture
def editor_key(editor):
    return api_token_create(user=editor, name="测试")[1]


@pytest.fixture
def outsider(db):
    """Admin access but no page permission at all: may use a token, may not read drafts."""
    group = Group.objects.create(name="只读后台")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return make_user("outsider", "只读后台")


@pytest.fixture
def outsider_key(outsider):
    return api_token_create(user=outsider)[1]


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def reviewer(db):
    from cms.workflow.roles import REVIEWERS

    return make_user("reviewer", REVIEWERS, first_name="老审")


@pytest.fixture
def reviewer_key(reviewer):
    return api_token_create(user=reviewer)[1]
