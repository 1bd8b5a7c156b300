"""GET /api/content and /api/content/<path>: a page with its fields, children and components."""

from django.http import JsonResponse
from ninja import Query, Router

from cms.api.auth import optional_token
from cms.api.batching import DEFAULT_B_SIZE, MAX_B_SIZE
from cms.api.components import parse_expand
from cms.api.content import content_payload
from cms.api.schemas import ERRORS, ContentOut
from cms.api.traversal import resolve

router = Router(tags=["content"])

MAX_B_START = 1_000_000
B_START = Query(0, ge=0, le=MAX_B_START, description="第一个子项的序号（从 0 开始）")
B_SIZE = Query(DEFAULT_B_SIZE, ge=1, le=MAX_B_SIZE, description=f"每批子项数量，1–{MAX_B_SIZE}")
EXPAND = Query(None, max_length=200, description="内联组件，逗号分隔：breadcrumbs,navigation,workflow")


def _get(request, path: str, b_start: int, b_size: int, expand: str | None) -> JsonResponse:
    names = parse_expand(expand)
    resolved = resolve(request, path)
    payload = content_payload(resolved, b_start=b_start, b_size=b_size, expand=names)
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@router.get("", response={200: ContentOut, **ERRORS}, auth=optional_token, summary="站点首页内容", by_alias=True)
def site_root_get(request, b_start: int = B_START, b_size: int = B_SIZE, expand: str | None = EXPAND):
    """The site root (the township page) as a content object."""
    return _get(request, "", b_start, b_size, expand)


@router.get(
    "/{path:path}", response={200: ContentOut, **ERRORS}, auth=optional_token, summary="页面内容", by_alias=True
)
def content_get(request, path: str, b_start: int = B_START, b_size: int = B_SIZE, expand: str | None = EXPAND):
    """Any page by its path below the site root, e.g. `xxgk/nyz/hnbt`."""
    return _get(request, path, b_start, b_size, expand)
