"""Printing benchmark: the naive WeasyPrint pipeline vs cms.printing, same guides, same run.

    .venv/bin/python -m benchmarks.printing.run [--cases one,3,49,200]

Each case and pipeline runs in a fresh subprocess with synthetic guides printed through
the real templates:

- ``naive``: the whole booklet (templates/print/booklet.html, target-counter contents) in
  one ``HTML(string).write_pdf()`` with the print CSS, the system Noto Sans CJK
  collection and a new FontConfiguration — what a straightforward implementation does;
- ``ours cold``: ``render_booklet`` with an empty print cache: every guide fragment is
  printed (in a pool of ``PRINT_WORKERS`` processes when there are many), then the
  cover/contents, and the pikepdf assembly (headers, footers, one shared font subset);
- ``ours warm, 1 changed``: the same process and cache after one guide's text changed
  (a rebuild after publishing a guide): one fragment, the contents and the assembly;
- ``ours warm, 1 grew a page``: then one guide grows by a page, which changes the page
  plan (as publishing or withdrawing a guide does): the contents are printed again;
- ``ours rebuild, 1 changed, new process``: the cache filled by another process, then the
  one-guide rebuild in a new process (a Celery worker's first task: imports, WeasyPrint
  engine, QR codes from the cache), so nothing the cold build left in memory is counted.

For ``one`` (a single-guide PDF, templates/print/guide.html, A4): naive as above; cold =
``cached_guide_pdf`` printing it (tagged) in a process whose engine is already warm;
warm = the same guide again, served from the print cache.

Peak memory is sampled every 20 ms as the summed PSS of this process and all its children
(the pool workers; see ``_tree_pss_kb``) and reset between phases. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CASES = {"one": (1, "A4"), "3": (3, "A5"), "49": (49, "A5"), "200": (200, "A5")}
TOPICS = ["social_assistance", "social_security", "household", "agriculture", "market", "housing"]


class _Rows(list):
    def all(self):
        return self


class FakeGuide:
    """Just enough of ServiceGuidePage for the print template, without a database."""

    def __init__(self, n: int):
        from types import SimpleNamespace

        self.pk = n
        self.title = f"第{n}项 城乡居民最低生活保障审核确认"
        self.topic = TOPICS[n % len(TOPICS)]
        self.code = f"5305220{n:05d}"
        self.item_type = "行政给付"
        self.implementer = "明光镇人民政府"
        self.audience_display = "个人"
        self.legal_basis = "《社会救助暂行办法》第九条、第十一条；《云南省最低生活保障实施办法》。"
        self.conditions = (
            "持有本镇户籍，共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定。" * 2
        )
        self.location, self.window = "明光镇便民服务中心", "3号窗口"
        self.office_hours = "工作日 9:00-12:00，14:30-17:30"
        self.phone, self.complaint_phone = "0875-5551234", "0875-5551000"
        self.legal_time_limit, self.promised_time_limit = 30, 20
        self.fees, self.visits, self.delivery, self.online_url, self.notes = "不收费", 1, "窗口领取", "", ""
        self.materials = _Rows(
            SimpleNamespace(
                name=name,
                note="",
                blank_form_id=None,
                sample_form_id=None,
                original_or_copy="原件",
                medium="纸质",
                copies=1,
                source="申请人自备",
                required=True,
            )
            for name in ("居民身份证", "户口簿", "家庭收入证明", "家庭财产申报表", "残疾证（如有）", "银行账户")
        )
        self.steps = _Rows(
            SimpleNamespace(name=name, time_limit="5个工作日", description="由经办人员按规定办理并告知申请人结果。")
            for name in ("申请", "受理", "审核", "公示", "审批")
        )

    def get_item_type_display(self):
        return self.item_type

    def get_full_url(self, request=None):
        return f"http://127.0.0.1:8000/bszn/guide-{self.pk}/"


class _PeakMemorySampler:
    """Peak of the summed PSS of this process and its descendants, sampled in a thread."""

    def __init__(self):
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def reset(self) -> None:
        self.peak_kb = _tree_pss_kb(os.getpid())

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak_kb = max(self.peak_kb, _tree_pss_kb(os.getpid()))


def _tree_pss_kb(pid: int) -> int:
    """Summed proportional set size (PSS) of a process and its descendants, in kB.

    PSS, not RSS: right after a fork (``subprocess`` running fc-match, a pool worker being
    spawned) the child's RSS counts every page it still shares with the parent, so a sum
    of RSS briefly doubles the parent. PSS splits shared pages between the processes that
    map them; the sum is the memory the tree really holds.
    """
    total = 0
    try:
        total += _pss_kb(pid)
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _tree_pss_kb(int(child))
    except (OSError, StopIteration, ValueError):
        pass
    return total


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        return int(next(line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")))
    except (OSError, StopIteration):
        status = Path(f"/proc/{pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def _one_case(name: str, pipeline: str, cache: str | None = None) -> list[dict]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    from types import SimpleNamespace

    from django.conf import settings
    from django.template.loader import render_to_string

    from cms.printing.assembly import page_count
    from cms.printing.guides import booklet_html, cached_guide_pdf, guide_print_item, render_booklet
    from cms.printing.service import PRINT_CSS_PATH, render_print_pdf

    settings.PRINT_CACHE_DIR = cache or tempfile.mkdtemp(prefix="print-bench-")
    count, page_format = CASES[name]
    township = SimpleNamespace(title="明光镇")
    guides = [FakeGuide(n) for n in range(1, count + 1)]
    if name == "one":
        html = render_to_string("print/guide.html", {"guide": guide_print_item(guides[0]), "township": township})
    else:
        html = booklet_html(township, "personal", guides)
    sampler = _PeakMemorySampler()
    rows = []

    def measure(label: str, render) -> None:
        sampler.reset()
        started = time.perf_counter()
        pdf = render()
        seconds = time.perf_counter() - started
        time.sleep(0.05)
        rows.append(
            {
                "case": name,
                "pipeline": label,
                "seconds": seconds,
                "pages": page_count(pdf),
                "peak_mb": sampler.peak_kb / 1024,
                "kb": len(pdf) // 1024,
            }
        )

    if pipeline == "naive":

        def naive() -> bytes:
            from weasyprint import CSS, HTML
            from weasyprint.text.fonts import FontConfiguration

            font_config = FontConfiguration()
            css = [
                CSS(filename=str(PRINT_CSS_PATH), font_config=font_config),
                CSS(string=f"@page {{ size: {page_format}; }}"),
            ]
            return HTML(string=html).write_pdf(stylesheets=css, font_config=font_config)

        measure("naive", naive)
    elif name == "one":
        render_print_pdf("<p>预热</p>", page_size=page_format)  # a warm engine, as in a running server

        def single() -> bytes:
            return cached_guide_pdf(html, title=guides[0].title, author=township.title, page_format=page_format)

        measure("ours cold (render)", single)
        measure("ours warm (cached)", single)
    else:

        def booklet() -> bytes:
            return render_booklet(township, "personal", page_format=page_format, guides=guides)

        if pipeline == "fresh":  # the cache was filled by another process; this one starts cold
            guides[count // 2].conditions += "（已修订）"
            measure("ours rebuild, 1 changed, new process", booklet)
        else:
            measure("ours cold" if pipeline == "ours" else "(filling the cache)", booklet)
            if pipeline == "seed":
                sampler.stop()
                return []
            guides[count // 2].conditions += "（已修订）"  # one guide changed and republished
            measure("ours warm, 1 changed", booklet)
            guides[count // 3].notes = "本事项另需说明的情况。" * 60  # one guide grew a page: new page plan
            measure("ours warm, 1 grew a page", booklet)
    sampler.stop()
    if cache is None:
        shutil.rmtree(settings.PRINT_CACHE_DIR, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default="one,3,49,200")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.stdout.write(json.dumps(_one_case(*args.child)) + "\n")
        return
    rows = []
    for name in args.cases.split(","):
        runs = [["naive"], ["ours"]]
        if name != "one":
            cache = tempfile.mkdtemp(prefix="print-bench-fresh-")
            runs += [["seed", cache], ["fresh", cache]]
        for run in runs:
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.printing.run", "--child", name, *run],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.extend(json.loads(out.stdout.strip().splitlines()[-1]))
        if name != "one":
            shutil.rmtree(cache, ignore_errors=True)
    sys.stdout.write("| case | pipeline | pages | seconds | naive/ours | peak PSS MB (all processes) | PDF KB |\n")
    sys.stdout.write("|---|---|---|---|---|---|---|\n")
    naive = {row["case"]: row["seconds"] for row in rows if row["pipeline"] == "naive"}
    for row in rows:
        ratio = "" if row["pipeline"] == "naive" else f"{naive[row['case']] / row['seconds']:.1f}×"
        sys.stdout.write(
            f"| {row['case']} | {row['pipeline']} | {row['pages']} | {row['seconds']:.2f} | {ratio} "
            f"| {row['peak_mb']:.0f} | {row['kb']} |\n"
        )


if __name__ == "__main__":
    main()
