"""Catalog paths (the titles of the directories above a page) for many pages in one query.

Search documents carry their catalog path; a rebuild needs it for thousands of pages, so
asking the tree once per page (``ancestor_of``) would cost one query each.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page


def directory_titles(pages: Iterable[Page], *, inclusive: bool = False) -> dict[int, list[str]]:
    """{page pk: titles of the catalog directories above it (and itself if inclusive), top first}."""
    from cms.catalog.models import CatalogDirectoryPage

    pages = list(pages)
    steplen = Page.steplen
    wanted: dict[int, list[str]] = {}
    for page in pages:
        depth = len(page.path) // steplen
        last = depth if inclusive else depth - 1
        wanted[page.pk] = [page.path[: level * steplen] for level in range(1, last + 1)]
    all_paths = {path for paths in wanted.values() for path in paths}
    titles = dict(CatalogDirectoryPage.objects.filter(path__in=all_paths).values_list("path", "title"))
    return {pk: [titles[path] for path in paths if path in titles] for pk, paths in wanted.items()}
