"""驳回延期: the pending extension request is refused; the due date stays."""

from __future__ import annotations

from grid.actions.approve_extension import ApproveExtensionAction


class RejectExtensionAction(ApproveExtensionAction):
    """Refuse the pending extension request (reason required)."""

    name = "reject_extension"
    title = "驳回延期"
    note_required = True
    missing_note_message = "驳回延期必须填写理由"

    def perform(self) -> None:
        self.appeal.extension_requested_days = 0
