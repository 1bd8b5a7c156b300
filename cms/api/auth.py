"""Bearer-token authentication for the API.

A request without an Authorization header is anonymous; a header that carries a wrong
or expired token is answered with 401 and never downgraded to anonymous, so a client
with a broken token learns about it instead of silently seeing less.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from cms.api.errors import ApiError
from cms.api.tokens import TokenInvalid, api_token_authenticate, user_can_use_api


def _user_from_header(request: HttpRequest):
    header = request.headers.get("Authorization", "")
    if not header.strip():
        return AnonymousUser()
    scheme, _, key = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError(401, "Unauthorized", "认证方式无效，请使用 Authorization: Bearer <令牌>")
    try:
        token = api_token_authenticate(key.strip())
    except TokenInvalid:
        raise ApiError(401, "Unauthorized", "令牌无效或已过期")
    if not user_can_use_api(token.user):
        raise ApiError(403, "Forbidden", "该账号没有后台访问权限，不能使用接口令牌")
    request.api_token = token
    return token.user


class OptionalToken(HttpBearer):
    """Anonymous unless a Bearer token is sent; sets request.user to the token's user."""

    def __call__(self, request: HttpRequest):
        request.user = _user_from_header(request)
        return request.user

    def authenticate(self, request: HttpRequest, token: str):  # pragma: no cover - __call__ does the work
        return None


class RequiredToken(OptionalToken):
    """Like OptionalToken, but an anonymous caller is refused with 401."""

    def __call__(self, request: HttpRequest):
        user = super().__call__(request)
        if not user.is_authenticated:
            raise ApiError(401, "Unauthorized", "请先登录：在请求头中提供 Authorization: Bearer <令牌>")
        return user


optional_token = OptionalToken()
required_token = RequiredToken()
