"""Issuing and checking API tokens (the write/read services behind ApiToken)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from cms.api.models import ApiToken

KEY_PREFIX = "cms_"
LOGIN_TOKEN_LIFETIME = dt.timedelta(hours=12)
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenInvalid(Exception):
    """The presented key matches no token, or the token has expired."""


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def user_can_use_api(user: AbstractBaseUser) -> bool:
    """Only active users with Wagtail admin access may hold or use a token."""
    return bool(user.is_active and user.has_perm("wagtailadmin.access_admin"))


def api_token_create(
    *, user: AbstractBaseUser, name: str = "", expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token and return it with its key; the key is never stored and cannot be shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_key(key), expires_at=expires_at)
    return token, key


def api_token_authenticate(key: str) -> ApiToken:
    """The live token for a key (with its user loaded); raises TokenInvalid otherwise."""
    if not key or len(key) > 200:
        raise TokenInvalid
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    now = timezone.now()
    if token is None or token.is_expired(now):
        raise TokenInvalid
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_token_revoke(*, token: ApiToken) -> None:
    token.delete()
