"""Forms of the admin import view: the upload form and its per-import options."""

from __future__ import annotations

from typing import Any

from django import forms

from cms.core.models import TownshipPage


class SpreadsheetImportForm(forms.Form):
    """Upload form of a spreadsheet import; subclasses add the import's options.

    The options travel unchanged from the upload to the confirm step as hidden
    inputs, so the confirmed import runs with exactly what the preview showed.
    """

    import_file = forms.FileField(
        label="数据文件",
        required=False,
        help_text="支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK 编码）；第一行为表头。",
    )

    def option_fields(self):
        return [bound for bound in self if bound.name != "import_file"]

    def get_resource_kwargs(self) -> dict[str, Any]:
        """Resource keyword arguments from the cleaned options. Override."""
        return {}


class TownshipChoiceField(forms.ModelChoiceField):
    """The township an import writes into, preselected when there is only one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "乡镇")
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset=TownshipPage.objects.order_by("path"), **kwargs)

    def preselect(self) -> None:
        townships = list(self.queryset[:2])
        if len(townships) == 1:
            self.initial = townships[0].pk


class TownshipImportForm(SpreadsheetImportForm):
    """Upload form for imports that belong to one township (catalog items, disclosures …)."""

    township = TownshipChoiceField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].preselect()

    def get_resource_kwargs(self) -> dict[str, Any]:
        return {"township": self.cleaned_data["township"]}
