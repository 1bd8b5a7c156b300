"""Admin view for 撤回 (retract): a reason form in front of the retract action."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from cms.workflow.actions import RetractAction
from cms.workflow.exceptions import TransitionError, TransitionForbidden
from cms.workflow.forms import RetractForm


class RetractView(WagtailAdminTemplateMixin, FormView):
    """Ask for the reason, then run RetractAction — the same code the API calls."""

    form_class = RetractForm
    template_name = "workflow/retract.html"
    page_title = "撤回页面"
    header_icon = "download"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific

    def dispatch(self, request, *args, **kwargs):
        action = RetractAction(self.page, request.user)
        try:
            action.check(require_comment=False)
        except TransitionForbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except TransitionError as exc:
            messages.error(request, exc.message)
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_next_url(self) -> str:
        return get_valid_next_url_from_request(self.request) or reverse(
            "wagtailadmin_explore", args=(self.page.get_parent().pk,)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            next_url=self.get_next_url(),
            live_descendant_count=self.page.get_descendants().live().count(),
        )
        return context

    def form_valid(self, form):
        try:
            RetractAction(self.page, self.request.user, form.cleaned_data["reason"]).execute()
        except TransitionForbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except TransitionError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"页面“{self.page.get_admin_display_title()}”已撤回。")
        return redirect(self.get_next_url())
