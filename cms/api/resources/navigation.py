"""GET …/@navigation: the site's top-level pages the caller may see."""

from django.http import JsonResponse
from ninja import Router

from cms.api.auth import optional_token
from cms.api.components import navigation
from cms.api.schemas import ERRORS, NavigationOut
from cms.api.traversal import resolve

router = Router(tags=["components"])
RESPONSES = {200: NavigationOut, **ERRORS}


@router.get("/@navigation", response=RESPONSES, auth=optional_token, summary="首页导航", by_alias=True)
def site_root_navigation_get(request):
    return JsonResponse(navigation(resolve(request, "")), json_dumps_params={"ensure_ascii": False})


@router.get("/{path:path}/@navigation", response=RESPONSES, auth=optional_token, summary="导航", by_alias=True)
def navigation_get(request, path: str):
    return JsonResponse(navigation(resolve(request, path)), json_dumps_params={"ensure_ascii": False})
