"""Builders for a small township tree, shared by every test module."""

from __future__ import annotations

import datetime as dt
import itertools

from wagtail.models import Page, Site

from cms.catalog.models import CatalogDirectoryPage, CatalogIndexPage
from cms.core.models import Organisation, TownshipPage
from cms.disclosure.models import DisclosureItemPage

_counter = itertools.count(1)


def make_township(
    title: str = "明光镇", *, organisation_code: str = "01526095-6", hostname: str = "testserver", **fields
) -> TownshipPage:
    root = Page.get_first_root_node()
    township = TownshipPage(
        title=title,
        slug=f"township-{next(_counter)}",
        organisation_code=organisation_code,
        office_name=f"{title}党政综合办公室",
        **fields,
    )
    root.add_child(instance=township)
    Site.objects.filter(hostname=hostname).delete()
    Site.objects.update(is_default_site=False)
    Site.objects.create(hostname=hostname, port=80, root_page=township, is_default_site=True, site_name=title)
    return township


def make_catalog(township: TownshipPage, title: str = "政府信息公开") -> CatalogIndexPage:
    page = CatalogIndexPage(title=title, slug="xxgk")
    township.add_child(instance=page)
    return page


def make_directory(parent, title: str, **fields) -> CatalogDirectoryPage:
    page = CatalogDirectoryPage(title=title, slug=f"dir-{next(_counter)}", **fields)
    parent.add_child(instance=page)
    return page


def make_organisation(name: str = "明光镇人民政府") -> Organisation:
    return Organisation.objects.get_or_create(name=name)[0]


def make_item(
    directory: CatalogDirectoryPage, title: str = "关于做好2026年春耕生产工作的通知", *, publish=True, **fields
):
    fields.setdefault("publisher", make_organisation())
    fields.setdefault("created_on", dt.date(2026, 3, 2))
    fields.setdefault("disclosed_on", dt.date(2026, 3, 5))
    item = DisclosureItemPage(title=title, slug=f"item-{next(_counter)}", **fields)
    directory.add_child(instance=item)
    revision = item.save_revision()
    if publish:
        revision.publish()
        item.refresh_from_db()
    else:
        item.live = False
        item.save(update_fields=["live"])
    return item


def make_tree():
    """Township → catalog → 一级/二级/三级 directories; returns a namespace of pages."""
    township = make_township()
    catalog = make_catalog(township)
    level1 = make_directory(catalog, "农业农村")
    level2 = make_directory(level1, "农业农村政策落实")
    level3 = make_directory(level2, "惠农补贴")
    return township, catalog, level1, level2, level3


def make_user(username: str, *groups: str, password: str = "pass", **fields):
    """A user in role groups (管理员 / 编辑 / 审核员, created by the cms/workflow data migration)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    fields.setdefault("email", f"{username}@example.cn")
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    found = list(Group.objects.filter(name__in=groups))
    if len(found) != len(set(groups)):
        raise LookupError(f"unknown groups: {set(groups) - {g.name for g in found}}")
    user.groups.set(found)
    return user


# -- service guides (办事指南) -----------------------------------------------------------
COMPLETE_GUIDE_FIELDS = {
    "legal_basis": "《社会救助暂行办法》第九条",
    "conditions": "持有本镇户籍，家庭人均收入低于当地最低生活保障标准。",
    "location": "明光镇便民服务中心",
    "window": "3号窗口",
    "office_hours": "工作日 9:00-12:00，14:30-17:30",
    "phone": "0875-5551234",
    "complaint_phone": "0875-5551000",
    "legal_time_limit": 30,
    "promised_time_limit": 20,
    "fees": "不收费",
    "visits": 1,
    "delivery": "窗口领取或邮寄",
}


def make_guide_index(township: TownshipPage, title: str = "办事指南"):
    from cms.guides.models import ServiceGuideIndexPage

    page = ServiceGuideIndexPage(title=title, slug="bszn")
    township.add_child(instance=page)
    return page


def make_guide(index, title: str = "最低生活保障审核确认", *, publish: bool = True, complete: bool = True, **fields):
    """A guide under ``index``; complete (all 8 required categories) unless ``complete=False``."""
    from cms.guides.models import GuideMaterial, GuideStep, ServiceGuidePage

    if complete:
        for key, value in COMPLETE_GUIDE_FIELDS.items():
            fields.setdefault(key, value)
    materials = fields.pop("materials", None)
    steps = fields.pop("steps", None)
    guide = ServiceGuidePage(title=title, slug=f"guide-{next(_counter)}", **fields)
    if materials is None:
        materials = [GuideMaterial(name="居民身份证", original_or_copy="原件"), GuideMaterial(name="户口簿", copies=2)]
    if steps is None:
        steps = [
            GuideStep(name="申请", description="向村委会提出申请"),
            GuideStep(name="审核", time_limit="10个工作日"),
        ]
    if complete:
        guide.materials = materials
        guide.steps = steps
    index.add_child(instance=guide)
    revision = guide.save_revision()
    if publish:
        revision.publish()
        guide.refresh_from_db()
    else:
        guide.live = False
        guide.save(update_fields=["live"])
    return guide
