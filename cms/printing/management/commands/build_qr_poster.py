"""python manage.py build_qr_poster --output poster.pdf"""

from pathlib import Path

from django.core.management.base import BaseCommand

from cms.printing.management.commands._township import resolve_township
from cms.printing.poster import poster_guides, render_qr_poster


class Command(BaseCommand):
    """Print the A3 码上知 QR-code wall poster of all public guides."""

    help = "生成码上知二维码墙贴（A3 PDF）"

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="输出的 PDF 文件")
        parser.add_argument("--township", default=None, help="乡镇首页的 slug（默认：默认站点的乡镇）")

    def handle(self, *args, output, township, **options):
        township_page = resolve_township(township)
        guides = poster_guides(township_page)
        self.stdout.write(f"乡镇：{township_page.title}，{len(guides)} 篇公开的办事指南，正在生成…")
        pdf = render_qr_poster(township_page, guides=guides)
        Path(output).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"已写入 {output}（{len(pdf) // 1024} KB）"))
