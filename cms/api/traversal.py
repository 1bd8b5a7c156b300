"""From a URL path to the page an API caller may read (plone's traversal).

Paths are relative to the root page of the request's Wagtail Site, so one API serves
every township on its own host name. The whole chain from the root to the page is
loaded in one query: the public may read a page only when every page on the way is
public, and the chain also yields the breadcrumbs for free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Page, Site

from cms.api.errors import ApiError
from cms.api.visibility import can_read_unpublished, chain_is_public

MAX_PATH_SEGMENTS = 20


@dataclass
class ApiContext:
    """What every serializer needs to know about the request: who asks, and where URLs start."""

    request: HttpRequest
    root: Page
    api_root: str
    editor: bool = False
    cache: dict = field(default_factory=dict)

    @property
    def user(self):
        return self.request.user

    def content_url(self, page: Page) -> str:
        """Absolute URL of a page's API resource: <api>/content/<path below the site root>."""
        relative = page.url_path[len(self.root.url_path) :].strip("/")
        base = self.api_root + "content"
        return f"{base}/{quote(relative, safe='/')}" if relative else base

    def link(self, page: Page) -> dict:
        model = page.specific_class or type(page)
        return {"@id": self.content_url(page), "@type": model.__name__, "title": page.title}


@dataclass
class Resolved:
    """A page found by path, the chain above it (site root first, the page last) and the caller's rights."""

    page: Page
    chain: list[Page]
    ctx: ApiContext

    @property
    def parent(self) -> Page | None:
        return self.chain[-2] if len(self.chain) > 1 else None


def site_root(request: HttpRequest) -> Page:
    site = Site.find_for_request(request)
    if site is None:
        raise ApiError(404, "NotFound", "没有与该域名对应的站点")
    return site.root_page


def make_context(request: HttpRequest, root: Page | None = None) -> ApiContext:
    root = root or site_root(request)
    return ApiContext(request=request, root=root, api_root=request.build_absolute_uri(reverse("api:api-root")))


def _segments(path: str) -> list[str]:
    segments = [s for s in (path or "").split("/") if s]
    if len(segments) > MAX_PATH_SEGMENTS or any("\x00" in s or len(s) > 255 for s in segments):
        raise ApiError(404, "NotFound", "未找到该页面")
    return segments


def resolve(request: HttpRequest, path: str) -> Resolved:
    """The page at `path` below the site root, checked for the caller; raises 404, 401 or 403."""
    ctx = make_context(request)
    root = ctx.root
    segments = _segments(path)
    url_paths = [root.url_path + "/".join(segments[: i + 1]) + "/" for i in range(len(segments))]
    found = {p.url_path: p for p in Page.objects.descendant_of(root).filter(url_path__in=url_paths)} if segments else {}
    if len(found) != len(url_paths):
        raise ApiError(404, "NotFound", "未找到该页面")
    chain = [root] + [found[u] for u in url_paths]
    chain[-1] = chain[-1].specific
    resolved = Resolved(page=chain[-1], chain=chain, ctx=ctx)
    check_readable(resolved)
    return resolved


def check_readable(resolved: Resolved) -> None:
    """Public pages for everyone; anything else for editors with a permission on it (401/403 otherwise)."""
    ctx = resolved.ctx
    user = ctx.request.user
    ctx.editor = can_read_unpublished(user, resolved.page)
    if ctx.editor or chain_is_public(resolved.chain):
        return
    if not user.is_authenticated:
        raise ApiError(401, "Unauthorized", "该页面未公开，请使用有权限的令牌访问")
    raise ApiError(403, "Forbidden", "您没有查看该页面的权限")
