"""Reads of disclosed items: the ONE definition of "public" used by pages, the API and search.

An item is public when all of these hold:
- its page is live and not expired (nor past its expiry time before the scheduler ran),
  and so is every page above it (a draft or expired directory hides its whole subtree),
- neither the page nor any ancestor carries a view restriction (PageViewRestriction),
- it is not withheld: 公开方式 is not 不予公开 and it is not on the negative list (负面清单).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet

from cms.catalog.models import CatalogDirectoryPage
from cms.core.services import workdays
from cms.disclosure.models import DisclosureItemPage, ItemKind, withheld_q

LATEST_DEFAULT = 10


def _not_expired_q() -> Q:
    return Q(expired=False) & (Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


def _unpublished_q() -> Q:
    return Q(live=False) | Q(expired=True) | Q(expire_at__lte=timezone.now())


def hidden_sections_q() -> Q:
    """Pages below an unpublished or expired page (one query, like Wagtail's private_q)."""
    paths = Page.objects.filter(depth__gt=1, numchild__gt=0).filter(_unpublished_q()).values_list("path", flat=True)
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def has_hidden_ancestor(page: Page) -> bool:
    """True when a page above this one (below the tree root) is unpublished or expired."""
    return Page.objects.ancestor_of(page).filter(depth__gt=1).filter(_unpublished_q()).exists()


def public_pages(queryset: PageQuerySet) -> PageQuerySet:
    """Live, unexpired pages outside any view-restricted or unpublished section (directories and items)."""
    return queryset.live().public().filter(_not_expired_q()).exclude(hidden_sections_q())


def public_items(township: Page | None = None) -> PageQuerySet:
    """Every item an anonymous visitor may see, optionally only within one township's tree."""
    queryset = public_pages(DisclosureItemPage.objects.all()).exclude(withheld_q())
    if township is not None:
        queryset = queryset.descendant_of(township)
    return queryset


def public_items_in(directory: Page) -> PageQuerySet:
    """Public items anywhere below a catalog directory (or catalog root), newest first."""
    return (
        public_items()
        .descendant_of(directory)
        .select_related("publisher")
        .order_by("-disclosed_on", "-first_published_at", "-pk")
    )


def latest_public_items(township: Page, limit: int = LATEST_DEFAULT) -> list[DisclosureItemPage]:
    return list(
        public_items(township)
        .select_related("publisher")
        .order_by("-disclosed_on", "-first_published_at", "-pk")[:limit]
    )


def is_public(item: DisclosureItemPage) -> bool:
    return public_items().filter(pk=item.pk).exists()


def public_interpretations(item: DisclosureItemPage) -> PageQuerySet:
    """The public interpretations (政策解读) of a policy document; empty for other kinds."""
    if not item.pk or item.kind != ItemKind.POLICY:
        return DisclosureItemPage.objects.none()
    return public_items().filter(interpreted_document=item, kind=ItemKind.INTERPRETATION).order_by("-disclosed_on")


def public_policy_of(item: DisclosureItemPage) -> DisclosureItemPage | None:
    """The policy document an interpretation explains, if that document is public."""
    if item.kind != ItemKind.INTERPRETATION or not item.interpreted_document_id:
        return None
    return public_items().filter(pk=item.interpreted_document_id).first()


def breadcrumb_pages(page: Page) -> list[Page]:
    """Ancestors from the site root (township) down to the page's parent, for the breadcrumb."""
    from cms.core.models import TownshipPage

    township = TownshipPage.objects.ancestor_of(page).only("depth").first()
    ancestors = page.get_ancestors()
    if township is not None:
        ancestors = ancestors.filter(depth__gte=township.depth)
    return list(ancestors.only("id", "title", "url_path", "path", "depth").order_by("depth"))


# -- catalog tree ----------------------------------------------------------------------


def public_item_counts(root: Page) -> Counter:
    """Public items per directory subtree below root, keyed by the directory's tree path."""
    counts: Counter = Counter()
    steplen = Page.steplen
    for path in public_items().descendant_of(root).values_list("path", flat=True):
        for depth in range(root.depth + 1, len(path) // steplen):
            counts[path[: depth * steplen]] += 1
    return counts


@dataclass
class CatalogNode:
    """One directory in the public catalog tree, with its public item count and children."""

    page: CatalogDirectoryPage
    level: int
    count: int
    children: list[CatalogNode] = field(default_factory=list)


def public_directories(root: Page, *, max_depth: int | None = None) -> PageQuerySet:
    queryset = public_pages(CatalogDirectoryPage.objects.descendant_of(root))
    if max_depth is not None:
        queryset = queryset.filter(depth__lte=root.depth + max_depth)
    return queryset.order_by("path")


def catalog_tree(root: Page, *, max_depth: int = 3) -> list[CatalogNode]:
    """The directories below root as a tree (up to 3 levels) with public item counts; 3 queries."""
    counts = public_item_counts(root)
    nodes: dict[str, CatalogNode] = {}
    top: list[CatalogNode] = []
    steplen = Page.steplen
    for directory in public_directories(root, max_depth=max_depth).only("id", "title", "url_path", "path", "depth"):
        node = CatalogNode(page=directory, level=directory.depth - root.depth, count=counts[directory.path])
        nodes[directory.path] = node
        parent = nodes.get(directory.path[:-steplen])
        if parent is not None:
            parent.children.append(node)
        elif directory.depth == root.depth + 1:
            top.append(node)
        # A directory under a hidden (draft or restricted) one is hidden with it.
    return top


# -- timeliness (条例第二十六条) --------------------------------------------------------


def late_item_ids(queryset: PageQuerySet) -> list[int]:
    """Primary keys of items disclosed more than the allowed working days after 成文日期."""
    limit = settings.DISCLOSURE_TIMELINESS_WORKING_DAYS
    calendar = workdays.get_calendar()
    rows: Iterable = queryset.filter(created_on__isnull=False, disclosed_on__isnull=False).values_list(
        "pk", "created_on", "disclosed_on"
    )
    late = []
    for pk, created_on, disclosed_on in rows:
        # 20 working days span at least 20 calendar days, so nearer dates are never late.
        if (disclosed_on - created_on).days > limit and calendar.add_working_days(created_on, limit) < disclosed_on:
            late.append(pk)
    return late
