"""Booklets assembled from cached parts instead of printed as one long document.

Printing a 100-page booklet in one WeasyPrint pass takes many seconds, nearly all in
layout, and publishing one guide would print it all again. Instead (see fragments.py):

1. every guide is printed on its own, at most once per content (the guide fragment);
2. the page where each guide starts follows from the fragments' page counts, so the
   cover and contents are printed with literal page numbers (no target-counter pass);
3. the running header (the topic) and the footer 第 N 页 共 M 页 are drawn onto the
   merged pages (overlay.py), so a new page plan needs no printing;
4. pikepdf (qpdf) merges the parts, turns the contents entries into internal links, adds
   the bookmarks per topic and per guide and the metadata (title, author, language zh-CN).

Parts are cached without their print fonts; the booklet embeds one subset per face of
the glyphs all its parts use (font_sharing.py), so it is no larger than a single pass.
What is lost against a single pass: the booklet is not a tagged PDF (merging drops the
structure trees); the single-guide PDF still is.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from cms.printing import font_sharing, fonts, fragments, overlay

PAGE_LINK_PREFIX = "https://booklet-page.invalid/"


@dataclass
class PlannedSection:
    """A topic of the booklet: its label, first page and guides as (title, first page)."""

    label: str
    page: int = 0
    items: list[dict] = field(default_factory=list)


@dataclass
class BookletParts:
    """What the assembler needs: front matter, guide fragments and where everything starts."""

    front: bytes
    front_pages: int
    fragments: list[bytes]
    fragment_pages: list[int]
    sections: list[PlannedSection]
    page_topics: list[str | None]  # per page: the running header, None on cover and contents
    printed: int  # guide fragments printed in this build (the rest came from the cache)


def page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def fragment_html(item: dict, topic_heading: str | None) -> str:
    return render_to_string("print/booklet_fragment.html", {"item": item, "topic_heading": topic_heading})


def front_html(context: dict, sections: list[PlannedSection]) -> str:
    return render_to_string(
        "print/booklet_front.html", {**context, "sections": sections, "link_prefix": PAGE_LINK_PREFIX}
    )


def plan(sections: list, fragment_pages: list[int], front_pages: int) -> list[PlannedSection]:
    """Page numbers (1-based, as printed) of every topic and guide after ``front_pages``."""
    planned, page, index = [], front_pages + 1, 0
    for section in sections:
        entry = PlannedSection(label=section.label, page=page)
        for item in section.guides:
            entry.items.append({"title": item["page"].title, "page": page})
            page += fragment_pages[index]
            index += 1
        planned.append(entry)
    return planned


def prepare_parts(
    sections: list, context: dict, page_format: str, *, progress: Callable[[str], None] | None = None
) -> BookletParts:
    """Guide fragments (cached or printed), then the front matter with true page numbers."""
    htmls = []
    for section in sections:
        for position, item in enumerate(section.guides):
            htmls.append(fragment_html(item, section.label if position == 0 else None))
    pdfs, printed = fragments.ensure_fragments(htmls, page_format, progress=progress)
    counts = [page_count(pdf) for pdf in pdfs]
    # The contents' length does not depend on its numbers (they sit in a leader line), so
    # print it once with a guess (the length last time for this many entries), and again
    # only if the guess was wrong.
    memo = fragments.cache_dir() / "front" / f"{page_format}-{len(sections)}-{len(htmls)}.pages"
    try:
        guess = int(memo.read_text())
    except (OSError, ValueError):
        guess = 2
    while True:
        planned = plan(sections, counts, guess)
        front = fragments.cached_part("front", front_html(context, planned), page_format)
        front_pages = page_count(front)
        if front_pages == guess:
            break
        guess = front_pages
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_text(str(front_pages))
    page_topics: list[str | None] = [None] * front_pages
    index = 0
    for section in sections:
        for _ in section.guides:
            page_topics.extend([section.label] * counts[index])
            index += 1
    return BookletParts(
        front=front,
        front_pages=front_pages,
        fragments=pdfs,
        fragment_pages=counts,
        sections=planned,
        page_topics=page_topics,
        printed=printed,
    )


def assemble(parts: BookletParts, page_format: str, *, title: str, author: str) -> bytes:
    """Merge the parts, draw headers and footers, share the fonts, link the contents, add bookmarks and metadata."""
    import pikepdf

    booklet = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(pdf)) for pdf in [parts.front, *parts.fragments]]
    try:
        for source in sources:
            booklet.pages.extend(source.pages)
        if len(parts.page_topics) != len(booklet.pages):
            raise RuntimeError(f"page plan has {len(parts.page_topics)} pages, booklet {len(booklet.pages)}")
        faces = {font.weight: font.path for font in fonts.prepare_print_fonts()}
        if 400 in faces:
            overlay.stamp(booklet, parts.page_topics, parts.front_pages, faces[400])
        font_sharing.share(booklet, font_sharing.face_names(faces.values()))
        _link_contents(booklet, parts.front_pages)
        _add_outline(booklet, parts.sections)
        booklet.docinfo["/Title"] = title
        booklet.docinfo["/Author"] = author
        booklet.docinfo["/Producer"] = "cms.printing (WeasyPrint, pikepdf)"
        booklet.docinfo["/CreationDate"] = _pdf_date()
        booklet.Root.Lang = pikepdf.String("zh-CN")
        booklet.Root.PageMode = pikepdf.Name.UseOutlines
        out = io.BytesIO()
        booklet.save(out, min_version="1.7")  # OpenType font programs need 1.6 at least
        return out.getvalue()
    finally:
        booklet.close()
        for source in sources:
            source.close()


def _add_outline(booklet, sections: list[PlannedSection]) -> None:
    """Bookmarks: the contents, then every topic with its guides."""
    from pikepdf import OutlineItem

    with booklet.open_outline() as outline:
        outline.root.append(OutlineItem("目录", 1))
        for section in sections:
            topic = OutlineItem(section.label, section.page - 1)
            topic.children.extend(OutlineItem(item["title"], item["page"] - 1) for item in section.items)
            outline.root.append(topic)


def _link_contents(booklet, front_pages: int) -> None:
    """The contents' placeholder URIs become links to the pages where topics and guides start."""
    import pikepdf

    for page in booklet.pages[:front_pages]:
        for annotation in page.obj.get("/Annots") or []:
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(PAGE_LINK_PREFIX):
                continue
            target = int(uri.removeprefix(PAGE_LINK_PREFIX)) - 1
            del annotation["/A"]
            annotation.Dest = pikepdf.Array([booklet.pages[target].obj, pikepdf.Name.Fit])


def _pdf_date() -> str:
    return timezone.now().strftime("D:%Y%m%d%H%M%SZ")
