"""GET /api/catalog: the disclosure catalog as a tree with public item counts.

Built from four flat queries (catalog, directories, hidden pages, item paths) and
assembled in Python, so the query count never grows with the tree.
"""

from __future__ import annotations

from collections import Counter

from wagtail.models import Page

from cms.api.errors import ApiError
from cms.api.traversal import ApiContext, Resolved, check_readable
from cms.api.visibility import hidden_subtree_paths, is_under_any
from cms.catalog.models import MAX_CATALOG_LEVEL, CatalogDirectoryPage, CatalogIndexPage
from cms.disclosure import selectors


def find_catalog(ctx: ApiContext) -> Resolved:
    """The site's catalog root (the first CatalogIndexPage below the site root), checked for the caller."""
    catalog = CatalogIndexPage.objects.descendant_of(ctx.root).order_by("path").first()
    if catalog is None:
        raise ApiError(404, "NotFound", "本站尚未建立政府信息公开目录")
    chain = list(Page.objects.ancestor_of(catalog).filter(depth__gte=ctx.root.depth).order_by("depth"))
    resolved = Resolved(page=catalog, chain=[*chain, catalog], ctx=ctx)
    check_readable(resolved)
    return resolved


def public_item_counts(catalog: Page, hidden: list[str]) -> Counter:
    """Public items per directory path, each item counted in its directory and every one above it."""
    counts: Counter = Counter()
    steplen = Page.steplen
    paths = selectors.public_items().descendant_of(catalog).values_list("path", flat=True)
    for path in paths:
        if is_under_any(path, hidden):
            continue
        for end in range(len(catalog.path) + steplen, len(path), steplen):
            counts[path[:end]] += 1
    return counts


def catalog_payload(resolved: Resolved) -> dict:
    ctx = resolved.ctx
    catalog = resolved.page
    hidden = hidden_subtree_paths(catalog)
    counts = public_item_counts(catalog, hidden)
    directories = (
        CatalogDirectoryPage.objects.descendant_of(catalog)
        .filter(depth__lte=catalog.depth + MAX_CATALOG_LEVEL)
        .order_by("path")
        .only("id", "title", "draft_title", "path", "depth", "url_path", "code")
    )
    nodes: dict[str, dict] = {}
    top: list[dict] = []
    steplen = Page.steplen
    for directory in directories:
        if not ctx.editor and is_under_any(directory.path, hidden):
            continue
        node = {
            "@id": ctx.content_url(directory),
            "@type": "CatalogDirectoryPage",
            "title": directory.draft_title if ctx.editor and directory.draft_title else directory.title,
            "code": directory.code,
            "level": (directory.depth - catalog.depth),
            "items_total": counts[directory.path],
            "items": [],
        }
        nodes[directory.path] = node
        parent = nodes.get(directory.path[:-steplen])
        if parent is not None:
            parent["items"].append(node)
        elif directory.depth == catalog.depth + 1:
            top.append(node)
    return {
        "@id": ctx.api_root + "catalog",
        "@type": "CatalogIndexPage",
        "title": catalog.title,
        "catalog": ctx.content_url(catalog),
        "items_total": sum(node["items_total"] for node in top),
        "items": top,
    }
