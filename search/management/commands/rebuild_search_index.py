"""rebuild_search_index: fill the search index from the database, or compare the two (--check)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.indexing.outbox import DEFAULT_SITE
from search.indexing.rebuild import check_index, rebuild_index

SHOWN_IDS = 20


class Command(BaseCommand):
    help = "重建全文检索索引（建好新索引后整体切换）；--check 只比较索引与数据库并报告差异"

    def add_arguments(self, parser):
        parser.add_argument("--site", default=DEFAULT_SITE, help="索引站点名（默认 default）")
        parser.add_argument(
            "--check", action="store_true", help="只检查：报告缺失、多余和过期的文档，有差异时退出码为 1"
        )

    def handle(self, *args, site: str, check: bool, **options):
        if check:
            return self._check(site)
        result = rebuild_index(site=site, progress=self._progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"索引重建完成：{result.documents} 篇文档，用时 {result.seconds:.1f} 秒"
                f"（{result.rate:.0f} 篇/秒，后端 {result.backend}）"
            )
        )

    def _progress(self, done: int, total: int, seconds: float) -> None:
        rate = done / seconds if seconds > 0 else 0.0
        self.stdout.write(f"  已处理 {done}/{total}（{rate:.0f} 篇/秒）")

    def _check(self, site: str) -> None:
        difference = check_index(site=site)
        self.stdout.write(f"数据库中应索引 {difference.expected} 篇，索引中现有 {difference.indexed} 篇")
        for label, ids in (("缺失", difference.missing), ("多余", difference.extra), ("过期", difference.stale)):
            self.stdout.write(f"{label}：{len(ids)}")
            for doc_id in ids[:SHOWN_IDS]:
                self.stdout.write(f"  {doc_id}")
            if len(ids) > SHOWN_IDS:
                self.stdout.write(f"  ……另有 {len(ids) - SHOWN_IDS} 篇")
        if not difference.clean:
            raise CommandError("索引与数据库不一致，请运行 python manage.py rebuild_search_index", returncode=1)
        self.stdout.write(self.style.SUCCESS("索引与数据库一致"))
