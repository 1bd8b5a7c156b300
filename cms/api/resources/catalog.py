"""GET /api/catalog: the catalog tree with item counts."""

from django.http import JsonResponse
from ninja import Router

from cms.api.auth import optional_token
from cms.api.catalog_tree import catalog_payload, find_catalog
from cms.api.schemas import ERRORS, CatalogOut
from cms.api.traversal import make_context

router = Router(tags=["catalog"])


@router.get("", response={200: CatalogOut, **ERRORS}, auth=optional_token, summary="公开目录树", by_alias=True)
def catalog_get(request):
    """Directories of levels 1–3, each with the number of public items in it and below."""
    resolved = find_catalog(make_context(request))
    return JsonResponse(catalog_payload(resolved), json_dumps_params={"ensure_ascii": False})
