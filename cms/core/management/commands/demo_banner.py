"""`python manage.py demo_banner --url http://127.0.0.1:8000/`: where to click and how to log in."""

from django.core.management.base import BaseCommand

from cms.core.demo import data


class Command(BaseCommand):
    """Prints the addresses and demo accounts that `make run` shows before the server starts.

    It reads nothing from the database, so it is instant and works before load_demo.
    """

    help = "打印演示站点网址、管理后台、API 地址和演示账号。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="站点根网址（site root URL）")

    def handle(self, *args, url: str, **options):
        base = url if url.endswith("/") else url + "/"
        rule = "=" * 64
        lines = [
            rule,
            f"  {data.SITE_NAME}",
            rule,
            f"  公开站点 (public site)   {base}",
            f"  管理后台 (admin)         {base}admin/",
            f"  内容 API (content API)   {base}api/content",
            f"  API 文档 (API docs)      {base}api/docs",
            "",
            "  演示账号 (demo accounts)  用户名 / 密码 / 用户组",
        ]
        lines += [f"    {u.username:<9} / {u.password:<15} / {u.group}" for u in data.USERS]
        lines += [
            "",
            "  演示数据仅供体验，请勿用于生产 (demo data only — never use these passwords in production)",
            "  按 Ctrl+C 停止服务 (press Ctrl+C to stop)",
            rule,
        ]
        self.stdout.write("\n".join(lines))
