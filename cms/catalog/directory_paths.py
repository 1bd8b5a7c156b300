"""Catalog directories addressed by their title path "一级/二级/三级" (used by imports and exports)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.utils.text import slugify
from wagtail.models import Page

from cms.catalog.models import MAX_CATALOG_LEVEL, CatalogDirectoryPage, CatalogIndexPage

Path = tuple[str, ...]


def paths_by_id(directories: Iterable[CatalogDirectoryPage]) -> dict[int, Path]:
    """{directory id: (level-1 title, …, own title)} computed from the tree paths in memory.

    Pass every directory of the catalogs concerned (one query); a directory whose
    parent is not a directory starts a new path (it is a level-1 directory).
    """
    rows = sorted(directories, key=lambda d: d.depth)
    by_tree_path: dict[str, Path] = {}
    result: dict[int, Path] = {}
    for directory in rows:
        parent_path = by_tree_path.get(directory.path[: -Page.steplen], ())
        own = parent_path + (directory.title,)
        by_tree_path[directory.path] = own
        result[directory.pk] = own
    return result


def catalog_index_for(township) -> CatalogIndexPage | None:
    """The township's 政府信息公开 root (the first one if an editor made two)."""
    return CatalogIndexPage.objects.child_of(township).order_by("path").first()


def directories_by_path(township) -> dict[Path, CatalogDirectoryPage]:
    """Every directory under the township's catalog, keyed by its title path."""
    directories = list(CatalogDirectoryPage.objects.descendant_of(township).only("id", "path", "depth", "title"))
    paths = paths_by_id(directories)
    found: dict[Path, CatalogDirectoryPage] = {}
    for directory in directories:
        found.setdefault(paths[directory.pk], directory)
    return found


def directory_get_or_create(
    *, catalog_index: CatalogIndexPage, path: Path, user=None
) -> tuple[CatalogDirectoryPage, list[Path]]:
    """The directory at ``path`` under ``catalog_index``, creating missing levels (published).

    Returns the directory and the paths that were created. Run inside the caller's
    transaction so a failed import leaves no directory behind.
    """
    if not 1 <= len(path) <= MAX_CATALOG_LEVEL:
        raise ValueError(f"目录层级应为 1 至 {MAX_CATALOG_LEVEL} 级")
    parent: Page = catalog_index
    created: list[Path] = []
    for depth in range(1, len(path) + 1):
        title = path[depth - 1]
        child = CatalogDirectoryPage.objects.child_of(parent).filter(title=title).order_by("path").first()
        if child is None:
            child = CatalogDirectoryPage(title=title)
            if not slugify(title, allow_unicode=True):
                child.slug = f"dir-{uuid.uuid4().hex[:8]}"
            parent.add_child(instance=child)
            child.save_revision(user=user).publish(user=user, skip_permission_checks=True)
            created.append(path[:depth])
        parent = child
    return parent, created
