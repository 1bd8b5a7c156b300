"""POST /api/@login and POST /api/@logout: exchange credentials for a token, and give it back."""

from django.contrib.auth import authenticate
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Router

from cms.api.auth import required_token
from cms.api.errors import ApiError
from cms.api.schemas import ERRORS, LoginIn, TokenOut
from cms.api.tokens import LOGIN_TOKEN_LIFETIME, api_token_create, api_token_revoke, user_can_use_api

router = Router(tags=["login"])


@router.post("/@login", response={200: TokenOut, **ERRORS}, auth=None, summary="登录并获取令牌", by_alias=True)
def login_post(request, payload: LoginIn):
    """A token valid for 12 hours for an editor with admin access; send it as `Authorization: Bearer <token>`."""
    user = authenticate(request, username=payload.login, password=payload.password)
    if user is None:
        raise ApiError(401, "Unauthorized", "用户名或密码错误")
    if not user_can_use_api(user):
        raise ApiError(403, "Forbidden", "该账号没有后台访问权限，不能使用接口")
    token, key = api_token_create(user=user, name="登录令牌", expires_at=timezone.now() + LOGIN_TOKEN_LIFETIME)
    return JsonResponse({"token": key, "expires_at": token.expires_at.isoformat()})


@router.post("/@logout", response={204: None, **ERRORS}, auth=required_token, summary="注销令牌", by_alias=True)
def logout_post(request):
    """Revoke the token used for this request."""
    api_token_revoke(token=request.api_token)
    return HttpResponse(status=204)
