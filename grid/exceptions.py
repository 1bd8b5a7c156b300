"""Errors of appeal actions, shaped for the admin, the forms and the APIs.

AppealActionError is a Django BadRequest (400); AppealForbidden also a PermissionDenied
(403); AppealConflict (409) when somebody else changed the appeal first. ``.message``
carries the Chinese text to show.
"""

from django.core.exceptions import BadRequest, PermissionDenied


class AppealActionError(BadRequest):
    """The action is not possible (wrong state, missing or bad input)."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class AppealForbidden(AppealActionError, PermissionDenied):
    """The user may not perform this action on this appeal."""

    status_code = 403


class AppealConflict(AppealActionError):
    """Another user changed the appeal first (e.g. two workers accepting it at once)."""

    status_code = 409
