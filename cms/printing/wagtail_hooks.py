"""Admin wiring: the 一本通 page (listing with 立即重建) in the Wagtail menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.printing import views


@hooks.register("register_admin_urls")
def register_booklet_admin_urls():
    return [
        path("booklets/", views.AdminBookletIndexView.as_view(), name="printing_admin_booklets"),
        path("booklets/<int:pk>/rebuild/", views.admin_booklet_rebuild, name="printing_admin_booklet_rebuild"),
    ]


@hooks.register("register_admin_menu_item")
def register_booklet_menu_item():
    return MenuItem("一本通", reverse("printing_admin_booklets"), icon_name="doc-full", order=460)
