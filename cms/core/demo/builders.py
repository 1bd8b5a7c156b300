"""Builders of the demo township: each function creates one part of it from demo.data.

build_demo() runs them in one transaction, so an interrupted load leaves nothing
behind and the next run simply starts again. Items go through the same paths as an
editor's work: save_revision() and revision.publish() (so the index-number signal
fires) and the review workflow's perform_transition() for the pending ones.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import ProtectedError
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import GroupPagePermission, Page, Site

from cms.catalog.models import CatalogDirectoryPage, CatalogIndexPage, CatalogItem, NegativeListEntry
from cms.core.demo import data
from cms.core.models import Organisation, TownshipPage
from cms.disclosure.models import DisclosureItemPage, ItemKind, Validity

Log = Callable[[str], None]
SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
ANNUAL_REPORTS = data.ANNUAL_REPORT_DIRECTORY[0]
STEPS = 8


@dataclass
class DemoSummary:
    """What build_demo() created, for the command's closing lines and for tests."""

    township: TownshipPage | None = None
    directories: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0, 3: 0})
    catalog_items: int = 0
    negative_entries: int = 0
    published: int = 0
    pending: int = 0
    drafts: int = 0
    late: int = 0
    notes: list[str] = field(default_factory=list)


class DemoContext:
    """State shared by the builders of one run: the day, the users, lookups by name."""

    def __init__(self, *, today: dt.date, log: Log):
        self.today = today
        self.log = log
        self.users: dict[str, object] = {}
        self.organisations: dict[str, Organisation] = {}
        self.directories: dict[str, CatalogDirectoryPage] = {}
        self.township: TownshipPage | None = None
        self.summary = DemoSummary()
        self._slug_counter = 0
        self._number_counters: dict[tuple[str, int], int] = defaultdict(lambda: 2)

    def next_slug(self, prefix: str) -> str:
        self._slug_counter += 1
        return f"{prefix}-{self._slug_counter:03d}"

    def next_document_number(self, prefix: str, year: int) -> str:
        """A 文号 like 明政发〔2026〕12号: numbers rise per prefix and year, with gaps."""
        self._number_counters[(prefix, year)] += 1 + self._slug_counter % 3
        return f"{prefix}〔{year}〕{self._number_counters[(prefix, year)]}号"


# -- lookups --------------------------------------------------------------------------


def find_demo_township() -> TownshipPage | None:
    """The demo township if load_demo has built it (matched by slug and organisation code)."""
    return TownshipPage.objects.filter(
        slug=data.TOWNSHIP["slug"], organisation_code=data.TOWNSHIP["organisation_code"]
    ).first()


# -- entry points ---------------------------------------------------------------------


def build_demo(*, log: Log, today: dt.date | None = None) -> DemoSummary:
    """Create the whole demo township in one transaction; the caller checks it is absent."""
    ctx = DemoContext(today=today or timezone.localdate(), log=log)
    # Submitting demo items must not mail the demo reviewers (the console backend would
    # bury the progress lines); on_commit callbacks still run inside the override.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        ensure_users(ctx)
        build_township(ctx)
        build_organisations(ctx)
        build_catalog(ctx)
        build_catalog_rows(ctx)
        build_seed_reports(ctx)
        build_items(ctx)
        build_review_queue(ctx)
        build_extensions(ctx)
    return ctx.summary


def build_extensions(ctx: DemoContext) -> None:
    """Demo parts of other modules (guides, villages, grid …), listed in settings.DEMO_BUILDERS.

    Each entry is the dotted path of a function taking the DemoContext; cms.core never
    imports those modules by name, so dependencies keep flowing one way.
    """
    for dotted_path in getattr(settings, "DEMO_BUILDERS", []):
        import_string(dotted_path)(ctx)


