"""replay_search_outbox: apply the pending index operations now (what the periodic task does)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.indexing.outbox import DEFAULT_SITE, outbox_replay


class Command(BaseCommand):
    help = "重放全文检索的待索引操作（检索服务恢复后执行）；--all 连同多次失败的操作一起重试"

    def add_arguments(self, parser):
        parser.add_argument("--site", default=DEFAULT_SITE, help="索引站点名（默认 default）")
        parser.add_argument("--all", action="store_true", dest="include_failed", help="也重试已多次失败的操作")

    def handle(self, *args, site: str, include_failed: bool, **options):
        result = outbox_replay(site=site, include_failed=include_failed)
        self.stdout.write(f"写入索引 {result.indexed} 篇，移出索引 {result.deleted} 篇，仍待处理 {result.remaining} 项")
        for doc_id in result.failed_documents:
            self.stdout.write(f"  无法生成检索文档：{doc_id}")
        if result.backend_error:
            raise CommandError(f"检索服务不可用，待处理的操作已保留：{result.backend_error}", returncode=1)
