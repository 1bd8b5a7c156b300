"""The running header and the 第 N 页 共 M 页 footer of an assembled booklet, drawn directly.

They used to be an overlay document of empty pages printed by WeasyPrint with the @page
boxes of print.css. That costs about 17 ms a page (7 s for a 415-page booklet) and had to
be done again whenever the page plan changed, which every published or withdrawn guide
does. Each text is one line in one face, so here it is shaped with HarfBuzz (uharfbuzz,
the prepared regular print face) and written as PDF text where print.css puts it:

- header (body pages): the topic, 8.5 pt, #555, centred between the side margins, over a
  0.4 pt #999 rule at the foot of the top margin;
- footer (every page but the cover): 第 N 页 共 M 页, 8.5 pt, #555, centred.

The positions below were read off WeasyPrint's rendering of those @page boxes (A4 and
A5); a test compares a drawn page with a WeasyPrint page. The font is one Type0 font for
the whole booklet whose program is a font_sharing placeholder, so its glyphs join the
booklet's one shared subset; a ToUnicode map keeps the text extractable.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from cms.printing import font_sharing

PT_PER_MM = 72 / 25.4
FONT_SIZE = 8.5
TEXT_GREY = "0.3333 g"  # #555
RULE_GREY = "0.6 G"  # #999
RULE_WIDTH = 0.4
SIDE_MARGIN = 16 * PT_PER_MM
# Measured from WeasyPrint 70's rendering of print.css (see the module docstring), in pt:
HEADER_BASELINE_FROM_TOP = 26.89
RULE_FROM_TOP = 50.83
FOOTER_BASELINE_FROM_BOTTOM = 21.81
FONT_NAME = "/PrintOverlay"


@dataclass
class _Shaper:
    """The regular print face: glyph ids, advances (1/1000 em) and the text of each glyph."""

    path: Path
    widths: dict[int, int] = field(default_factory=dict)
    text_of: dict[int, str] = field(default_factory=dict)

    def shape(self, text: str) -> tuple[list[int], float]:
        """Glyph ids of ``text`` and its width at FONT_SIZE, in pt."""
        import uharfbuzz as hb

        font = _hb_font(str(self.path))
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        hb.shape(font, buffer, {})
        upem = font.face.upem
        gids, total = [], 0
        clusters = [info.cluster for info in buffer.glyph_infos] + [len(text)]
        for index, info in enumerate(buffer.glyph_infos):
            gid = info.codepoint
            advance = round(font.get_glyph_h_advance(gid) * 1000 / upem)
            self.widths[gid] = advance
            end = next((c for c in clusters[index + 1 :] if c > info.cluster), len(text))
            self.text_of.setdefault(gid, text[info.cluster : end])
            gids.append(gid)
            total += advance
        return gids, total * FONT_SIZE / 1000


@functools.lru_cache(maxsize=2)
def _hb_font(path: str):
    import uharfbuzz as hb

    return hb.Font(hb.Face(hb.Blob.from_file_path(path)))


def _text(gids: list[int], x: float, y: float) -> str:
    hex_glyphs = "".join(f"{gid:04x}" for gid in gids)
    return f"BT {FONT_NAME} {FONT_SIZE} Tf {x:.2f} {y:.2f} Td <{hex_glyphs}> Tj ET"


def page_marks(shaper: _Shaper, width: float, height: float, number: int, total: int, topic: str | None) -> str:
    """The content stream text for one page (footer, and header when ``topic`` is given)."""
    parts = [TEXT_GREY]
    gids, text_width = shaper.shape(f"第 {number} 页 共 {total} 页")
    parts.append(_text(gids, (width - text_width) / 2, FOOTER_BASELINE_FROM_BOTTOM))
    if topic is not None:
        if topic:
            gids, text_width = shaper.shape(topic)
            parts.append(_text(gids, (width - text_width) / 2, height - HEADER_BASELINE_FROM_TOP))
        rule_y = height - RULE_FROM_TOP
        parts.append(
            f"{RULE_GREY} {RULE_WIDTH} w {SIDE_MARGIN:.2f} {rule_y:.2f} m {width - SIDE_MARGIN:.2f} {rule_y:.2f} l S"
        )
    return "\n".join(parts)


def stamp(booklet, page_topics: list[str | None], front_pages: int, face: Path) -> None:
    """Draw header and footer on every page of the pikepdf ``booklet`` but the cover.

    ``page_topics`` gives each page's running header (None: no header, as on the contents).
    """
    import pikepdf

    shaper = _Shaper(face)
    total = len(booklet.pages)
    marks = []
    for index, page in enumerate(booklet.pages):
        if index == 0:
            marks.append(None)  # the cover carries neither
            continue
        box = page.mediabox
        width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
        topic = page_topics[index] if index >= front_pages else None
        marks.append(page_marks(shaper, width, height, index + 1, total, topic))
    font = _font(booklet, shaper)
    for page, mark in zip(booklet.pages, marks, strict=True):
        if mark is None:
            continue
        resources = page.obj.get("/Resources")
        if resources is None:
            page.obj.Resources = resources = pikepdf.Dictionary()
        else:  # a copy: parts may share one resources dictionary between pages
            resources = page.obj.Resources = pikepdf.Dictionary(resources)
        fonts = resources.get("/Font")
        resources.Font = fonts = pikepdf.Dictionary(fonts) if fonts is not None else pikepdf.Dictionary()
        fonts[FONT_NAME] = font
        page.contents_add(booklet.make_stream(b"q\n"), prepend=True)
        page.contents_add(booklet.make_stream(f"Q\nq\n{mark}\nQ\n".encode()))


def _font(booklet, shaper: _Shaper):
    """One Type0 font for every mark: /W and ToUnicode of the glyphs used, a placeholder program."""
    import pikepdf

    gids = sorted(shaper.widths)
    widths: list = []
    for gid in gids:
        if gid - 1 not in shaper.widths:
            widths.extend([gid, []])
        widths[-1].append(shaper.widths[gid])
    placeholder = booklet.make_stream(" ".join(map(str, gids)).encode())
    placeholder[font_sharing.PLACEHOLDER_KEY] = pikepdf.String(font_sharing.face_name(shaper.path))
    descriptor = booklet.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor,
            FontName=pikepdf.Name("/PrintCJK-Overlay"),
            FontFamily=pikepdf.String(font_sharing.PRINT_FAMILY),
            Flags=4,
            FontBBox=pikepdf.Array([-1000, -300, 2000, 1200]),
            ItalicAngle=0,
            Ascent=1160,
            Descent=-288,
            CapHeight=733,
            StemV=80,
            FontFile3=placeholder,
        )
    )
    cid_font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType0,
        BaseFont=pikepdf.Name("/PrintCJK-Overlay"),
        CIDSystemInfo=pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
        ),
        FontDescriptor=descriptor,
        W=pikepdf.Array(widths),
    )
    return booklet.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/PrintCJK-Overlay"),
            Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=pikepdf.Array([booklet.make_indirect(cid_font)]),
            ToUnicode=booklet.make_stream(_to_unicode(shaper.text_of)),
        )
    )


def _to_unicode(text_of: dict[int, str]) -> bytes:
    entries = sorted(text_of.items())
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <ffff>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{gid:04x}> <{text.encode('utf-16-be').hex()}>" for gid, text in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode()
