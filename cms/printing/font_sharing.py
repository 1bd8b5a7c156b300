"""One embedded print font per face in a merged booklet, instead of one per part.

WeasyPrint embeds in every PDF it prints a subset of each face it used, cut by HarfBuzz
with the glyph ids kept (RETAIN_GIDS): the text on a page names glyphs by their id in the
prepared print font (fonts.py). A booklet merged from 200 guide fragments would carry
200 subsets of the same face, about 170 KB each. Since the ids are those of the prepared
font, one subset of the union of the glyphs all parts use serves every part:

- ``strip(pdf)`` runs when a part is printed for the print cache: every embedded program
  of a print face (family ``PrintCJK``) is replaced by a small placeholder stream naming
  the face (its PostScript name) and listing the glyph ids the part's fonts use. The
  fonts keep their ToUnicode maps and widths, so the part's text is unchanged; widths of
  1000 (every hanzi) are left to the /DW default, which keeps the parts quick to parse.
  A stripped part can no longer be shown alone, only assembled.
- ``share(pdf, faces)`` runs on the assembled booklet: the glyph ids of all placeholders
  are gathered per face, the prepared face is subset once to their union with the same
  HarfBuzz flags WeasyPrint uses, and every font descriptor is pointed at that stream.

Fonts of other families (a fallback face for a character outside the print font) are
left embedded in their part as WeasyPrint wrote them.

This module imports nothing from Django, so the spawned print workers can strip the
fragments they print.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

PRINT_FAMILY = "PrintCJK"  # the @font-face family of fonts.py
PART_FORMAT = "print-fonts-stripped-1"  # part of every print-cache key: parts are stored stripped
PLACEHOLDER_KEY = "/PrintFace"
# Tables WeasyPrint drops when it subsets (weasyprint/pdf/fonts.py, _harfbuzz_subset).
DROPPED_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")


class FontSharingError(Exception):
    """A part names a print face that is not among the prepared fonts (the cache is stale)."""


def strip(pdf: bytes) -> bytes:
    """The part with its print-face programs replaced by placeholders (see the module docstring)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        programs: dict[tuple[int, int], tuple[object, set[int], list]] = {}
        for font in _type0_fonts(document.pages):
            cid_font = font.DescendantFonts[0]
            descriptor = cid_font.FontDescriptor
            program = descriptor.get("/FontFile3")
            if program is None or str(descriptor.get("/FontFamily", "")) != PRINT_FAMILY:
                continue
            entry = programs.setdefault(program.objgen, (program, set(), []))
            entry[1].update(glyph_ids(cid_font.get("/W", [])))
            entry[2].append(descriptor)
            _leave_default_widths(cid_font)
        if not programs:
            return pdf
        for program, glyphs, descriptors in programs.values():
            placeholder = document.make_stream(" ".join(map(str, sorted(glyphs))).encode())
            placeholder[PLACEHOLDER_KEY] = pikepdf.String(postscript_name(program.read_bytes()))
            for descriptor in descriptors:
                descriptor.FontFile3 = placeholder
                if "/CIDSet" in descriptor:  # would list the part's glyphs, not the shared subset's
                    del descriptor["/CIDSet"]
        out = io.BytesIO()
        document.save(out)  # unreferenced objects (the old programs) are not written
    return out.getvalue()


def share(document, faces: dict[str, Path]) -> dict[str, int]:
    """Point every placeholder in this assembled pikepdf document at one subset per face.

    ``faces`` maps PostScript names to the prepared font files. Returns the glyph count
    embedded per face.
    """
    import pikepdf

    wanted: dict[str, set[int]] = {}
    descriptors = []
    for font in _type0_fonts(document.pages):
        descriptor = font.DescendantFonts[0].FontDescriptor
        program = descriptor.get("/FontFile3")
        if program is None or PLACEHOLDER_KEY not in program:
            continue
        face = str(program[PLACEHOLDER_KEY])
        wanted.setdefault(face, set()).update(int(gid) for gid in program.read_bytes().split())
        descriptors.append((descriptor, face))
    shared = {}
    for face, glyphs in wanted.items():
        if face not in faces:
            raise FontSharingError(f"打印缓存中的字体 {face} 不在当前打印字体中，请清空打印缓存后重新生成")
        shared[face] = document.make_stream(subset(faces[face], glyphs), Subtype=pikepdf.Name.OpenType)
    for descriptor, face in descriptors:
        descriptor.FontFile3 = shared[face]
    return {face: len(glyphs) for face, glyphs in wanted.items()}


