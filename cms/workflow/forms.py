"""Admin forms of the review workflow."""

from django import forms


class RetractForm(forms.Form):
    """The reason a reviewer gives for taking a published page down (kept in the audit log)."""

    reason = forms.CharField(
        label="撤回理由",
        max_length=1000,
        strip=True,
        widget=forms.Textarea({"rows": 4}),
        error_messages={"required": "撤回必须填写理由", "max_length": "撤回理由不能超过 %(limit_value)d 个字"},
        help_text="理由将记入审核记录，并显示在页面历史中。",
    )
