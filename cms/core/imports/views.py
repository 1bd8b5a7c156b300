"""The generic Wagtail admin import view: upload → dry-run preview → confirm → done."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from import_export.tmp_storages import MediaStorage
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.imports.reading import SpreadsheetError, read_spreadsheet
from cms.core.imports.resources import ImportAbort
from cms.core.imports.running import ImportReport, run_import

if TYPE_CHECKING:
    from cms.core.imports.admin import SpreadsheetImport

_STORED_NAME = re.compile(r"^[0-9a-f]{32}$")
_SAFE_FILENAME = re.compile(r"[^\w.\-]+", re.UNICODE)


class SpreadsheetImportView(WagtailAdminTemplateMixin, View):
    """One import's page in the admin, parametrised by a ``SpreadsheetImport``.

    The upload is checked by a full dry run (in a transaction that is rolled back)
    and stored in import-export's temporary storage; confirming imports that same
    stored file, so what is saved is what the preview showed.
    """

    template_name = "core/imports/import.html"
    header_icon = "upload"
    config: SpreadsheetImport = None  # type: ignore[assignment]

    def dispatch(self, request, *args, **kwargs):
        if not self.config.user_can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.config.title

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.config.listing_url:
            items.append({"url": self.config.listing_url, "label": self.config.listing_label})
        return items + [{"url": "", "label": self.config.title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.config.resource_class
        context.update(
            config=self.config,
            required_columns=resource.required_columns,
            optional_columns=[c for c in self.config.columns() if c not in resource.required_columns],
            template_url=reverse(self.config.template_url_name),
            action_url=self.request.path,
        )
        return context

    def render(self, **context) -> HttpResponse:
        return TemplateResponse(self.request, self.get_template_names(), self.get_context_data(**context))

    # -- steps ------------------------------------------------------------------------
    def get(self, request):
        return self.render(form=self.config.form_class())

    def post(self, request):
        if "stored_name" in request.POST:
            return self.confirm(request)
        return self.upload(request)

    def upload(self, request):
        form = self.config.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form=form)
        upload = form.cleaned_data.get("import_file")
        if upload is None:
            form.add_error("import_file", "请选择要导入的文件。")
            return self.render(form=form)
        content = upload.read()
        report = self.check(form, content, upload.name, dry_run=True)
        if report is None:
            return self.render(form=form)
        stored_name = ""
        if not report.has_errors:
            storage = MediaStorage(encoding="utf-8")
            storage.save(content)
            stored_name = storage.name
        return self.render(
            form=form,
            report=report,
            stored_name=stored_name,
            original_name=_SAFE_FILENAME.sub("_", upload.name)[:100],
        )

    def confirm(self, request):
        form = self.config.form_class(request.POST)
        stored_name = request.POST.get("stored_name", "")
        original_name = request.POST.get("original_name", "")
        if not _STORED_NAME.match(stored_name) or not form.is_valid():
            messages.error(request, "导入请求无效，请重新上传文件。")
            return redirect(request.path)
        storage = MediaStorage(name=stored_name, encoding="utf-8")
        try:
            content = storage.read()
        except (OSError, FileNotFoundError):
            messages.error(request, "上传的文件已过期或不存在，请重新上传。")
            return redirect(request.path)
        report = self.check(form, content, original_name, dry_run=False)
        if report is None or not report.saved:
            # The data changed since the preview; nothing was saved. Show why.
            return self.render(form=form, report=report, stored_name="", original_name=original_name)
        storage.remove()
        messages.success(request, f"导入完成：{report.summary()}。" + "；".join(report.notices))
        return redirect(self.config.success_url or request.path)

    def check(self, form, content: bytes, filename: str, *, dry_run: bool) -> ImportReport | None:
        """Run the import; file-level problems become form errors (None is returned)."""
        try:
            data = read_spreadsheet(content, filename, max_cell_length=self.config.resource_class.max_cell_length)
            resource = self.config.resource_class(user=self.request.user, **form.get_resource_kwargs())
        except (SpreadsheetError, ImportAbort) as exc:
            form.add_error(None, str(exc))
            return None
        return run_import(resource, data, dry_run=dry_run)
