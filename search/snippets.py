"""Highlighted snippets computed in Python from the original text (embedded backend, titles).

Matching runs on the normalised text, so 醫保 in a document is marked for the query 医保;
the marked characters are taken from the original text via the offset map. Everything
except our own <em> tags is HTML-escaped.
"""

from __future__ import annotations

import re
from html import escape

from search.text import normalize_with_offsets

SNIPPET_CHARS = 120
SCAN_CHARS = 50_000
LEAD_CHARS = 20
_SPACES_RE = re.compile(r"\s+")


def _clean(fragment: str) -> str:
    return escape(_SPACES_RE.sub(" ", fragment), quote=False)


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else None


def _matches(text: str, terms: list[str]) -> tuple[list[tuple[int, int]], list[int], str]:
    """Match spans in original-text coordinates."""
    normalized, offsets = normalize_with_offsets(text)
    pattern = _pattern(terms)
    if pattern is None:
        return [], offsets, normalized
    spans = [
        (offsets[m.start()], offsets[m.end() - 1] + 1) for m in pattern.finditer(normalized) if m.end() > m.start()
    ]
    return spans, offsets, normalized


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out: list[str] = []
    cursor = start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        out.append(_clean(text[cursor:span_start]))
        out.append("<em>" + _clean(text[span_start:span_end]) + "</em>")
        cursor = span_end
    out.append(_clean(text[cursor:end]))
    return "".join(out)


def highlight(text: str, terms: list[str]) -> str:
    """The whole (short) text, escaped, with every match wrapped in <em> — for titles."""
    spans, _, _ = _matches(text, terms)
    return _render(text, 0, len(text), spans)


def make_snippet(text: str, terms: list[str], size: int = SNIPPET_CHARS) -> str:
    """About `size` characters around the densest cluster of matches, escaped, matches in <em>."""
    text = text[:SCAN_CHARS]
    if not text.strip():
        return ""
    spans, _, _ = _matches(text, terms)
    if not spans:
        end = min(len(text), size)
        return _render(text, 0, end, []).strip() + ("…" if end < len(text) else "")
    best_start, best_count = spans[0][0], 0
    for index, (span_start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[index:] if e <= span_start + size)
        if count > best_count:
            best_start, best_count = span_start, count
    start = max(0, best_start - LEAD_CHARS)
    end = min(len(text), start + size)
    start = max(0, min(start, end - size))
    body = _render(text, start, end, spans).strip()
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
