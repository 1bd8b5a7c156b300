"""Errors of the guides app, shaped like the workflow's so the admin and the API answer 400."""

from cms.workflow.exceptions import TransitionError


class GuideIncompleteError(TransitionError):
    """Publishing a guide while one of the 8 required categories is empty (``.missing`` lists them)."""

    def __init__(self, message: str, missing: list[str]):
        super().__init__(message)
        self.missing = missing
