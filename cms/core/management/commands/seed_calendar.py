"""manage.py seed_calendar [--year Y ...] [--overwrite]: fill the working-day calendar."""

from django.core.management.base import BaseCommand, CommandError

from cms.core.services.calendar_seed import covered_years, seed_calendar


class Command(BaseCommand):
    """Seed holidays and make-up workdays from chinesecalendar; idempotent, keeps edited years."""

    help = "从 chinesecalendar 导入法定节假日和调休工作日（已有年度默认跳过，--overwrite 覆盖）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            metavar="Y",
            help="只导入该年（可重复）；默认导入 chinesecalendar 覆盖的全部年份",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="覆盖已有年度：删除该年已登记的节假日/调休日，按 chinesecalendar 重新导入",
        )

    def handle(self, *args, years=None, overwrite=False, **options):
        try:
            result = seed_calendar(years=years, overwrite=overwrite)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for year in result.created_years:
            self.stdout.write(self.style.SUCCESS(f"{year}年：已导入"))
        for year in result.overwritten_years:
            self.stdout.write(self.style.WARNING(f"{year}年：已覆盖"))
        for year in result.skipped_years:
            self.stdout.write(f"{year}年：已存在，跳过（加 --overwrite 可覆盖）")
        available = covered_years()
        self.stdout.write(
            f"共写入 {result.days_written} 条节假日/调休日；chinesecalendar 可用年份 {available[0]}–{available[-1]}"
        )