def remove_demo(*, log: Log) -> None:
    """Delete the demo township with its pages, catalog rows and unused demo organisations.

    Demo users are kept (build_demo resets their passwords and groups); other
    townships and their content are never touched.
    """
    with transaction.atomic():
        township = find_demo_township()
        if township is not None:
            count = township.get_descendants(inclusive=True).count()
            township.delete()
            log(f"已删除演示乡镇「{township.title}」及其 {count} 个页面")
        names = [spec[0] for spec in {**data.ORGANISATIONS, **data.SEED_ORGANISATIONS}.values()]
        for organisation in Organisation.objects.filter(name__in=names):
            try:
                organisation.delete()
            except ProtectedError:
                log(f"保留发布机构「{organisation.name}」：仍有其他乡镇的信息在使用")


# -- 1. users -------------------------------------------------------------------------


def ensure_users(ctx: DemoContext) -> None:
    """The three demo logins, each in its group; groups are created if the migration is absent."""
    User = get_user_model()
    for spec in data.USERS:
        group, created = Group.objects.get_or_create(name=spec.group)
        if created:
            ctx.summary.notes.append(f"用户组「{spec.group}」原不存在（审核流程的数据迁移未运行？），已临时创建")
        user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
        user.first_name, user.last_name = spec.first_name, spec.last_name
        user.email = f"{spec.username}@example.org"
        user.is_staff = True
        user.is_active = True
        user.is_superuser = spec.is_superuser
        user.set_password(spec.password)
        user.save()
        user.groups.add(group)
        ctx.users[spec.username] = user
    ctx.log(f"[1/{STEPS}] 演示账号：" + "、".join(f"{u.username}（{u.group}）" for u in data.USERS))


def _grant_fallback_permissions(township: TownshipPage) -> None:
    """Minimal admin rights on the township when the workflow migration gave none.

    The workflow engineer's data migration owns the real permissions; this only keeps
    the demo usable when that migration is missing.
    """
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    rights = {"编辑": ["add_page", "change_page"], "审核员": ["add_page", "change_page", "publish_page"]}
    rights["管理员"] = rights["审核员"] + ["bulk_delete_page", "lock_page", "unlock_page"]
    for group_name, codenames in rights.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None or GroupPagePermission.objects.filter(group=group).exists():
            continue
        if access_admin:
            group.permissions.add(access_admin)
        for codename in codenames:
            permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if permission:
                GroupPagePermission.objects.get_or_create(group=group, page=township, permission=permission)


# -- 2. township and site ------------------------------------------------------------


def build_township(ctx: DemoContext) -> None:
    """The TownshipPage as root of the default Site, replacing Wagtail's welcome page."""
    admin = ctx.users["admin"]
    root = Page.get_first_root_node()
    township = TownshipPage(owner=admin, **data.TOWNSHIP)
    root.add_child(instance=township)
    township.save_revision(user=admin).publish(user=admin)
    township.refresh_from_db()

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    Site.objects.filter(hostname=data.SITE_HOSTNAME, port=data.SITE_PORT).exclude(pk=site.pk).delete()
    site.hostname, site.port = data.SITE_HOSTNAME, data.SITE_PORT
    site.root_page, site.site_name = township, data.SITE_NAME
    site.save()

    welcome_pages = root.get_children().type(Page).exclude(pk=township.pk).filter(numchild=0)
    for page in welcome_pages:
        if type(page.specific) is Page and not Site.objects.filter(root_page=page).exists():
            page.delete()

    _grant_fallback_permissions(township)
    ctx.township = ctx.summary.township = township
    ctx.log(
        f"[2/{STEPS}] 乡镇站点：{township.title}（{site.hostname}:{site.port}，默认站点），索引号格式 "
        f"{township.index_number_pattern}"
    )


def build_organisations(ctx: DemoContext) -> None:
    for key, (name, short_name, prefix) in {**data.ORGANISATIONS, **data.SEED_ORGANISATIONS}.items():
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "document_prefix": prefix}
        )
        ctx.organisations[key] = organisation
    ctx.log(f"[3/{STEPS}] 发布机构：{len(ctx.organisations)} 个")


# -- 3. catalog -----------------------------------------------------------------------


