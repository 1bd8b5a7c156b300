"""Admin wiring for spreadsheet imports: one object per import gives its URLs and menu item."""

from __future__ import annotations

from collections import OrderedDict
from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from cms.core.imports.forms import SpreadsheetImportForm
from cms.core.imports.resources import SpreadsheetResource
from cms.core.imports.views import SpreadsheetImportView


class SpreadsheetImport:
    """Everything the admin needs to offer one import: resource, form, title, permission, URLs.

    Register its ``get_urls()`` in a ``register_admin_urls`` hook and its
    ``menu_item()`` wherever the import should be reachable. The URLs are
    ``/admin/imports/<slug>/`` (the import page) and ``/admin/imports/<slug>/template/``
    (an empty .xlsx with the expected headers).
    """

    def __init__(
        self,
        *,
        slug: str,
        title: str,
        model,
        resource_class: type[SpreadsheetResource],
        form_class: type[SpreadsheetImportForm] = SpreadsheetImportForm,
        listing_url_name: str | None = None,
        listing_label: str = "",
        permission_policy=None,
    ):
        self.slug = slug
        self.title = title
        self.model = model
        self.resource_class = resource_class
        self.form_class = form_class
        self.listing_url_name = listing_url_name
        self.listing_label = listing_label or str(model._meta.verbose_name_plural)
        self.permission_policy = permission_policy or ModelPermissionPolicy(model)

    # -- names and URLs ---------------------------------------------------------------
    @property
    def url_name(self) -> str:
        return f"imports_{self.slug.replace('-', '_')}"

    @property
    def template_url_name(self) -> str:
        return f"{self.url_name}_template"

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    @property
    def listing_url(self) -> str | None:
        return reverse(self.listing_url_name) if self.listing_url_name else None

    @property
    def success_url(self) -> str | None:
        return self.listing_url

    def get_urls(self):
        return [
            path(f"imports/{self.slug}/", SpreadsheetImportView.as_view(config=self), name=self.url_name),
            path(f"imports/{self.slug}/template/", self.template_view, name=self.template_url_name),
        ]

    # -- permission and columns ---------------------------------------------------------
    def user_can_import(self, user) -> bool:
        """Only users who may add the imported model can import it."""
        return bool(user and user.is_authenticated and self.permission_policy.user_has_permission(user, "add"))

    def columns(self) -> list[str]:
        return self.resource_class().known_columns()

    def template_view(self, request):
        """An empty workbook whose first row holds the expected headers."""
        if not self.user_can_import(request.user):
            raise PermissionDenied
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "导入数据"
        sheet.append(self.columns())
        output = BytesIO()
        workbook.save(output)
        output.seek(0)
        return FileResponse(output, as_attachment=True, filename=f"{self.title}-模板.xlsx")

    def menu_item(self, *, label: str | None = None, order: int = 900) -> MenuItem:
        return ImportMenuItem(
            label or self.title,
            reverse_lazy(self.url_name),
            name=f"import-{self.slug}",
            icon_name="upload",
            order=order,
            config=self,
        )


class ImportMenuItem(MenuItem):
    """A menu link to an import page, shown only to users allowed to import."""

    def __init__(self, *args, config: SpreadsheetImport, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = config

    def is_shown(self, request):
        return self.config.user_can_import(request.user)


class ResourceExportMixin:
    """For a Wagtail IndexView: "Download XLSX/CSV" writes the import resource's columns.

    The exported file can be edited and imported again, because the same Resource
    defines both directions. Also adds an "导入" header button when an import is set.
    """

    export_resource_class: type[SpreadsheetResource] | None = None
    spreadsheet_import: SpreadsheetImport | None = None

    @cached_property
    def export_resource(self) -> SpreadsheetResource:
        return self.export_resource_class()

    @property
    def list_export(self):
        return [field.column_name for field in self.export_resource.get_export_fields()]

    @list_export.setter
    def list_export(self, value):
        # The viewset passes its own (empty) list_export to the view; the resource decides.
        pass

    def to_row_dict(self, item):
        return OrderedDict(zip(self.list_export, self.export_resource.export_resource(item), strict=False))

    def get_heading(self, queryset, field):
        return field

    def as_spreadsheet(self, queryset, spreadsheet_format):
        self.export_resource.before_export(queryset)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    @cached_property
    def header_buttons(self):
        from wagtail.admin.widgets.button import HeaderButton

        buttons = list(super().header_buttons)
        config = self.spreadsheet_import
        if config is not None and config.user_can_import(self.request.user):
            buttons.append(HeaderButton("导入", url=config.url, icon_name="upload"))
        return buttons
