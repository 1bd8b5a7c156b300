"""Public URLs of the printing app (mounted at /booklets/ in cms/urls.py)."""

from django.urls import path

from cms.printing import views

urlpatterns = [
    path("", views.booklet_listing, name="booklet_listing"),
    path("qr-poster.pdf", views.qr_poster_download, name="qr_poster_download"),
    path("<str:audience>.pdf", views.booklet_download, name="booklet_download"),
    path("<str:audience>/<str:topic>.pdf", views.booklet_download, name="booklet_topic_download"),
]