def _add_published_child(parent: Page, page: Page, *, when: dt.datetime) -> Page:
    """Add a live container page and date it, without the cost of a revision."""
    page.first_published_at = page.last_published_at = when
    parent.add_child(instance=page)
    return page


def build_catalog(ctx: DemoContext) -> None:
    """政府信息公开 with the 26 standard areas (一级), their matters (二级) and sub-directories (三级)."""
    admin = ctx.users["admin"]
    when = timezone.make_aware(dt.datetime.combine(ctx.today - dt.timedelta(days=560), dt.time(9, 0)))
    catalog = CatalogIndexPage(owner=admin, **data.CATALOG_INDEX)
    ctx.township.add_child(instance=catalog)
    catalog.save_revision(user=admin).publish(user=admin)
    catalog.refresh_from_db()

    counts = ctx.summary.directories
    for i, area in enumerate(data.AREAS, start=1):
        level1 = _add_published_child(
            catalog,
            CatalogDirectoryPage(
                title=area.name,
                slug=f"a{i:02d}",
                code=f"{i:02d}",
                description=f"{area.name}领域基层政务公开标准目录。公开依据：{area.basis}",
                owner=admin,
            ),
            when=when,
        )
        ctx.directories[area.name] = level1
        counts[1] += 1
        for j, (matter, content, subdirectories) in enumerate(area.matters, start=1):
            level2 = _add_published_child(
                level1,
                CatalogDirectoryPage(
                    title=matter, slug=f"a{i:02d}-{j:02d}", code=f"{i:02d}.{j:02d}", description=content, owner=admin
                ),
                when=when,
            )
            ctx.directories[f"{area.name}/{matter}"] = level2
            counts[2] += 1
            for k, title in enumerate(subdirectories, start=1):
                level3 = _add_published_child(
                    level2,
                    CatalogDirectoryPage(
                        title=title, slug=f"a{i:02d}-{j:02d}-{k:02d}", code=f"{i:02d}.{j:02d}.{k:02d}", owner=admin
                    ),
                    when=when,
                )
                ctx.directories[f"{area.name}/{matter}/{title}"] = level3
                counts[3] += 1

    title, slug, description = data.ANNUAL_REPORT_DIRECTORY
    ctx.directories[title] = _add_published_child(
        catalog,
        CatalogDirectoryPage(title=title, slug=slug, code="NB", description=description, owner=admin),
        when=when,
    )
    ctx.log(
        f"[4/{STEPS}] 公开目录「{catalog.title}」：{counts[1]} 个标准领域一级目录（另有「{title}」），"
        f"{counts[2]} 个二级目录，{counts[3]} 个三级目录"
    )


def build_catalog_rows(ctx: DemoContext) -> None:
    """One standard catalog row per level-2 matter, and the negative list."""
    sequence = 0
    for area in data.AREAS:
        subject = ctx.organisations[area.subject].name
        for matter, content, _ in area.matters:
            sequence += 1
            CatalogItem.objects.create(
                township=ctx.township,
                directory=ctx.directories[f"{area.name}/{matter}"],
                sequence=sequence,
                area=area.name,
                matter=matter,
                content=content,
                basis=area.basis + "《中华人民共和国政府信息公开条例》",
                subject=subject,
                channels=list(area.channels),
                audience=area.audience,
                mode=CatalogItem.Mode.PROACTIVE,
                tier=CatalogItem.Tier.TOWNSHIP,
            )
    ctx.summary.catalog_items = sequence
    for matter, description, legal_basis, area_name in data.NEGATIVE_LIST:
        NegativeListEntry.objects.create(
            township=ctx.township,
            matter=matter,
            description=description,
            legal_basis=legal_basis,
            directory=ctx.directories.get(area_name),
        )
    ctx.summary.negative_entries = len(data.NEGATIVE_LIST)
    ctx.log(f"[5/{STEPS}] 标准目录事项 {sequence} 条，负面清单 {len(data.NEGATIVE_LIST)} 条")


