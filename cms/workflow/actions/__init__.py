"""Review transitions, one per module (see base.TransitionAction)."""

from cms.workflow.actions.approve import ApproveAction
from cms.workflow.actions.base import TransitionAction
from cms.workflow.actions.reject import RejectAction
from cms.workflow.actions.retract import RETRACT_LOG_ACTION, RetractAction
from cms.workflow.actions.submit import SubmitAction

ACTIONS: dict[str, type[TransitionAction]] = {
    action.name: action for action in (SubmitAction, ApproveAction, RejectAction, RetractAction)
}

__all__ = [
    "ACTIONS",
    "ApproveAction",
    "RETRACT_LOG_ACTION",
    "RejectAction",
    "RetractAction",
    "SubmitAction",
    "TransitionAction",
]
