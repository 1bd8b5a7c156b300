"""python manage.py create_api_token USERNAME [--name N] [--days D]: issue an API token."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.api.tokens import api_token_create, user_can_use_api


class Command(BaseCommand):
    """Creates a token for a script or integration; the key is printed once and never stored."""

    help = "为用户创建接口令牌（令牌只显示一次）"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default="", help="令牌用途说明")
        parser.add_argument("--days", type=int, default=None, help="有效天数（默认长期有效）")

    def handle(self, *args, username: str, name: str, days: int | None, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"用户“{username}”不存在")
        if not user_can_use_api(user):
            raise CommandError(f"用户“{username}”已停用或没有后台访问权限，不能使用接口令牌")
        if days is not None and days <= 0:
            raise CommandError("--days 须为正整数")
        expires_at = timezone.now() + dt.timedelta(days=days) if days else None
        token, key = api_token_create(user=user, name=name, expires_at=expires_at)
        self.stdout.write(f"已为 {username} 创建接口令牌（编号 {token.pk}）。令牌只显示这一次，请妥善保存：")
        self.stdout.write(key)
