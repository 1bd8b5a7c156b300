"""python manage.py build_booklet --audience personal|enterprise [--topic T] [--format A4|A5] --output FILE.pdf"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.printing.guides import BookletInputError, render_booklet
from cms.printing.management.commands._township import resolve_township


class Command(BaseCommand):
    """Print a 一本通 booklet to a file, with progress."""

    help = "生成办事一本通 PDF"

    def add_arguments(self, parser):
        parser.add_argument("--audience", required=True, help="personal（个人）或 enterprise（企业）")
        parser.add_argument("--topic", default=None, help="只收某一主题，例如 social_assistance")
        parser.add_argument("--format", default="A5", dest="page_format", help="A4 或 A5（默认 A5）")
        parser.add_argument("--output", required=True, help="输出的 PDF 文件")
        parser.add_argument("--township", default=None, help="乡镇首页的 slug（默认：默认站点的乡镇）")

    def handle(self, *args, audience, topic, page_format, output, township, **options):
        started = time.perf_counter()
        township_page = resolve_township(township)
        self.stdout.write(f"乡镇：{township_page.title}")
        try:
            pdf = render_booklet(
                township_page, audience, topic=topic, page_format=page_format.upper(), progress=self.stdout.write
            )
        except BookletInputError as exc:
            raise CommandError(str(exc)) from exc
        Path(output).write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(f"已写入 {output}（{len(pdf) // 1024} KB，用时 {time.perf_counter() - started:.1f} 秒）")
        )
