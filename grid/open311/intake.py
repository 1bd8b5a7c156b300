"""POST requests: check the api_key, map the spec's arguments, and receive through grid.actions.

API keys are the API tokens of cms.api (ApiToken; created in the admin or with
`manage.py create_api_token`): hashed at rest, optional expiry, tied to a user. The
user must have Wagtail admin access and may receive appeals (grid.add_appeal, or a
grid-worker record), the same rule as every other intake form. The appeal is created by
ReceiveAction with source 网上提交, so its serial, due date and first timeline entry are
made exactly as for the other channels; media_url (a photo's http(s) address, at most
500 characters) is checked there and stored on the appeal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from cms.api.tokens import TokenInvalid, api_token_authenticate, user_can_use_api
from cms.core.models import TownshipPage
from grid.actions import ReceiveAction
from grid.exceptions import AppealActionError, AppealForbidden
from grid.models import Appeal, AppealCategory, AppealSource, GridUnit
from grid.open311.errors import Open311Error

MAX_DESCRIPTION = 4000  # the spec's limit


def authenticate_api_key(api_key: str | None):
    """The user behind an api_key; 400 when none is given, 403 when it is wrong, expired or powerless."""
    if not (api_key or "").strip():
        raise Open311Error(400, "缺少 api_key")
    try:
        token = api_token_authenticate(api_key.strip())
    except TokenInvalid:
        raise Open311Error(403, "api_key 无效或已过期") from None
    if not user_can_use_api(token.user):
        raise Open311Error(403, "api_key 所属账号没有后台访问权限")
    return token.user


@dataclass(frozen=True)
class PostedRequest:
    """The arguments of POST requests that this server uses (email, device_id, account_id are ignored)."""

    service_code: str
    description: str
    lat: str
    long: str
    address_string: str
    address_id: str
    first_name: str
    last_name: str
    phone: str
    media_url: str

    @classmethod
    def from_params(cls, params) -> PostedRequest:
        def value(name: str) -> str:
            raw = params.get(name, "")
            return str(raw if raw is not None else "").strip()

        return cls(**{name: value(name) for name in cls.__dataclass_fields__})


def _category(township: TownshipPage, code: str) -> AppealCategory:
    if not code:
        raise Open311Error(400, "缺少 service_code")
    category = AppealCategory.objects.filter(township=township, code=code).first()
    if category is None or not category.is_active:
        raise Open311Error(404, f"未找到 service_code 为 {code[:30]} 的服务")
    return category


def _grid_unit(township: TownshipPage, address_id: str) -> GridUnit | None:
    if not address_id:
        return None
    grid_unit = GridUnit.objects.filter(township=township, code=address_id).first()
    if grid_unit is None:
        raise Open311Error(400, f"address_id 应为本乡镇的网格编号，未找到 {address_id[:30]}")
    return grid_unit


def receive_posted_request(*, township: TownshipPage, user, params) -> Appeal:
    """Create the appeal of a POST requests call; every refusal is an Open311Error with a Chinese message."""
    posted = PostedRequest.from_params(params)
    category = _category(township, posted.service_code)
    has_position = bool(posted.lat and posted.long)
    if not (has_position or posted.address_string or posted.address_id):
        raise Open311Error(400, "缺少位置：请提供 lat 和 long，或 address_string，或 address_id")
    if bool(posted.lat) != bool(posted.long):
        raise Open311Error(400, "lat 和 long 须同时提供")
    if len(posted.description) > MAX_DESCRIPTION:
        raise Open311Error(400, f"description 不能超过 {MAX_DESCRIPTION} 字")
    data = {
        "category": category,
        "grid_unit": _grid_unit(township, posted.address_id),
        "source": AppealSource.ONLINE,
        "description": posted.description,
        "address": posted.address_string,
        "lat": posted.lat or None,
        "lng": posted.long or None,
        # Chinese names put the family name first.
        "appellant_name": f"{posted.last_name}{posted.first_name}",
        "appellant_phone": posted.phone,
        "media_url": posted.media_url,
    }
    try:
        return ReceiveAction(township, user, data=data, note="Open311 接口提交").execute()
    except AppealForbidden as exc:
        raise Open311Error(403, exc.message) from None
    except AppealActionError as exc:
        raise Open311Error(400, exc.message) from None


def service_notice(appeal: Appeal) -> str:
    return f"已受理，编号 {appeal.serial}，办理期限 {appeal.due_on:%Y-%m-%d}" if appeal.due_on else "已受理"


def token_lookup(township_id: int, token: str) -> Appeal:
    """Requests are realtime, so a token is the service_request_id itself."""
    appeal = Appeal.objects.filter(Q(township_id=township_id) & Q(serial=token)).only("serial").first()
    if appeal is None:
        raise Open311Error(404, f"未找到令牌 {token[:60]}")
    return appeal
