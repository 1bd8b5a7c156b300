"""Benchmark of `rebuild_search_index` over real pages: N disclosed items in the database, rebuilt from scratch.

Unlike `run.py`, which times `EmbeddedBackend.index()` of generated documents, this walks
the database exactly as the management command does (registry → `search_document()` of
every candidate page → backend), so it includes the page queries, rich-text flattening,
catalog paths and URLs:

    .venv/bin/python -m benchmarks.search.rebuild --size 10k
    .venv/bin/python -m benchmarks.search.rebuild --size 10k --db /tmp/rebuild.sqlite3 --reuse

Runs against a throw-away SQLite file (never the project database). Creating the pages is
set-up and is not timed (≈ 2–4 minutes for 10k).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

SIZES = {"1k": 1_000, "10k": 10_000}


def create_pages(count: int, seed: int, log) -> int:
    """The core demo township plus `count` live disclosed items spread over its level-3 directories."""
    from django.db import transaction
    from django.test.utils import override_settings

    from benchmarks.search.corpus import PUBLISHERS, generate
    from cms.catalog.models import CatalogDirectoryPage
    from cms.core.demo.builders import build_demo
    from cms.core.models import Organisation
    from cms.disclosure.models import DisclosureItemPage

    with override_settings(DEMO_BUILDERS=[]):
        build_demo(log=lambda line: None)
    directories = [d for d in CatalogDirectoryPage.objects.live().order_by("path") if d.is_leaf() or d.depth >= 5]
    publishers = {name: Organisation.objects.get_or_create(name=name)[0] for name in PUBLISHERS}
    started = time.perf_counter()
    for number, document in enumerate(generate(count, seed=seed), start=1):
        directory = directories[number % len(directories)]
        item = DisclosureItemPage(
            title=document.title[:250],
            slug=f"bench-{number}",
            summary=document.text[:200],
            body="".join(f"<p>{part}</p>" for part in document.text.split("。") if part),
            publisher=publishers[document.publisher],
            created_on=document.date,
            disclosed_on=document.date,
            index_number=f"BENCH-{number:07d}",
            live=True,
        )
        with transaction.atomic():
            directory.add_child(instance=item)
        if number % 1000 == 0:
            log(f"  created {number}/{count} pages ({time.perf_counter() - started:.0f} s)")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1k", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--db", help="SQLite file to use (default: a temporary file, deleted afterwards)")
    parser.add_argument("--reuse", action="store_true", help="with --db: keep the pages an earlier run created")
    args = parser.parse_args()

    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="rebuildbench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    django.setup()
    from django.core.management import call_command

    from cms.disclosure.models import DisclosureItemPage
    from search.indexing.rebuild import check_index, rebuild_index

    call_command("migrate", verbosity=0)
    count = SIZES[args.size]
    if not (args.reuse and DisclosureItemPage.objects.filter(slug__startswith="bench-").count() == count):
        print(f"creating {count} pages (set-up, not timed) …", flush=True)
        create_pages(count, args.seed, lambda line: print(line, flush=True))
    load = open("/proc/loadavg").read().split()[:3] if Path("/proc/loadavg").exists() else ["?"]

    def progress(done: int, total: int, seconds: float) -> None:
        if done % 2000 == 0 or done == total:
            print(f"  indexed {done}/{total} ({seconds:.1f} s)", flush=True)

    result = rebuild_index(progress=progress)
    started = time.perf_counter()
    difference = check_index()
    check_seconds = time.perf_counter() - started
    rows = [
        ("load average at start", " / ".join(load)),
        ("pages in the database", f"{count} bench items + the core demo"),
        (
            "rebuild_index (as `rebuild_search_index`)",
            f"{result.documents} documents in {result.seconds:.1f} s = {result.rate:.0f} docs/s",
        ),
        ("check_index (as `--check`)", f"{check_seconds:.1f} s, clean: {difference.clean}"),
        ("peak RSS", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"),
    ]
    print(f"## rebuild_search_index over {count} pages, SQLite ({result.backend})")
    print(
        f"{platform.node()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
        f"SQLite {__import__('sqlite3').sqlite_version}"
    )
    print()
    print("| measure | result |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if not args.db:
        for path in db_path.parent.iterdir():
            path.unlink()
        db_path.parent.rmdir()


if __name__ == "__main__":
    main()
