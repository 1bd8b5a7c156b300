"""Demo step (settings.DEMO_BUILDERS): index the demo township so its search works at once."""

from __future__ import annotations

from search.indexing.rebuild import rebuild_index


def build_search_index_demo(ctx) -> None:
    """Rebuild the search index after the demo content exists (inside load_demo's transaction)."""
    ctx.log("全文检索：正在建立索引……")
    result = rebuild_index()
    ctx.log(f"全文检索：已索引 {result.documents} 篇文档（{result.seconds:.1f} 秒）")
