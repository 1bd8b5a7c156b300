"""The admin form of village notices: the privacy guard on submit/publish, and the attachment limit."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm

from villages import attachments as attachment_files

GUARDED_ACTIONS = ("action-submit", "action-publish", "action-workflow-action")


class VillageNoticeForm(WagtailAdminPageForm):
    """Refuses oversized attachments always, and full personal numbers when the notice is submitted or published.

    Saving a draft with a number is allowed (the secretary may still be typing); the
    errors name each place and the header button "一键打码" masks them all.
    """

    def is_valid(self):
        # Formsets (the attachments) are validated after the form's own clean(), so the
        # checks run here, once everything else is valid.
        if not super().is_valid():
            return False
        self._check_notice(self.cleaned_data)
        return not self.errors

    def _check_notice(self, cleaned_data) -> None:
        if "action-publish" in self.data and not _may_publish_directly(self.for_user):
            self.add_error(None, "村务公开须经村务监督委员会审核后发布，请点击「提交审核」。")
        documents = self._attachment_documents()
        for title, document in documents:
            problem = attachment_files.size_problem(title, document.get_file_size())
            if problem:
                self.add_error(None, problem)
        if any(action in self.data for action in GUARDED_ACTIONS) and not self.errors:
            from villages.services.privacy_guard import notice_findings

            findings = notice_findings(
                title=cleaned_data.get("title") or "",
                body=cleaned_data.get("body") or "",
                finance_tables=cleaned_data.get("finance_tables"),
                deliberation=cleaned_data.get("deliberation"),
                attachments=documents,
            )
            for finding in findings:
                self.add_error(None, finding.message)
            if findings:
                self.add_error(None, "可先保存草稿，再点击页面顶部的「一键打码」自动打码。")

    def _attachment_documents(self) -> list[tuple[str, object]]:
        formset = self.formsets.get("attachments")
        if formset is None:
            return []
        result = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("document"):
                continue
            document = data["document"]
            result.append((data.get("title") or document.title, document))
        return result


def _may_publish_directly(user) -> bool:
    """Only superusers and the township's 审核员/管理员 may publish outside the review workflow."""
    if user is None:
        return False
    return user.is_superuser or user.groups.filter(name__in=("审核员", "管理员")).exists()
