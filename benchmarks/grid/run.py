"""Benchmark of the grid module on PostgreSQL: concurrent intake, the dashboard, the grid import.

Runs against its own PostgreSQL database (created and migrated when missing, emptied of
grid data before each run; never the project database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_grid \\
        .venv/bin/python -m benchmarks.grid.run --clients 8 --intake 2000 --appeals 100000

1. intake: `--clients` client processes (`--client-mode thread`: threads of this process,
   as in runs before 2026-11-21 afternoon), each with its own connection, receive appeals
   through grid.actions.ReceiveAction (the action layer every channel uses); appeals/s over
   the wall-clock time, then a check that none was lost and the serials are unique and gap-free;
2. dashboard: `--appeals` appeals bulk-inserted over 12 months (with their stored local
   days, as Appeal.save() would write them), then the three dashboard
   tables (month, grid, category) timed after one warm-up; median and max of `--rounds`;
3. import: `--import-rows` grid units (CSV, UTF-8) and then as many grid workers through
   grid.resources and cms.core.imports.running.run_import (the path of `import_grid`),
   real run (not dry), timed from the CSV bytes to the commit; `--import-rows 0` skips it.

Prints one Markdown table; copy the figures you measured into benchmarks/RESULTS.md.
Targets (issue 6): intake ≥ 200 appeals/s; dashboard ≤ 300 ms; import 10k ≤ 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import random
import statistics
import sys
import threading
import time


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _world():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from cms.core.models import TownshipPage
    from grid.models import Appeal, AppealCategory, AppealSerial, GridUnit, IdentityAccessLog

    township = TownshipPage.objects.filter(slug="bench-grid").first()
    if township is None:
        township = TownshipPage(title="基准镇", slug="bench-grid", organisation_code="BENCH-1", office_name="基准镇办")
        Page.get_first_root_node().add_child(instance=township)
    IdentityAccessLog.objects.filter(appeal__township=township).delete()
    Appeal.objects.filter(township=township).delete()
    AppealSerial.objects.filter(township=township).delete()
    categories = []
    for index in range(12):
        category, _ = AppealCategory.objects.get_or_create(
            township=township, code=f"B{index:02d}", defaults={"name": f"分类{index}", "time_limit_days": 5}
        )
        categories.append(category)
    grids = []
    for index in range(35):
        grid, _ = GridUnit.objects.get_or_create(
            township=township, code=f"BG-{index:02d}", defaults={"name": f"网格{index}"}
        )
        grids.append(grid)
    user = get_user_model().objects.filter(username="bench-grid").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-grid", "bench@example.cn", "bench-grid-pass")
    return township, categories, grids, user


IMPORT_PREFIX = "BI-"


def _clear_imported(township) -> None:
    from grid.models import GridUnit, GridWorker

    GridWorker.objects.filter(township=township, phone__startswith="199").delete()
    GridUnit.objects.filter(township=township, code__startswith=IMPORT_PREFIX).delete()


def bench_import(township, *, rows: int) -> dict:
    """Seconds to import ``rows`` grid units, then ``rows`` grid workers, each file in one all-or-nothing run."""
    from cms.core.imports.reading import read_spreadsheet
    from cms.core.imports.running import run_import
    from grid.resources import GridUnitResource, GridWorkerResource
    from villages.models import NaturalVillage, Village

    _clear_imported(township)
    village, _ = Village.objects.get_or_create(township=township, code="BENCH-V", defaults={"name": "基准村"})
    naturals = [NaturalVillage.objects.get_or_create(village=village, name=f"自然村{n}")[0] for n in range(20)]
    unit_lines = ["网格编码,网格名称,行政村,自然村,户数,人口,网格长"]
    unit_lines += [
        f"{IMPORT_PREFIX}{n:05d},网格{n},基准村,{naturals[n % len(naturals)].name},{n % 300},{n % 1200},"
        for n in range(rows)
    ]
    worker_lines = ["姓名,手机号,角色,网格编码,登录账号"]
    worker_lines += [
        f"网格员{n},199{n:08d},{'网格长' if n % 3 == 0 else '专职网格员'},{IMPORT_PREFIX}{n:05d}," for n in range(rows)
    ]
    results = {}
    for kind, resource_class, lines in (
        ("units", GridUnitResource, unit_lines),
        ("workers", GridWorkerResource, worker_lines),
    ):
        content = ("\n".join(lines) + "\n").encode("utf-8")
        began = time.perf_counter()
        data = read_spreadsheet(content, f"{kind}.csv")
        report = run_import(resource_class(township=township), data, dry_run=False)
        results[kind] = (time.perf_counter() - began, report.saved, report.totals["new"], report.errors[:3])
    return results


def _receive_many(township, categories, grids, user, *, seed: int, count: int) -> None:
    """One client: ``count`` intakes through ReceiveAction on its own connection."""
    from grid.actions import ReceiveAction

    rng = random.Random(seed)
    for _ in range(count):
        data = {
            "category": rng.choice(categories),
            "grid_unit": rng.choice(grids),
            "source": "hotline",
            "description": "路灯不亮，影响夜间出行",
            "appellant_name": "张三",
            "appellant_phone": "13812345678",
        }
        ReceiveAction(township, user, data=data).execute()


def _client_process(args, barrier, errors) -> None:
    from django.db import connection

    barrier.wait()
    try:
        _receive_many(*args[:4], seed=args[4], count=args[5])
    except Exception as exc:  # noqa: BLE001 - reported in the table
        errors.put(repr(exc))
    finally:
        connection.close()


def bench_intake(township, categories, grids, user, *, clients: int, total: int, mode: str = "process") -> dict:
    """Appeals/s with ``clients`` concurrent clients: processes (like web workers) or threads of this process.

    Threads share one interpreter lock: a thread that holds the serial-number row lock must
    win the GIL back after each of its round trips, which is not what concurrent web
    workers (separate processes) see; "thread" is kept to compare with earlier runs.
    """
    from django.db import connection, connections

    from grid.models import Appeal

    per_client = total // clients
    errors: list[str] = []
    if mode == "process":
        context = multiprocessing.get_context("fork")
        barrier, queue = context.Barrier(clients + 1), context.Queue()
        connections.close_all()  # never share a connection with the forked clients
        workers = [
            context.Process(
                target=_client_process, args=((township, categories, grids, user, n, per_client), barrier, queue)
            )
            for n in range(clients)
        ]
    else:
        barrier = threading.Barrier(clients + 1)

        def run_thread(seed: int) -> None:
            barrier.wait()
            try:
                _receive_many(township, categories, grids, user, seed=seed, count=per_client)
            except Exception as exc:  # noqa: BLE001 - reported in the table
                errors.append(repr(exc))
            finally:
                connection.close()

        workers = [threading.Thread(target=run_thread, args=(n,)) for n in range(clients)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if mode == "process":
        while not queue.empty():
            errors.append(queue.get())
        errors.extend(f"client exit code {w.exitcode}" for w in workers if w.exitcode)
    serials = list(Appeal.objects.filter(township=township).values_list("serial", flat=True))
    numbers = sorted(int(s.rsplit("-", 1)[1]) for s in serials)
    expected = per_client * clients
    return {
        "appeals": expected,
        "saved": len(serials),
        "unique": len(set(serials)) == len(serials),
        "gap_free": numbers == list(range(1, len(numbers) + 1)),
        "seconds": elapsed,
        "rate": expected / elapsed,
        "errors": errors[:3],
    }


def load_appeals(township, categories, grids, *, count: int, today: dt.date) -> float:
    from django.utils import timezone

    from grid.models import Appeal, AppealStatus, Satisfaction

    rng = random.Random(42)
    tz = timezone.get_current_timezone()
    statuses = [AppealStatus.ARCHIVED] * 5 + [AppealStatus.CLOSED, AppealStatus.VISITED, AppealStatus.HANDLING]
    statuses += [AppealStatus.RECEIVED, AppealStatus.SUSPENDED]
    answers = [Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.DISSATISFIED, None]
    started = time.perf_counter()
    batch = []
    for n in range(count):
        received_day = today - dt.timedelta(days=rng.randrange(365))
        received = dt.datetime.combine(received_day, dt.time(rng.randrange(8, 18)), tzinfo=tz)
        status = rng.choice(statuses)
        closed = status in (AppealStatus.ARCHIVED, AppealStatus.CLOSED, AppealStatus.VISITED)
        closed_at = received + dt.timedelta(days=rng.randrange(0, 15), hours=2) if closed else None
        appeal = Appeal(
            township=township,
            serial=f"BULK-{n:07d}",
            category=rng.choice(categories),
            grid_unit=rng.choice(grids),
            description="批量数据",
            status=status,
            received_at=received,
            due_on=received_day + dt.timedelta(days=7),
            closed_at=closed_at,
            satisfaction=rng.choice(answers) if closed else None,
        )
        appeal.sync_local_days()  # what save() does; bulk_create does not call save()
        batch.append(appeal)
        if len(batch) == 5000:
            Appeal.objects.bulk_create(batch)
            batch = []
    if batch:
        Appeal.objects.bulk_create(batch)
    return time.perf_counter() - started


def bench_dashboard(township, *, rounds: int, today: dt.date) -> dict[str, tuple[float, float, int]]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from grid.dashboards.selectors import DashboardFilter, dashboard_table, month_range

    start, end = month_range(12, today=today)
    flt = DashboardFilter(township_id=township.pk, start=start, end=end)
    results = {}
    for breakdown in ("month", "grid", "category"):
        dashboard_table(flt, breakdown, today=today)  # warm-up (calendar, plans)
        timings = []
        for _ in range(rounds):
            reset_queries()  # DEBUG's query log is capped; an emptied log counts correctly
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                table = dashboard_table(flt, breakdown, today=today)
                timings.append((time.perf_counter() - began) * 1000)
        assert table.total.received > 0
        results[breakdown] = (statistics.median(timings), max(timings), len(queries))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--client-mode",
        choices=("process", "thread"),
        default="process",
        help="intake clients as separate processes (like web workers; default) or threads of one process",
    )
    parser.add_argument("--intake", type=int, default=2000, help="appeals received in total by all clients")
    parser.add_argument("--appeals", type=int, default=100_000, help="appeals behind the dashboard")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=10_000, help="grid units (and as many workers) imported")
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgres"):
        parser.error("needs --database-url or DATABASE_URL=postgres://…/<your own db name>")
    _setup_django(args.database_url)
    from django.utils import timezone

    today = timezone.localdate()
    township, categories, grids, user = _world()
    intake = bench_intake(
        township, categories, grids, user, clients=args.clients, total=args.intake, mode=args.client_mode
    )
    load_seconds = load_appeals(township, categories, grids, count=args.appeals, today=today)
    dashboard = bench_dashboard(township, rounds=args.rounds, today=today)
    import_rows = []
    imported_ok = True
    if args.import_rows:
        for kind, (seconds, saved, created, errors) in bench_import(township, rows=args.import_rows).items():
            label = "grid units" if kind == "units" else "grid workers"
            import_rows.append(
                f"| import {args.import_rows} {label} (CSV, all-or-nothing, real run) | "
                f"{seconds:.1f} s, saved={saved}, new={created}{', errors: ' + str(errors) if errors else ''} |"
            )
            imported_ok = imported_ok and saved and created == args.import_rows
    else:
        import_rows.append("| import | not run (--import-rows 0) |")

    lines = [
        f"Python {platform.python_version()}, {platform.machine()}, clients={args.clients}",
        "",
        "| measure | result |",
        "|---|---|",
        f"| intake: {intake['appeals']} appeals by {args.clients} client "
        f"{'processes' if args.client_mode == 'process' else 'threads'} through ReceiveAction | "
        f"{intake['seconds']:.2f} s = {intake['rate']:.0f} appeals/s |",
        f"| intake: saved / unique / gap-free serials | {intake['saved']} / {intake['unique']} / "
        f"{intake['gap_free']} |",
        f"| load {args.appeals} appeals (bulk_create, setup only) | {load_seconds:.1f} s |",
    ]
    for breakdown, (median, worst, queries) in dashboard.items():
        lines.append(
            f"| dashboard by {breakdown} over {args.appeals + intake['saved']} appeals, median / max of "
            f"{args.rounds} | {median:.0f} / {worst:.0f} ms ({queries} queries) |"
        )
    lines.extend(import_rows)
    if intake["errors"]:
        lines.append(f"\nintake errors: {intake['errors']}")
    sys.stdout.write("\n".join(lines) + "\n")
    intake_ok = intake["saved"] == intake["appeals"] and intake["unique"] and not intake["errors"]
    return 0 if intake_ok and imported_ok else 1


if __name__ == "__main__":
    sys.exit(main())