def subset(path: Path, glyphs: set[int]) -> bytes:
    """The face cut to these glyph ids, ids kept, as WeasyPrint cuts it."""
    import uharfbuzz as hb

    subset_input = hb.SubsetInput()
    for gid in sorted(glyphs | {0}):
        subset_input.glyph_set.add(gid)
    subset_input.flags = (
        hb.SubsetFlags.RETAIN_GIDS
        | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
        | hb.SubsetFlags.DESUBROUTINIZE
        | hb.SubsetFlags.NOTDEF_OUTLINE
        | hb.SubsetFlags.NO_HINTING  # WeasyPrint's default (hinting off)
    )
    dropped = subset_input.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in DROPPED_TABLES:
        dropped.add(int.from_bytes(tag.encode(), "big"))
    face = hb.subset(_face(str(path)), subset_input)
    if face is None:
        raise FontSharingError(f"无法裁剪打印字体 {path.name}")
    return face.blob.data


@functools.lru_cache(maxsize=4)
def _face(path: str):
    import uharfbuzz as hb

    return hb.Face(hb.Blob.from_file_path(path))


def face_names(paths: Iterable[Path]) -> dict[str, Path]:
    """PostScript name → file, for the prepared print fonts."""
    return {face_name(path): Path(path) for path in paths}


def face_name(path: Path) -> str:
    """The PostScript name of a prepared print font file (what placeholders name)."""
    return _postscript_name_of_file(str(path))


@functools.lru_cache(maxsize=8)
def _postscript_name_of_file(path: str) -> str:
    return postscript_name(Path(path).read_bytes())


def postscript_name(font_program: bytes) -> str:
    """Name ID 6 of an OpenType program (kept by HarfBuzz's subsetter)."""
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(font_program), lazy=True) as font:
        name = font["name"].getDebugName(6)
    if not name:
        raise FontSharingError("打印字体缺少 PostScript 名称")
    return name


def glyph_ids(widths) -> set[int]:
    """The CIDs of a /W array: ``c [w1 w2 …]`` and ``c_first c_last w`` runs."""
    return set(_widths(widths))


def _widths(widths) -> dict[int, float]:
    items = list(widths)
    found: dict[int, float] = {}
    index = 0
    while index < len(items) - 1:
        start, following = int(items[index]), items[index + 1]
        if _is_array(following):
            found.update((start + offset, float(width)) for offset, width in enumerate(following))
            index += 2
        else:
            found.update((cid, float(items[index + 2])) for cid in range(start, int(following) + 1))
            index += 3
    return found


def _is_array(item) -> bool:
    import pikepdf

    return isinstance(item, list | pikepdf.Array)


def _leave_default_widths(cid_font) -> None:
    """Drop /W entries equal to /DW (1000 unless set): the same widths, far fewer objects."""
    import pikepdf

    default = float(cid_font.get("/DW", 1000))
    kept = {cid: width for cid, width in _widths(cid_font.get("/W", [])).items() if width != default}
    runs: list = []
    for cid in sorted(kept):
        if cid - 1 not in kept:
            runs.extend([cid, []])
        runs[-1].append(kept[cid])
    cid_font.W = pikepdf.Array(runs)


def _type0_fonts(pages) -> Iterator:
    """Every composite font reachable from these pages, through form XObjects too, once each."""
    seen: set = set()
    stack = [page.obj.get("/Resources") for page in pages]
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        if resources.is_indirect:  # direct dictionaries cannot be shared, so never seen twice
            if resources.objgen in seen:
                continue
            seen.add(resources.objgen)
        fonts = resources.get("/Font")
        for font in fonts.values() if fonts is not None else ():
            if font.is_indirect:
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
            if font.get("/Subtype") == "/Type0":
                yield font
        xobjects = resources.get("/XObject")
        for xobject in xobjects.values() if xobjects is not None else ():
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                stack.append(xobject.Resources)
