from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api.errors import not_found_view as api_not_found
from cms.api.router import api
from cms.core.views import workday_calculator
from grid.dashboards import urls as grid_dashboard_urls
from search.views import search_page

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/grid/", include(grid_dashboard_urls.admin_urlpatterns)),  # 网格化管理 → 统计 (before Wagtail's admin)
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api.urls),
    re_path(r"^api/", api_not_found),  # JSON 404 for unmatched API URLs, never the site's HTML page
    path("workdays/", workday_calculator, name="workday_calculator"),
    path("booklets/", include("cms.printing.urls")),  # 一本通 downloads, 码上知 poster (cms.printing)
    path("search/", search_page, name="search"),
    path("open311/v2/", include("grid.open311.urls")),  # Open311 GeoReport v2 (grid.open311)
    path("appeals/", include("grid.urls")),  # 诉求：群众提交、进度查询、网格员录入 (grid.views)
    path("grid/statistics/", include(grid_dashboard_urls.public_urlpatterns)),  # public appeal figures
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
