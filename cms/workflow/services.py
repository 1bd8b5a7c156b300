"""The review workflow's one entry point for the API and scripts (the admin uses the same actions).

    review_state(page)                      "draft" | "pending" | "published" | "expired"
    allowed_transitions(page, user)         subset of TRANSITIONS the user may perform now
    perform_transition(page, user, name, comment="")   → new review_state
    workflow_history(page)                  audit-log entries, oldest first

Errors: TransitionError (→ 400) and its subclass TransitionForbidden (→ 403),
each with a Chinese ``.message``. perform_transition reloads ``page`` from the
database, so save a revision of any edit before submitting it.
"""

from __future__ import annotations

from wagtail.models import Page

from cms.workflow.actions import ACTIONS
from cms.workflow.exceptions import TransitionError, TransitionForbidden
from cms.workflow.history import workflow_history
from cms.workflow.selectors import PageFacts, review_state

TRANSITIONS = ("submit", "approve", "reject", "retract")

__all__ = [
    "TRANSITIONS",
    "TransitionError",
    "TransitionForbidden",
    "allowed_transitions",
    "perform_transition",
    "review_state",
    "workflow_history",
]


def allowed_transitions(page: Page, user) -> list[str]:
    """The transitions ``user`` may perform on ``page`` now (a comment may still be required)."""
    facts = PageFacts(page, user)
    allowed = []
    for name in TRANSITIONS:
        action = ACTIONS[name](page, user)
        action.facts = facts  # one set of reads shared by the four checks
        if action.is_allowed():
            allowed.append(name)
    return allowed


def perform_transition(page: Page, user, transition: str, comment: str = "") -> str:
    """Run one transition and return the page's new review state; raises TransitionError/TransitionForbidden."""
    action_class = ACTIONS.get(transition)
    if action_class is None:
        raise TransitionError(f"未知的审核操作“{transition}”，可用操作：{'、'.join(TRANSITIONS)}")
    return action_class(page, user, comment).execute()
