"""Printing benchmark: the naive WeasyPrint pipeline vs cms.printing, same booklets, same run.

    .venv/bin/python -m benchmarks.printing.run [--cases one,3,49,200]

Each case runs in a fresh subprocess (so peak RSS is per case): the booklet HTML is made
from synthetic guides with the real template (templates/print/booklet.html), then printed
(a) naively — ``HTML(string).write_pdf()`` with the print CSS, the system Noto Sans CJK
collection, a new FontConfiguration per render — and (b) with ``render_print_pdf``
(pre-subset font, cached FontConfiguration and CSS, tagged PDF/UA-1). "one warm" renders
one guide three times and reports the last. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

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


def _one_case(name: str, pipeline: str) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    from types import SimpleNamespace

    from cms.printing.guides import booklet_html
    from cms.printing.service import PRINT_CSS_PATH, render_print_pdf

    count, page_format = CASES[name]
    html = booklet_html(SimpleNamespace(title="明光镇"), "personal", [FakeGuide(n) for n in range(1, count + 1)])

    def naive() -> bytes:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        css = [
            CSS(filename=str(PRINT_CSS_PATH), font_config=font_config),
            CSS(string=f"@page {{ size: {page_format}; }}"),
        ]
        return HTML(string=html).write_pdf(stylesheets=css, font_config=font_config)

    def ours() -> bytes:
        return render_print_pdf(html, title="bench", author="明光镇", page_size=page_format)

    render = naive if pipeline == "naive" else ours
    rounds = 3 if name == "one" else 1
    for _ in range(rounds):
        started = time.perf_counter()
        pdf = render()
        seconds = time.perf_counter() - started
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "case": name,
        "pipeline": pipeline,
        "seconds": seconds,
        "pages": pages,
        "peak_mb": peak_mb,
        "kb": len(pdf) // 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default="one,3,49,200")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.stdout.write(json.dumps(_one_case(*args.child)) + "\n")
        return
    rows = []
    for name in args.cases.split(","):
        for pipeline in ("naive", "ours"):
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.printing.run", "--child", name, pipeline],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    sys.stdout.write("| case | pipeline | pages | seconds | peak RSS MB | PDF KB |\n|---|---|---|---|---|---|\n")
    for row in rows:
        sys.stdout.write(
            f"| {row['case']} | {row['pipeline']} | {row['pages']} | {row['seconds']:.2f} "
            f"| {row['peak_mb']:.0f} | {row['kb']} |\n"
        )
    by = {(r["case"], r["pipeline"]): r for r in rows}
    for name in args.cases.split(","):
        ratio = by[(name, "naive")]["seconds"] / by[(name, "ours")]["seconds"]
        sys.stdout.write(f"{name}: naive/ours time ratio {ratio:.1f}×\n")


if __name__ == "__main__":
    main()
