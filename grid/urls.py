"""Public and grid-worker intake pages (mounted at /appeals/ in cms/urls.py)."""

from django.urls import path

from grid import views

app_name = "grid"

urlpatterns = [
    path("new/", views.public_appeal_form, name="appeal_new"),
    path("status/", views.appeal_status, name="appeal_status"),
    path("worker/", views.worker_appeal_form, name="appeal_worker"),
]
