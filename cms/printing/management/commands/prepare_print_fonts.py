"""python manage.py prepare_print_fonts: build the pre-subset CJK print fonts once.

Measured on the 2-core VM: about 65 s per weight, two weights; `make setup` runs it so the
first PDF a user asks for does not wait for it. Instant when the fonts exist."""

from django.core.management.base import BaseCommand

from cms.printing.fonts import prepare_print_fonts


class Command(BaseCommand):
    """Prepare the cached print fonts ahead of the first PDF."""

    help = "预先制作打印用的中文字体子集"

    def handle(self, *args, **options):
        fonts = prepare_print_fonts(log=self.stdout.write)
        for font in fonts:
            self.stdout.write(f"字重 {font.weight}：{font.path}")
        if not fonts:
            self.stdout.write(self.style.WARNING("未找到 Noto Sans CJK SC，请安装 fonts-noto-cjk"))
