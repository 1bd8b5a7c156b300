"""python manage.py build_booklets [--township SLUG] [--all]: keep the booklets ready for download."""

import time

from django.core.management.base import BaseCommand

from cms.printing.booklets import build_kept_booklets
from cms.printing.management.commands._township import resolve_township


class Command(BaseCommand):
    """Build, as new versions, the booklets that are missing or stale (every one with --all)."""

    help = "生成（或重建）各乡镇保存的一本通：缺失或待更新的；--all 全部重建"

    def add_arguments(self, parser):
        parser.add_argument("--township", default=None, help="只处理这个乡镇（首页 slug；默认：全部乡镇）")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="rebuild_all",
            help="全部重建（更换打印模板、样式或字体后使用；指南未变时不会自动重建）",
        )

    def handle(self, *args, township, rebuild_all, **options):
        from cms.core.models import TownshipPage

        started = time.perf_counter()
        townships = [resolve_township(township)] if township else list(TownshipPage.objects.order_by("path"))
        built, skipped = build_kept_booklets(townships, rebuild_all=rebuild_all, progress=self.stdout.write)
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"一本通：新生成 {len(built)} 本，{len(skipped)} 本已是最新，用时 {seconds:.1f} 秒")
        )
