"""Benchmark of the embedded search backend: indexing throughput, query latency, memory.

Runs against a throw-away SQLite file (never the project database):

    .venv/bin/python -m benchmarks.search.run --size 1k
    .venv/bin/python -m benchmarks.search.run --size 10k --rounds 5 --db /tmp/bench.sqlite3
    .venv/bin/python -m benchmarks.search.run --relevance   # recall@10 / nDCG@10: embedded vs Wagtail search

Prints one Markdown table; copy the figures you measured into benchmarks/RESULTS.md.
Sizes: 1k, 10k, 100k (100k takes several minutes and about a GB of disk; not on a shared box).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

QUERIES = [
    "低保",
    "最低生活保障",
    "医保",
    "醫保",
    "医疗保险 报销",
    "城乡居民医保",
    "新农合",
    "宅基地",
    "宅基地审批",
    "个体户",
    "个体工商户 营业执照",
    "高龄津贴",
    "残疾人两项补贴",
    "特困人员",
    "临时救助",
    "耕地地力保护补贴",
    "退耕还林",
    "危房改造",
    "农村公路",
    "村务公开",
    "财务公开",
    "政府信息公开",
    "依申请公开",
    "年度报告",
    "东山村 低保",
    "2023年 低保 发放",
    '"最低生活保障"',
    "“村务公开” 西河村",
    "养老保险 缴费",
    "惠农一卡通",
    "安全生产 隐患排查",
    "预决算",
    "三公经费",
    "宅急地",
    "ＡＢＣ",
    "NEAR(低保 医保)",
    "村",
    "量子计算机",
    "家庭医生签约",
    "易地扶贫搬迁",
]
PREFIXES = ["低", "低保", "宅基", "医疗", "村务", "个体", "耕地地力", "东山"]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1k", choices=["1k", "10k", "100k"])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rounds", type=int, default=5, help="times each query runs (after one warm-up)")
    parser.add_argument("--db", help="SQLite file to use (default: a temporary file, deleted afterwards)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --db: keep an index already built there by an earlier run (skips indexing)",
    )
    parser.add_argument(
        "--relevance",
        action="store_true",
        help="instead: recall@10 / nDCG@10 of the embedded backend and Wagtail's stock search on the demo",
    )
    args = parser.parse_args()

    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="searchbench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.search.corpus import SIZES, generate
    from search import text as search_text
    from search.backends.base import SearchQuery
    from search.backends.embedded import EmbeddedBackend

    call_command("migrate", verbosity=0)  # the whole project: post-migrate hooks need their tables
    if args.relevance:
        rows = relevance_rows()
        _print_table(f"relevance on the demo township, SQLite ({len(rows) - 1} backends)", rows, db_path, args.db)
        return
    rows: list[tuple[str, str]] = []
    jieba_seconds = search_text.jieba_load_seconds()
    rows.append(("jieba + dictionary load (once per process)", f"{jieba_seconds:.2f} s"))

    count = SIZES[args.size]
    started = time.perf_counter()
    docs = list(generate(count, seed=args.seed))
    chars = sum(len(d.title) + len(d.text) for d in docs)
    rows.append(("corpus generation", f"{time.perf_counter() - started:.1f} s ({chars / count:.0f} chars/doc)"))

    backend = EmbeddedBackend(site="bench")
    if args.reuse and args.db and len(backend.document_ids()) == count:
        rows.append((f"index {count} documents", "reused from an earlier run (--reuse), not timed"))
    else:
        backend.clear()
        started = time.perf_counter()
        backend.index(docs)
        seconds = time.perf_counter() - started
        rows.append(
            (
                f"index {count} documents",
                f"{seconds:.1f} s = {count / seconds:.0f} docs/s, {chars / seconds / 1000:.0f}k chars/s",
            )
        )

    latencies: list[float] = []
    for round_ in range(args.rounds + 1):
        for q in QUERIES:
            started = time.perf_counter()
            backend.search(SearchQuery(q=q))
            if round_:  # the first round warms caches
                latencies.append((time.perf_counter() - started) * 1000)
    rows.append(
        (
            f"search p50 / p95 ({len(QUERIES)} queries x {args.rounds})",
            f"{percentile(latencies, 0.5):.1f} / {percentile(latencies, 0.95):.1f} ms (max {max(latencies):.1f})",
        )
    )

    suggest_latencies: list[float] = []
    for round_ in range(args.rounds + 1):
        for prefix in PREFIXES:
            started = time.perf_counter()
            backend.suggest(prefix)
            if round_:
                suggest_latencies.append((time.perf_counter() - started) * 1000)
    rows.append(
        (
            "autocomplete p50 / p95",
            f"{percentile(suggest_latencies, 0.5):.1f} / {percentile(suggest_latencies, 0.95):.1f} ms",
        )
    )
    hits = [backend.search(SearchQuery(q=q)).total for q in QUERIES]
    rows.append(
        (
            "queries with hits",
            f"{sum(1 for h in hits if h)} / {len(QUERIES)} (median total {statistics.median(hits):.0f})",
        )
    )
    rows.append(("peak RSS", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"))
    rows.append(("database file", f"{db_path.stat().st_size / 1024 / 1024:.1f} MB"))

    _print_table(f"embedded search backend, SQLite, {args.size} documents (seed {args.seed})", rows, db_path, args.db)


def relevance_rows() -> list[tuple[str, str]]:
    """Build the core demo, index it both ways, score the labeled queries of tests/search/relevance."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    from benchmarks.search.relevance import embedded_search, evaluate, wagtail_search
    from cms.core.demo.builders import build_demo
    from search.backends.embedded import EmbeddedBackend
    from search.indexing import registry
    from tests.search.relevance.queries import QUERIES

    with override_settings(DEMO_BUILDERS=[]):
        build_demo(log=lambda line: None)
    call_command("update_index", verbosity=0)  # Wagtail's own index, as `manage.py update_index` builds it
    documents = list(registry.all_documents())
    backend = EmbeddedBackend(site="relevance")
    backend.clear()
    backend.index(documents)
    titles = [doc.title for doc in documents]
    rows = [("documents / queries", f"{len(documents)} / {len(QUERIES)}")]
    for name, search in (
        ("embedded (jieba + FTS5)", embedded_search(backend)),
        ("Wagtail database search", wagtail_search()),
    ):
        report = evaluate(search, QUERIES, titles)
        rows.append(
            (
                name,
                f"recall@10 {report.recall:.3f} · nDCG@10 {report.ndcg:.3f} · "
                f"{report.zero_result_queries} queries without results",
            )
        )
    return rows


def _print_table(heading: str, rows: list[tuple[str, str]], db_path: Path, keep_db: str | None) -> None:
    print(f"## {heading}")
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} CPUs · "
        f"Python {platform.python_version()} · SQLite {__import__('sqlite3').sqlite_version}"
    )
    print()
    print("| measure | result |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if not keep_db:
        for path in db_path.parent.iterdir():
            path.unlink()
        db_path.parent.rmdir()


if __name__ == "__main__":
    main()
