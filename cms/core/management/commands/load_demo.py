"""`python manage.py load_demo [--reset]`: build the demo township once."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cms.core.demo import builders, data


class Command(BaseCommand):
    """Loads the demo township so a fresh checkout shows a working site.

    Idempotent: when the demo township exists it changes nothing and says so in one
    line; --reset deletes it and builds it again.
    """

    # `make setup` has just run migrate, which ran the checks.
    requires_system_checks: list[str] = []
    help = "载入演示乡镇（腾冲市明光镇）：站点、公开目录、示例信息和演示账号。已存在时不做更改，--reset 重建。"

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="删除已有演示数据后重建")

    def handle(self, *args, reset: bool = False, verbosity: int = 1, **options):
        started = time.monotonic()

        def log(line: str) -> None:
            if verbosity >= 1:
                self.stdout.write(line)

        try:
            existing = builders.find_demo_township()
        except DatabaseError as exc:
            raise CommandError(f"数据库尚未就绪，请先运行 python manage.py migrate（{exc}）") from exc

        if existing is not None and not reset:
            log(f"演示数据已存在（{existing.title}），未做任何更改。如需重建：python manage.py load_demo --reset")
            return
        if existing is not None:
            builders.remove_demo(log=log)

        log(f"开始载入演示乡镇「{data.TOWNSHIP['title']}」……")
        summary = builders.build_demo(log=log)
        for note in summary.notes:
            self.stderr.write(self.style.WARNING(f"注意：{note}"))
        log(
            self.style.SUCCESS(
                f"演示数据载入完成，用时 {time.monotonic() - started:.1f} 秒。"
                "运行 python manage.py demo_banner 查看网址和演示账号。"
            )
        )
