"""Services for booklets built ahead of time: build a version, request a (debounced) rebuild.

Debounce: a change only stamps ``rebuild_requested_at`` on the affected booklets; the
first stamp of a quiet booklet schedules one Celery task with a countdown. When the task
runs it rebuilds only if the booklet has been quiet for ``PRINT_BOOKLET_DEBOUNCE_SECONDS``,
otherwise it schedules itself for the rest of the quiet period — so ten publishes in a
minute cause one rebuild. Without a broker (tasks in-process) nothing is scheduled; the
download view rebuilds a stale booklet once its quiet period has passed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cms.printing import fragments
from cms.printing.guides import booklet_guides, render_booklet
from cms.printing.models import Booklet

logger = logging.getLogger(__name__)

DEFAULT_FORMAT = "A5"


def debounce_seconds() -> int:
    return int(getattr(settings, "PRINT_BOOKLET_DEBOUNCE_SECONDS", 60))


def has_worker() -> bool:
    """True when tasks go to a broker (a worker runs them later), False when they run in-process."""
    return not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True)


def booklet_for(township, audience: str, topic: str = "", page_format: str = DEFAULT_FORMAT) -> Booklet:
    booklet, _ = Booklet.objects.get_or_create(
        township=township, audience=audience, topic=topic or "", page_format=page_format
    )
    return booklet


def build_booklet(booklet: Booklet, *, progress: Callable[[str], None] | None = None) -> Booklet:
    """Render a new version and make it current; the old version is kept as a document."""
    from wagtail.documents import get_document_model

    from cms.printing.assembly import page_count

    started = timezone.now()
    Booklet.objects.filter(pk=booklet.pk).update(building_since=started)
    township = booklet.township
    guides = booklet_guides(township, booklet.audience, booklet.topic or None)
    pdf = render_booklet(
        township,
        booklet.audience,
        topic=booklet.topic or None,
        page_format=booklet.page_format,
        guides=guides,
        progress=progress,
    )
    checksum = hashlib.sha256(pdf).hexdigest()
    pages = page_count(pdf)
    version = booklet.version + 1
    name = (
        f"booklet-{booklet.audience}{'-' + booklet.topic if booklet.topic else ''}-{booklet.page_format}-v{version}.pdf"
    )
    document_model = get_document_model()
    with transaction.atomic():
        document = document_model(title=f"{township.title}{booklet.title} 第{version}版")
        document.file.save(name, ContentFile(pdf), save=False)
        document._set_document_file_metadata()
        document.save()
        # Only now does the download switch to the new version; a change that arrived
        # during the build keeps its request stamp so it is rebuilt again.
        Booklet.objects.filter(pk=booklet.pk).update(
            document=document,
            version=version,
            built_at=timezone.now(),
            checksum=checksum,
            guide_count=len(guides),
            page_count=pages,
            building_since=None,
        )
        Booklet.objects.filter(pk=booklet.pk, rebuild_requested_at__lte=started).update(rebuild_requested_at=None)
    booklet.refresh_from_db()
    fragments.prune()  # drop cached parts no booklet or guide has used for a month
    if progress:
        progress(f"已生成第 {version} 版：{pages} 页，{len(guides)} 篇指南")
    return booklet


def kept_booklets(township) -> list[Booklet]:
    """Every booklet kept ready for a township: the whole-audience A5 ones always, plus any other asked for."""
    for audience, _label in Booklet.AUDIENCES:
        booklet_for(township, audience)
    return list(Booklet.objects.filter(township=township).select_related("township"))


def needs_build(booklet: Booklet) -> bool:
    """Never built, or stale (a guide changed since the current version)."""
    return booklet.document_id is None or booklet.is_stale


def build_kept_booklets(
    townships, *, rebuild_all: bool = False, progress: Callable[[str], None] | None = None
) -> tuple[list[Booklet], list[Booklet]]:
    """Build the kept booklets that need it (all of them with ``rebuild_all``); returns (built, skipped).

    Run after installing (the first downloads need not wait for a cold build) and, with
    ``rebuild_all``, after a deployment that changed the print templates, stylesheets or
    fonts: guides did not change, so nothing else would make the booklets stale.
    """
    todo, skipped = [], []
    for township in townships:
        for booklet in kept_booklets(township):
            (todo if rebuild_all or needs_build(booklet) else skipped).append(booklet)
    built = []
    for position, booklet in enumerate(todo, start=1):
        if progress:
            progress(f"[{position}/{len(todo)}] {booklet.township.title}{booklet}：")
        built.append(build_booklet(booklet, progress=(lambda text: progress("    " + text)) if progress else None))
    return built, skipped


def affected_booklets(guide) -> list[Booklet]:
    """Booklets a guide appears in; the whole-audience A5 booklets always exist."""
    from cms.core.models import TownshipPage

    township = TownshipPage.for_page(guide)
    if township is None:
        return []
    audiences = guide.audiences
    for audience in audiences:
        booklet_for(township, audience)
    return list(
        Booklet.objects.filter(township=township, audience__in=audiences, topic__in=["", guide.topic]).order_by("pk")
    )


def request_rebuild(booklets: list[Booklet], *, now: dt.datetime | None = None) -> list[int]:
    """Stamp the booklets stale; schedule one task per booklet that was not already pending."""
    now = now or timezone.now()
    scheduled: list[int] = []
    for booklet in booklets:
        was_quiet = Booklet.objects.filter(pk=booklet.pk, rebuild_requested_at__isnull=True).update(
            rebuild_requested_at=now
        )
        if not was_quiet:
            Booklet.objects.filter(pk=booklet.pk).update(rebuild_requested_at=now)
        elif has_worker():
            schedule_rebuild(booklet.pk, debounce_seconds())
            scheduled.append(booklet.pk)
    return scheduled


def schedule_rebuild(booklet_id: int, countdown: float) -> None:
    from cms.printing.tasks import rebuild_booklet

    transaction.on_commit(lambda: rebuild_booklet.apply_async(args=[booklet_id], countdown=countdown))


def rebuild_if_due(booklet_id: int, *, now: dt.datetime | None = None) -> str:
    """The task body: 'built', 'deferred' (quiet period not over, rescheduled) or 'idle'."""
    now = now or timezone.now()
    booklet = Booklet.objects.filter(pk=booklet_id).select_related("township").first()
    if booklet is None or booklet.rebuild_requested_at is None:
        return "idle"
    quiet_until = booklet.rebuild_requested_at + dt.timedelta(seconds=debounce_seconds())
    if now < quiet_until:
        schedule_rebuild(booklet.pk, (quiet_until - now).total_seconds())
        return "deferred"
    build_booklet(booklet)
    booklet.refresh_from_db()
    if booklet.rebuild_requested_at is not None and has_worker():
        schedule_rebuild(booklet.pk, debounce_seconds())  # changed again during the build
    return "built"


def ensure_fresh_without_worker(booklet: Booklet) -> Booklet:
    """Without a worker: build a missing booklet now, or a stale one once it is quiet."""
    if booklet.document_id is None:
        return build_booklet(booklet)
    if has_worker() or booklet.rebuild_requested_at is None:
        return booklet
    if timezone.now() >= booklet.rebuild_requested_at + dt.timedelta(seconds=debounce_seconds()):
        return build_booklet(booklet)
    return booklet
