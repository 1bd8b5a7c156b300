"""Template tags for the public pages: everything they list comes from cms.disclosure.selectors."""

from __future__ import annotations

from django import template
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

from cms.catalog.models import CatalogIndexPage
from cms.disclosure import selectors

register = template.Library()

ITEMS_PER_PAGE = 20


@register.simple_tag
def catalog_tree(root, depth=3):
    """Public directories below root (up to `depth` levels) with their public item counts."""
    if root is None:
        return []
    return selectors.catalog_tree(root, max_depth=depth)


@register.simple_tag
def township_catalog(township):
    """The township's first live, public catalog root (政府信息公开目录), or None."""
    if township is None:
        return None
    return (
        selectors.public_pages(CatalogIndexPage.objects.child_of(township))
        .only("id", "title", "url_path", "path", "depth")
        .first()
    )


@register.simple_tag
def latest_items(township, limit=10):
    if township is None:
        return []
    return selectors.latest_public_items(township, limit=limit)


@register.simple_tag(takes_context=True)
def directory_items(context, directory, per_page=ITEMS_PER_PAGE) -> PaginatorPage:
    """One page (?page=N) of the public items below a directory; bad page numbers fall back gracefully."""
    request = context.get("request")
    number = request.GET.get("page", 1) if request is not None else 1
    return Paginator(selectors.public_items_in(directory), per_page).get_page(number)


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with `page` replaced, for pagination links."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    if hasattr(params, "setlist"):
        params["page"] = number
        return "?" + params.urlencode()
    return f"?page={number}"


@register.simple_tag
def breadcrumb_pages(page):
    """Ancestors from the township home down to the page's parent."""
    return selectors.breadcrumb_pages(page)
