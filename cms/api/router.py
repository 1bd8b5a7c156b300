"""The headless API (plone.restapi conventions), mounted at /api/.

Each resource is a router in its own module; this module only assembles them, so
adding a resource never touches another one.
"""

from ninja import NinjaAPI

from cms.api.errors import install_handlers

api = NinjaAPI(
    title="乡镇政务公开平台 API",
    version="1.0",
    description="Headless API in the conventions of plone.restapi: @id, @type, items, batching, expand.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/schema",
)
install_handlers(api)


def _mount() -> None:
    # Routers are imported here so their modules stay independent of each other.
    from importlib import import_module

    for module_name, prefix in [
        ("cms.api.workdays", "/workdays"),
        ("cms.api.resources.login", ""),
        ("cms.api.resources.catalog", "/catalog"),
        ("cms.api.resources.search", "/search"),
        # The component routes (…/<path>/@workflow) must come before /content/<path>, which matches any path.
        ("cms.api.resources.workflow", "/content"),
        ("cms.api.resources.breadcrumbs", "/content"),
        ("cms.api.resources.navigation", "/content"),
        ("cms.api.resources.content", "/content"),
    ]:
        module = import_module(module_name)
        api.add_router(prefix, module.router)


_mount()
