"""Appellants' identity: masked for everyone without ``grid.view_appellant_identity``, every full view logged.

Used alike by the admin, the public pages, the Open311 API and the xlsx export:

    appellant_identity(appeal, user, purpose="admin_detail")  → AppellantIdentity (masked or full, logged)
    public_grid_label(appeal)                                  → grid name, or "（保密）" for confidential appeals
    log_identity_access(user=…, appeals=…, purpose=…)          → for bulk views such as exports

The masked shapes themselves (mask_name, mask_phone, mask_id_number) come from
cms.core.privacy, the one masking module of the product.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cms.core.privacy import mask_id_number, mask_name, mask_phone
from grid.models import Appeal, IdentityAccessLog

IDENTITY_PERMISSION = "grid.view_appellant_identity"
ANONYMOUS_LABEL = "匿名"
CONFIDENTIAL_LABEL = "（保密）"


def can_view_identity(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.has_perm(IDENTITY_PERMISSION))


@dataclass(frozen=True)
class AppellantIdentity:
    """What one viewer may see of an appellant: full values or masked ones."""

    name: str
    phone: str
    id_number: str
    masked: bool


def masked_identity(appeal: Appeal) -> AppellantIdentity:
    name = ANONYMOUS_LABEL if appeal.is_anonymous else mask_name(appeal.appellant_name)
    return AppellantIdentity(
        name=name,
        phone=mask_phone(appeal.appellant_phone),
        id_number=mask_id_number(appeal.appellant_id_number),
        masked=True,
    )


def appellant_identity(appeal: Appeal, user, *, purpose: str) -> AppellantIdentity:
    """The identity as ``user`` may see it; a full view is written to IdentityAccessLog."""
    if not can_view_identity(user):
        return masked_identity(appeal)
    log_identity_access(user=user, appeals=[appeal], purpose=purpose)
    return AppellantIdentity(
        name=appeal.appellant_name,
        phone=appeal.appellant_phone,
        id_number=appeal.appellant_id_number,
        masked=False,
    )


def log_identity_access(*, user, appeals: Iterable[Appeal], purpose: str) -> int:
    """Record that ``user`` saw the full identity of these appeals (one query); returns the count."""
    rows = [IdentityAccessLog(appeal_id=a.pk, user=user, purpose=purpose[:40]) for a in appeals if a.pk]
    IdentityAccessLog.objects.bulk_create(rows)
    return len(rows)


def public_grid_label(appeal: Appeal) -> str:
    """The grid as public pages may show it: hidden for confidential appeals."""
    if appeal.is_confidential:
        return CONFIDENTIAL_LABEL
    return appeal.grid_unit.name if appeal.grid_unit_id and appeal.grid_unit else ""


def phone_last4_matches(appeal: Appeal, last4: str) -> bool:
    """The status lookup's check: the last 4 digits of the appellant's phone."""
    phone = (appeal.appellant_phone or "").strip()
    return bool(last4) and len(last4) == 4 and len(phone) >= 4 and phone[-4:] == last4
