"""GET …/@breadcrumbs: the pages from below the site root down to a page."""

from django.http import JsonResponse
from ninja import Router

from cms.api.auth import optional_token
from cms.api.components import breadcrumbs
from cms.api.schemas import ERRORS, BreadcrumbsOut
from cms.api.traversal import resolve

router = Router(tags=["components"])
RESPONSES = {200: BreadcrumbsOut, **ERRORS}


@router.get("/@breadcrumbs", response=RESPONSES, auth=optional_token, summary="首页面包屑", by_alias=True)
def site_root_breadcrumbs_get(request):
    return JsonResponse(breadcrumbs(resolve(request, "")), json_dumps_params={"ensure_ascii": False})


@router.get("/{path:path}/@breadcrumbs", response=RESPONSES, auth=optional_token, summary="面包屑", by_alias=True)
def breadcrumbs_get(request, path: str):
    return JsonResponse(breadcrumbs(resolve(request, path)), json_dumps_params={"ensure_ascii": False})