# -- 4. items -------------------------------------------------------------------------


def paragraphs_html(lines: list[str] | tuple[str, ...]) -> str:
    """Plain text lines as escaped <p> paragraphs, skipping blank lines."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in lines if line.strip())


def _item_body(title: str, publisher: str, summary: str, created_on: dt.date) -> str:
    if title.endswith("公示"):
        middle = (
            "公示期为5个工作日。如有异议，请在公示期内以书面形式向明光镇人民政府反映，联系电话 0875-5551234（演示）。"
        )
    elif "通知" in title or "方案" in title or "要点" in title:
        middle = "各村（社区）、镇属各单位要结合实际，认真抓好贯彻落实，执行中遇到的问题请及时向镇党政综合办公室反馈。"
    else:
        middle = "详情可到明光镇便民服务中心查阅，或拨打 0875-5551234（演示）咨询。"
    opening = summary or f"现将《{title}》有关情况公开如下。"
    return paragraphs_html([opening, middle, publisher, f"{created_on.year}年{created_on.month}月{created_on.day}日"])


def _format_title(template: str, year: int, month: int) -> str:
    return template.format(y=year, py=year - 1, ny=year + 1, y4=year + 4, m=month)


def _create_item(ctx: DemoContext, spec: data.DemoItem, *, owner, year: int | None = None, **fields):
    """Add one DisclosureItemPage as a draft with a first revision; returns (page, revision)."""
    created_on = ctx.today - dt.timedelta(days=spec.days_ago)
    year = year or created_on.year
    title = _format_title(spec.title, year, created_on.month)
    publisher = ctx.organisations[spec.publisher]
    summary = _format_title(spec.summary, year, created_on.month)
    fields.setdefault("kind", ItemKind.ITEM)
    if spec.numbered and publisher.document_prefix:
        fields.setdefault("document_number", ctx.next_document_number(publisher.document_prefix, created_on.year))
    if spec.repealed_days_ago is not None:
        fields.update(validity=Validity.REPEALED, validity_date=ctx.today - dt.timedelta(days=spec.repealed_days_ago))
    area = spec.path.split("/")[0]
    page = DisclosureItemPage(
        title=title,
        slug=ctx.next_slug("item"),
        owner=owner,
        live=False,
        has_unpublished_changes=True,
        publisher=publisher,
        topic=area,
        created_on=created_on,
        is_normative=spec.normative,
        keywords=spec.keywords or area,
        summary=summary,
        body=fields.pop("body", None) or _item_body(title, publisher.name, summary, created_on),
        **fields,
    )
    ctx.directories[spec.path].add_child(instance=page)
    revision = page.save_revision(user=owner)
    return page, revision


def _publish(ctx: DemoContext, page: DisclosureItemPage, revision, *, view_count: int) -> DisclosureItemPage:
    """Publish through Wagtail (signals fire), then date the publication on 公开日期."""
    revision.publish(user=ctx.users["reviewer"])
    when = timezone.make_aware(dt.datetime.combine(page.disclosed_on, dt.time(10, 0)))
    DisclosureItemPage.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when, view_count=view_count
    )
    ctx.summary.published += 1
    if page.disclosed_on and (page.disclosed_on - page.created_on).days >= data.LATE:
        ctx.summary.late += 1
    return page


def build_seed_reports(ctx: DemoContext) -> None:
    """The five seed texts as published annual-report items (年度报告)."""
    editor = ctx.users["editor"]
    directory = ctx.directories[ANNUAL_REPORTS]
    for n, seed in enumerate(data.SEED_REPORTS):
        lines = (SEEDS_DIR / seed.filename).read_text(encoding="utf-8").splitlines()
        page = DisclosureItemPage(
            title=seed.title,
            slug=ctx.next_slug("report"),
            owner=editor,
            live=False,
            has_unpublished_changes=True,
            kind=ItemKind.ANNUAL_REPORT,
            publisher=ctx.organisations[seed.publisher],
            topic="政府信息公开年报",
            keywords="政府信息公开 年度报告",
            created_on=dt.date.fromisoformat(seed.created_on),
            disclosed_on=dt.date.fromisoformat(seed.disclosed_on),
            summary=seed.summary,
            body=paragraphs_html(lines),
        )
        directory.add_child(instance=page)
        _publish(ctx, page, page.save_revision(user=editor), view_count=120 + 37 * n)
    ctx.log(f"[6/{STEPS}] 年度报告：{len(data.SEED_REPORTS)} 篇（来自 seeds/ 的真实报告原文）")


def build_items(ctx: DemoContext) -> None:
    """The published items, then the policy document and its interpretation."""
    editor = ctx.users["editor"]
    for n, spec in enumerate(data.PUBLISHED_ITEMS):
        created_on = ctx.today - dt.timedelta(days=spec.days_ago)
        disclosed_on = min(created_on + dt.timedelta(days=spec.lag), ctx.today)
        page, revision = _create_item(ctx, spec, owner=editor, disclosed_on=disclosed_on)
        _publish(ctx, page, revision, view_count=15 + (n * 53) % 400)

    policy_year = (ctx.today - dt.timedelta(days=data.POLICY.days_ago)).year
    policy, revision = _create_item(
        ctx,
        data.POLICY,
        owner=editor,
        year=policy_year,
        kind=ItemKind.POLICY,
        disclosed_on=ctx.today - dt.timedelta(days=data.POLICY.days_ago - 2),
    )
    _publish(ctx, policy, revision, view_count=268)
    body = [_format_title(line, policy_year, 1) for line in data.INTERPRETATION_BODY]
    interpretation, revision = _create_item(
        ctx,
        data.INTERPRETATION,
        owner=editor,
        year=policy_year,
        kind=ItemKind.INTERPRETATION,
        interpreted_document=policy,
        disclosed_on=ctx.today - dt.timedelta(days=data.INTERPRETATION.days_ago),
        body=paragraphs_html(body),
    )
    _publish(ctx, interpretation, revision, view_count=143)
    ctx.log(
        f"[7/{STEPS}] 已发布信息 {ctx.summary.published} 条（含政策文件及其解读各1条；"
        f"{ctx.summary.late} 条超过20个工作日才公开，供逾期统计演示）"
    )


# -- 5. review queue ------------------------------------------------------------------


def _workflow_submit() -> Callable | None:
    try:
        from cms.workflow.services import perform_transition
    except ImportError:
        return None
    return perform_transition


def _submit(ctx: DemoContext, page: DisclosureItemPage, perform_transition: Callable | None) -> bool:
    """Submit one item for review as the editor; False (with a note) when the workflow refuses."""
    if perform_transition is None:
        return False
    from cms.workflow.services import TransitionError

    try:
        state = perform_transition(page, ctx.users["editor"], "submit")
    except TransitionError as exc:
        ctx.summary.notes.append(f"「{page.title}」未能提交审核，保留为草稿：{exc.message}")
        return False
    return state == "pending"


def build_review_queue(ctx: DemoContext) -> None:
    """Items submitted for review by the editor (待审核) and plain drafts (草稿)."""
    editor = ctx.users["editor"]
    perform_transition = _workflow_submit()
    if perform_transition is None:
        ctx.summary.notes.append(
            "审核流程服务 cms.workflow.services.perform_transition 不存在，待审核示例已保存为草稿，未提交审核"
        )
    for spec in data.PENDING_ITEMS:
        page, _ = _create_item(ctx, spec, owner=editor)
        if _submit(ctx, page, perform_transition):
            ctx.summary.pending += 1
        else:
            ctx.summary.drafts += 1
    for spec in data.DRAFT_ITEMS:
        _create_item(ctx, spec, owner=editor)
        ctx.summary.drafts += 1
    ctx.log(f"[8/{STEPS}] 待审核 {ctx.summary.pending} 条（由 editor 提交），草稿 {ctx.summary.drafts} 条")
