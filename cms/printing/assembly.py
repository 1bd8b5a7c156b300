"""Booklets assembled from cached parts instead of printed as one long document.

Printing a 100-page booklet in one WeasyPrint pass takes many seconds, nearly all in
layout, and publishing one guide would print it all again. Instead (see fragments.py):

1. every guide is printed on its own, at most once per content (the guide fragment);
2. the page where each guide starts follows from the fragments' page counts, so the
   cover and contents are printed with literal page numbers (no target-counter pass);
3. an overlay of empty pages carries the running header (the topic) and the footer
   第 N 页 共 M 页; it depends only on the page plan, so it is cached as well;
4. pypdf merges the parts, draws each overlay page over its page as a form XObject,
   turns the contents entries into internal links, adds the bookmarks per topic and per
   guide and the metadata (title, author, language zh-CN).

What is lost against a single pass: the booklet is not a tagged PDF (merging drops the
structure trees); the single-guide PDF still is. Each fragment embeds its own subset
of the print font, which makes the file somewhat larger (measured in benchmarks/printing).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape

from cms.printing import fragments

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
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


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


def overlay_html(page_topics: list[str | None], front_pages: int) -> str:
    pages = []
    for index, topic in enumerate(page_topics):
        kind = "cover" if index == 0 else "front" if index < front_pages else "body"
        pages.append(f'<div class="ov {kind}" data-topic="{escape(topic or "")}"></div>')
    return f'<!DOCTYPE html><html lang="zh-CN"><body>{"".join(pages)}</body></html>'


def assemble(parts: BookletParts, page_format: str, *, title: str, author: str) -> bytes:
    """Merge the parts, stamp the overlay, link the contents, add bookmarks and metadata."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    overlay = fragments.cached_part(
        "overlay",
        overlay_html(parts.page_topics, parts.front_pages),
        page_format,
        stylesheet=fragments.OVERLAY_CSS_PATH,
    )
    writer = PdfWriter()
    for pdf in [parts.front, *parts.fragments]:
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
    overlay_pages = PdfReader(io.BytesIO(overlay)).pages
    if len(overlay_pages) != len(writer.pages):
        raise RuntimeError(f"overlay has {len(overlay_pages)} pages, booklet {len(writer.pages)}")
    _stamp(writer, overlay_pages)
    _link_contents(writer, parts.front_pages)
    writer.add_outline_item("目录", 1)
    for section in parts.sections:
        parent = writer.add_outline_item(section.label, section.page - 1)
        for item in section.items:
            writer.add_outline_item(item["title"], item["page"] - 1, parent=parent)
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": author,
            "/Producer": "cms.printing (WeasyPrint, pypdf)",
            "/CreationDate": _pdf_date(),
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject("zh-CN")
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stamp(writer, overlay_pages) -> None:
    """Draw overlay page i over page i as a form XObject (no content-stream rewriting)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    def stream(data: bytes):
        obj = DecodedStreamObject()
        obj.set_data(data)
        return writer._add_object(obj)

    begin, end = stream(b"q\n"), stream(b"\nQ q /PrintOverlay Do Q\n")
    for page, over in zip(writer.pages, overlay_pages, strict=True):
        form = DecodedStreamObject()
        form.set_data(_content_bytes(over))
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): over.mediabox,
                NameObject("/Resources"): over["/Resources"].clone(writer),
            }
        )
        resources = DictionaryObject(page["/Resources"].get_object())  # a copy: pages may share one dict
        xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
        xobjects[NameObject("/PrintOverlay")] = writer._add_object(form)
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        existing = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
        page[NameObject("/Contents")] = ArrayObject([begin, *existing, end])


def _content_bytes(page) -> bytes:
    from pypdf.generic import ArrayObject

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if contents is None:
        return b""
    streams = list(contents) if isinstance(contents, ArrayObject) else [contents]
    return b"\n".join(stream.get_object().get_data() for stream in streams)


def _link_contents(writer, front_pages: int) -> None:
    """The contents' placeholder URIs become links to the pages where topics and guides start."""
    from pypdf.generic import ArrayObject, NameObject

    for page in writer.pages[:front_pages]:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if not uri.startswith(PAGE_LINK_PREFIX):
                continue
            target = int(uri.removeprefix(PAGE_LINK_PREFIX)) - 1
            del annotation["/A"]
            annotation[NameObject("/Dest")] = ArrayObject([writer.pages[target].indirect_reference, NameObject("/Fit")])


def _pdf_date() -> str:
    return timezone.now().strftime("D:%Y%m%d%H%M%SZ")
