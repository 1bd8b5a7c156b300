"""API tokens: how editors authenticate to the headless API."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token an editor uses instead of the admin session (with an optional expiry).

    Wagtail 8 ships wagtailcore.APIToken for its own API; ours adds expires_at, which
    the @login tokens need, and lives with the API that checks it.

    Only a SHA-256 digest of the key is stored, so a leaked database does not leak
    usable tokens; the key itself is shown once, when the token is created.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cms_api_tokens", verbose_name=_("用户")
    )
    name = models.CharField(_("名称"), max_length=100, blank=True, help_text=_("用途说明，例如 数据同步脚本"))
    key_hash = models.CharField(_("密钥摘要"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("过期时间"), null=True, blank=True, help_text=_("留空表示长期有效"))

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name or self.pk}"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())
