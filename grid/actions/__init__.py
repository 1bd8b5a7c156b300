"""Appeal transitions, one per file (check() + execute() in a transaction, one AppealEvent each).

ACTIONS[name](appeal, user, note=…, expected_version=…, **params).execute() → Appeal
perform_appeal_action(appeal, user, name, **kwargs)
allowed_actions(appeal, user) → names usable now
ReceiveAction(township, user, data={…}).execute() → the new Appeal
"""

from __future__ import annotations

from grid.actions.accept import AcceptAction
from grid.actions.answer import AnswerAction
from grid.actions.approve_closure import ApproveClosureAction
from grid.actions.approve_extension import ApproveExtensionAction
from grid.actions.archive import ArchiveAction
from grid.actions.base import AppealAction
from grid.actions.dispatch import DispatchAction
from grid.actions.escalate import EscalateAction
from grid.actions.merge import MergeAction
from grid.actions.reassign import ReassignAction
from grid.actions.receive import ReceiveAction
from grid.actions.redo import RedoAction
from grid.actions.reject_closure import RejectClosureAction
from grid.actions.reject_extension import RejectExtensionAction
from grid.actions.request_extension import RequestExtensionAction
from grid.actions.resume import ResumeAction
from grid.actions.return_appeal import ReturnAction
from grid.actions.suspend import SuspendAction
from grid.actions.visit import VisitAction
from grid.exceptions import AppealActionError

ACTIONS: dict[str, type[AppealAction]] = {
    action.name: action
    for action in (
        DispatchAction,
        AcceptAction,
        ReturnAction,
        ReassignAction,
        RequestExtensionAction,
        ApproveExtensionAction,
        RejectExtensionAction,
        AnswerAction,
        ApproveClosureAction,
        RejectClosureAction,
        VisitAction,
        RedoAction,
        ArchiveAction,
        EscalateAction,
        SuspendAction,
        ResumeAction,
        MergeAction,
    )
}


def perform_appeal_action(appeal, user, name: str, **kwargs):
    """Run one transition by name; raises AppealActionError / AppealForbidden / AppealConflict."""
    action_class = ACTIONS.get(name)
    if action_class is None:
        raise AppealActionError(f"未知的诉求操作“{name}”")
    return action_class(appeal, user, **kwargs).execute()


def allowed_actions(appeal, user) -> list[str]:
    """Names of the transitions ``user`` may start on ``appeal`` now (input still to be given)."""
    allowed = []
    worker_cache = False
    for name, action_class in ACTIONS.items():
        action = action_class(appeal, user)
        action._worker = worker_cache
        if action.is_allowed():
            allowed.append(name)
        worker_cache = action._worker
    return allowed


__all__ = ["ACTIONS", "AppealAction", "ReceiveAction", "allowed_actions", "perform_appeal_action"]
