"""Errors in the plone.restapi shape: {"error": {"type", "message"}} with the right status."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError


class ApiError(Exception):
    """Raised by API code to answer with a structured JSON error and a status code."""

    def __init__(self, status: int, error_type: str, message: str):
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message


def error_response(status: int, error_type: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"type": error_type, "message": message}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors:
        loc = ".".join(str(p) for p in err.get("loc", []) if p not in {"query", "body", "path"})
        parts.append(f"{loc}: {err.get('msg', '')}" if loc else str(err.get("msg", "")))
    return "参数有误：" + "；".join(parts)


def install_handlers(api) -> None:
    """Register the handlers that turn every failure into the structured JSON error."""

    @api.exception_handler(ApiError)
    def _api_error(request: HttpRequest, exc: ApiError):
        return error_response(exc.status, exc.error_type, exc.message)

    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError):
        return error_response(400, "BadRequest", _validation_message(exc))

    @api.exception_handler(AuthenticationError)
    def _auth(request: HttpRequest, exc: AuthenticationError):
        return error_response(401, "Unauthorized", "令牌无效或已过期")

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404):
        return error_response(404, "NotFound", "未找到该资源")

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError):
        names = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed"}
        return error_response(exc.status_code, names.get(exc.status_code, "Error"), str(exc))
