"""The GeoReport v2 error shape: a list of {code, description} with the HTTP status as code."""

from __future__ import annotations


class Open311Error(Exception):
    """Raised by Open311 code to answer with the spec's error list and status code.

    The spec names 400 (missing argument or general service error), 403 (invalid
    api_key) and 404 (service_code, service_request_id or token not found).
    """

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description

    def as_list(self) -> list[dict]:
        return [{"code": self.status, "description": self.description}]
