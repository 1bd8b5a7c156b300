"""Who may see which page through the API.

The public sees a page only when it and every page above it (below the site root)
is live, not expired and not behind a view restriction, and when it is not withheld
(不予公开 or on the negative list) — the rule of cms.disclosure.selectors, applied here
to any page type and to the whole chain above a page: the API never shows a page that
sits below a draft, expired or restricted one. Editors with a page permission on the page or an
ancestor may read anything, drafts included. The same rule filters child listings and
the catalog counts, so nothing hidden leaks through a count or a link.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.disclosure import selectors
from cms.disclosure.models import DisclosureItemPage, withheld_q


def _is_expired(page: Page, now) -> bool:
    return bool(page.expired or (page.expire_at is not None and page.expire_at <= now))


def is_withheld(page: Page) -> bool:
    """Never public whatever its state: only disclosed items can be withheld."""
    return bool(getattr(page, "is_withheld", False))


def chain_is_public(chain: Iterable[Page]) -> bool:
    """True when every page of the chain (root side first, the page itself last) is public.

    `chain` holds the pages from below the site root down to the page; the last one is
    expected to be specific so that withholding can be seen. One query for restrictions.
    """
    pages = list(chain)
    now = timezone.now()
    if any(not page.live or _is_expired(page, now) for page in pages):
        return False
    if pages and is_withheld(pages[-1]):
        return False
    return not PageViewRestriction.objects.filter(page__in=[p.pk for p in pages]).exists()


def _withheld_q(model: type[Page]) -> Q:
    return withheld_q("" if issubclass(model, DisclosureItemPage) else "disclosureitempage__")


def public_children(queryset: QuerySet) -> QuerySet:
    """Pages of `queryset` public on their own and outside restricted sections (the disclosure rule)."""
    return selectors.public_pages(queryset).exclude(_withheld_q(queryset.model))


def hidden_subtree_paths(root: Page) -> list[str]:
    """Tree paths under root (root excluded) whose pages hide themselves and everything below.

    Non-live, expired and view-restricted pages; two queries whatever the tree size.
    """
    now = timezone.now()
    descendants = Page.objects.descendant_of(root)
    not_public = descendants.filter(
        Q(live=False) | Q(expired=True) | Q(expire_at__lte=now) | Q(view_restrictions__isnull=False)
    ).values_list("path", flat=True)
    return sorted(set(not_public))


def is_under_any(path: str, hidden_paths: Iterable[str]) -> bool:
    return any(path.startswith(hidden) for hidden in hidden_paths)


def can_read_unpublished(user: AbstractBaseUser | AnonymousUser, page: Page) -> bool:
    """Editors may read drafts of pages on which (or above which) they hold any page permission."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    permissions = PagePermissionPolicy().get_cached_permissions_for_user(user)
    return any(page.path.startswith(perm.page.path) for perm in permissions)


def visible_pages(queryset: QuerySet, ctx) -> list[Page]:
    """The pages of `queryset` the caller of `ctx` may see: all for editors, public ones otherwise.

    For the public, each page must be public itself and lie under no hidden page of the site.
    """
    if ctx.editor:
        return list(queryset)
    candidates = list(public_children(queryset))
    if not candidates:
        return []
    if "hidden_paths" not in ctx.cache:
        ctx.cache["hidden_paths"] = hidden_subtree_paths(ctx.root)
    hidden = ctx.cache["hidden_paths"]
    return [page for page in candidates if not is_under_any(page.path, hidden)]
