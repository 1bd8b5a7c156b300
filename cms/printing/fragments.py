"""The print cache: PDF parts keyed by a hash of exactly what is printed.

A booklet is assembled from parts (see assembly.py): one PDF fragment per guide, the
cover and contents. Each part is stored under
``PRINT_CACHE_DIR`` (default ``MEDIA_ROOT/print-cache``) as ``<kind>/<key>.pdf`` where the
key is the SHA-256 of the part's HTML, the page format and ``ENGINE_VERSION`` (WeasyPrint,
the stylesheets and the prepared fonts). The HTML already contains everything of the
guide that is printed (its revision's text, materials, steps, QR code, the topic heading
when it opens a topic), so a guide that did not change keeps its key and is never printed
again; a new template, stylesheet or font changes every key.

Missing fragments are printed in this process, or — for a cold build with many missing —
in a pool of spawned worker processes (``PRINT_WORKERS``, default 2) running
render_worker.py. QR codes are kept here too (``qr/<key>.svg``). Files not used for
``PRINT_CACHE_MAX_AGE_DAYS`` are pruned.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from django.conf import settings

from cms.printing import font_sharing, fonts
from cms.printing.qr import qr_svg
from cms.printing.service import PRINT_CSS_PATH, render_print_pdf

logger = logging.getLogger(__name__)

FRAGMENT_CSS_PATH = PRINT_CSS_PATH.with_name("fragment.css")
POOL_THRESHOLD = 6  # fewer missing fragments than this are printed in-process (pool start-up costs ~1 s)
CHUNK = 4  # guides per job sent to a print worker: balanced, few round trips


def cache_dir() -> Path:
    configured = getattr(settings, "PRINT_CACHE_DIR", None)
    return Path(configured) if configured else Path(settings.MEDIA_ROOT) / "print-cache"


@functools.cache
def engine_version() -> str:
    """What besides the HTML decides the printed result: WeasyPrint, stylesheets, fonts."""
    import weasyprint

    digest = hashlib.sha256(weasyprint.__version__.encode())
    for path in (PRINT_CSS_PATH, FRAGMENT_CSS_PATH):
        digest.update(path.read_bytes())
    digest.update(font_sharing.PART_FORMAT.encode())
    digest.update(fonts.font_face_css(fonts.prepare_print_fonts()).encode())
    return digest.hexdigest()[:16]


def part_key(html: str, page_format: str) -> str:
    return hashlib.sha256(f"{engine_version()}|{page_format}|{html}".encode()).hexdigest()


def part_path(kind: str, key: str) -> Path:
    return cache_dir() / kind / f"{key}.pdf"


def load(kind: str, key: str) -> bytes | None:
    path = part_path(kind, key)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    os.utime(path)  # last use, for pruning
    return data


def store(kind: str, key: str, pdf: bytes) -> None:
    path = part_path(kind, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(pdf)
    partial.replace(path)  # atomic: a concurrent build sees the whole file or none


def render_part(html: str, page_format: str, *, stylesheet: Path = FRAGMENT_CSS_PATH) -> bytes:
    """Print one part in this process (untagged: parts are merged; print fonts stripped, see font_sharing)."""
    return font_sharing.strip(
        render_print_pdf(html, page_size=page_format, tagged=False, stylesheets=[str(stylesheet)])
    )


def cached_part(kind: str, html: str, page_format: str, *, stylesheet: Path = FRAGMENT_CSS_PATH) -> bytes:
    """The part from the cache, printed and stored first if missing."""
    key = part_key(html, page_format)
    pdf = load(kind, key)
    if pdf is None:
        pdf = render_part(html, page_format, stylesheet=stylesheet)
        store(kind, key, pdf)
    return pdf


def cached_qr_svg(url: str, *, size_mm: int) -> str:
    """The QR code of ``url`` from the print cache: encoding one takes ~25 ms, 5 s for 200 guides."""
    key = hashlib.sha256(f"{engine_version()}|{size_mm}|{url}".encode()).hexdigest()
    path = cache_dir() / "qr" / f"{key}.svg"
    try:
        svg = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        svg = qr_svg(url, size_mm=size_mm)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(path)
        return svg
    os.utime(path)  # last use, for pruning
    return svg


def worker_count() -> int:
    return max(1, min(int(getattr(settings, "PRINT_WORKERS", 2)), os.cpu_count() or 1))


def ensure_fragments(
    htmls: list[str], page_format: str, *, progress: Callable[[str], None] | None = None
) -> tuple[list[bytes], int]:
    """The guide fragments for these HTML documents, in order, and how many had to be printed."""
    keys = [part_key(html, page_format) for html in htmls]
    found = {key: load("guide", key) for key in dict.fromkeys(keys)}
    missing = [key for key, pdf in found.items() if pdf is None]
    if missing:
        if progress:
            progress(f"需排版 {len(missing)} 篇指南（其余 {len(found) - len(missing)} 篇取自缓存）…")
        html_of = dict(zip(keys, htmls, strict=True))
        printed = _print_missing([html_of[key] for key in missing], page_format)
        for key, pdf in zip(missing, printed, strict=True):
            store("guide", key, pdf)
            found[key] = pdf
    return [found[key] for key in keys], len(missing)


def _print_missing(htmls: list[str], page_format: str) -> list[bytes]:
    workers = worker_count()
    if workers < 2 or len(htmls) < POOL_THRESHOLD:
        return [render_part(html, page_format) for html in htmls]
    try:
        return _print_in_pool(htmls, page_format, workers)
    except (BrokenProcessPool, OSError) as exc:  # no processes allowed here, or a worker died
        logger.warning("打印进程池不可用（%s），改为在本进程排版", exc)
        return [render_part(html, page_format) for html in htmls]


def _print_in_pool(htmls: list[str], page_format: str, workers: int) -> list[bytes]:
    """Print in ``workers`` spawned processes, a few guides per job.

    Measured (benchmarks/printing): letting this process print too, with one worker fewer,
    raised the peak memory of a cold 200-guide build from about 410 to 520 MB.
    """
    from cms.printing import render_worker

    font_css = fonts.font_face_css(fonts.prepare_print_fonts())
    stylesheets = [str(PRINT_CSS_PATH), str(FRAGMENT_CSS_PATH)]
    chunks = [htmls[start : start + CHUNK] for start in range(0, len(htmls), CHUNK)]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=render_worker.init,
        initargs=(font_css, stylesheets),
    ) as pool:
        futures = [pool.submit(render_worker.render_many, [(h, page_format) for h in chunk]) for chunk in chunks]
        return [pdf for future in futures for pdf in future.result()]


def prune(max_age_days: float | None = None) -> int:
    """Delete cached parts not used for ``PRINT_CACHE_MAX_AGE_DAYS`` (default 30); returns the count."""
    if max_age_days is None:
        max_age_days = float(getattr(settings, "PRINT_CACHE_MAX_AGE_DAYS", 30))
    cutoff = time.time() - max_age_days * 86400
    removed = 0
    root = cache_dir()
    if not root.is_dir():
        return 0
    for path in root.glob("*/*.*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
