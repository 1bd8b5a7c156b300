"""Errors in the plone.restapi shape: {"error": {"type", "message"}} with the right status."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, JsonResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger(__name__)


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


_PYDANTIC_MESSAGES = {
    "missing": "缺少必填项",
    "int_parsing": "须为整数",
    "int_type": "须为整数",
    "int_from_float": "须为整数",
    "float_parsing": "须为数字",
    "bool_parsing": "须为 true 或 false",
    "date_from_datetime_parsing": "须为日期，格式 YYYY-MM-DD",
    "date_parsing": "须为日期，格式 YYYY-MM-DD",
    "date_type": "须为日期，格式 YYYY-MM-DD",
    "string_type": "须为字符串",
    "string_too_long": "过长（最多 {max_length} 个字符）",
    "string_too_short": "过短（至少 {min_length} 个字符）",
    "string_pattern_mismatch": "格式不正确",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "须大于 {gt}",
    "less_than_equal": "不能大于 {le}",
    "less_than": "须小于 {lt}",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "须为 JSON 对象",
    "dict_type": "须为 JSON 对象",
    "extra_forbidden": "是不支持的字段",
}


def _chinese(err: dict) -> str:
    template = _PYDANTIC_MESSAGES.get(err.get("type", ""))
    if template is None:
        return "取值无效"
    try:
        return template.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return template


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors:
        loc = ".".join(str(p) for p in err.get("loc", []) if p not in {"query", "body", "path", "payload"})
        parts.append(f"{loc} {_chinese(err)}" if loc else _chinese(err))
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

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path)
        return error_response(500, "InternalServerError", "服务器内部错误，请稍后再试")


def not_found_view(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Anything under /api/ that no route matches: a JSON 404 rather than the site's HTML page."""
    return error_response(404, "NotFound", "未找到该接口或页面")
