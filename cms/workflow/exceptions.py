"""Errors of the review workflow, shaped for both the admin and the API.

TransitionError is a Django BadRequest (400) and TransitionForbidden also a
PermissionDenied (403), so a view that lets them escape still answers with the
right status instead of a 500; ``.message`` carries the Chinese text.
"""

from django.core.exceptions import BadRequest, PermissionDenied


class TransitionError(BadRequest):
    """The transition is not possible from the page's current state (API 400)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class TransitionForbidden(TransitionError, PermissionDenied):
    """The user may not perform this transition on this page (API 403)."""
