"""Intake forms: the resident's public form, the grid worker's phone form and the hotline form.

They only validate and collect input; ReceiveAction does the work. A photo larger than
settings.GRID_MAX_PHOTO_BYTES is refused with the size in the message.
"""

from __future__ import annotations

from django import forms
from django.conf import settings

from grid.models import AppealCategory, AppealSource, GridUnit

PHOTO_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic")


def max_photo_bytes() -> int:
    return int(getattr(settings, "GRID_MAX_PHOTO_BYTES", 5 * 1024 * 1024))


class AppealIntakeForm(forms.Form):
    """The fields every intake channel shares; the township limits the choices."""

    category = forms.ModelChoiceField(label="诉求分类", queryset=AppealCategory.objects.none(), empty_label="请选择")
    grid_unit = forms.ModelChoiceField(
        label="所在网格", queryset=GridUnit.objects.none(), required=False, empty_label="不清楚"
    )
    description = forms.CharField(label="诉求内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    address = forms.CharField(label="地址", max_length=200, required=False)
    appellant_name = forms.CharField(label="姓名", max_length=40, required=False)
    appellant_phone = forms.CharField(
        label="手机号码", max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    is_anonymous = forms.BooleanField(label="匿名（公开页面不显示姓名）", required=False)
    is_confidential = forms.BooleanField(label="保密（公开页面不显示所在网格）", required=False)
    photo = forms.FileField(label="照片", required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))

    def __init__(self, *args, township, **kwargs):
        super().__init__(*args, **kwargs)
        self.township = township
        self.fields["category"].queryset = AppealCategory.objects.filter(township=township, is_active=True)
        self.fields["grid_unit"].queryset = GridUnit.objects.filter(township=township)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        limit = max_photo_bytes()
        if photo.size > limit:
            raise forms.ValidationError(
                f"照片过大（{photo.size / 1024 / 1024:.1f} MB），请上传不超过 {limit // 1024 // 1024} MB 的图片"
            )
        content_type = getattr(photo, "content_type", "") or ""
        if content_type and content_type not in PHOTO_TYPES:
            raise forms.ValidationError("只能上传 JPG、PNG、GIF、WEBP 或 HEIC 格式的照片")
        return photo

    def action_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "photo"}
        return data


class PublicAppealForm(AppealIntakeForm):
    """Residents' form: phone required (it is how they look up the status later)."""

    appellant_phone = forms.CharField(
        label="手机号码", max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )

    def action_data(self) -> dict:
        return {**super().action_data(), "source": AppealSource.ONLINE}


class WorkerAppealForm(AppealIntakeForm):
    """Grid workers' phone form: source is the visit, the grid defaults to the worker's own."""

    def action_data(self) -> dict:
        return {**super().action_data(), "source": AppealSource.GRID_VISIT}


class HotlineAppealForm(AppealIntakeForm):
    """Hotline operators' fast form in the admin, with the ID number and the source."""

    source = forms.ChoiceField(label="来源", choices=AppealSource.choices, initial=AppealSource.HOTLINE)
    appellant_id_number = forms.CharField(label="身份证号", max_length=18, required=False)


class StatusLookupForm(forms.Form):
    """Serial number plus the last 4 digits of the phone given at intake."""

    serial = forms.CharField(label="诉求编号", max_length=60)
    phone_last4 = forms.RegexField(
        label="手机号后四位", regex=r"^\d{4}$", error_messages={"invalid": "请输入手机号码的后四位数字"}
    )
