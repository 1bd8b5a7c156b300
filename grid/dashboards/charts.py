"""Server-rendered SVG charts for the grid dashboards.

The admin and the public statistics page must work without fetching any script from
the internet, so the charts are plain inline SVG built here: grouped bars for counts
and a line for rates. Every label is escaped; numbers are formatted by us, never taken
from input as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#2f6fb3", "#3c9d5d", "#d98b2b", "#b34a4a", "#7a5bb3", "#4aa3a3")
WIDTH = 720
HEIGHT = 280
MARGIN_LEFT = 48
MARGIN_RIGHT = 16
MARGIN_TOP = 36
MARGIN_BOTTOM = 56


@dataclass(frozen=True)
class Series:
    """One named row of values drawn in one colour; None marks a missing value."""

    name: str
    values: Sequence[float | None]


def _nice_max(value: float) -> float:
    """A round upper bound for the y axis (1, 2, 5 × 10^n) so ticks read well."""
    if value <= 0:
        return 1.0
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    while magnitude > value:
        magnitude /= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _format(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.0f}%"
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


def _frame(title: str, body: list[str], legend: Sequence[Series]) -> SafeString:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="grid-chart" font-size="12" font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<text x="{MARGIN_LEFT}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    x = WIDTH - MARGIN_RIGHT
    for index, series in reversed(list(enumerate(legend))):
        label = escape(series.name)
        x -= 14 + 13 * len(series.name) + 8
        parts.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{PALETTE[index % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 14}" y="17">{label}</text>')
    parts.extend(body)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node above is escaped


def _axes(y_max: float, percent: bool) -> list[str]:
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    parts = []
    for tick in range(5):
        value = y_max * tick / 4
        y = MARGIN_TOP + plot_height - plot_height * tick / 4
        label = _format(value, percent)
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{label}</text>'
        )
    return parts


def _x_labels(labels: Sequence[str], slot: float) -> list[str]:
    y = HEIGHT - MARGIN_BOTTOM + 16
    every = max(1, -(-len(labels) // 12))  # at most 12 labels, so they never overlap
    parts = []
    for index, label in enumerate(labels):
        if index % every:
            continue
        x = MARGIN_LEFT + slot * index + slot / 2
        parts.append(f'<text x="{x:.1f}" y="{y}" text-anchor="middle" fill="#333">{escape(label)}</text>')
    return parts


def bar_chart(title: str, labels: Sequence[str], series: Sequence[Series], *, percent: bool = False) -> SafeString:
    """Grouped vertical bars: one group per label, one bar per series."""
    values = [v for s in series for v in s.values if v is not None]
    y_max = 1.0 if percent else _nice_max(max(values, default=0))
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_width / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    body = _axes(y_max, percent)
    for s_index, s in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        for index, value in enumerate(s.values):
            if value is None:
                continue
            height = plot_height * min(value / y_max, 1.0)
            x = MARGIN_LEFT + slot * index + slot * 0.1 + bar * s_index
            y = MARGIN_TOP + plot_height - height
            tip = f"{labels[index]} {s.name}：{_format(value, percent)}"
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="{colour}">'
                f"<title>{escape(tip)}</title></rect>"
            )
    body.extend(_x_labels(labels, slot))
    return _frame(title, body, series)


def line_chart(title: str, labels: Sequence[str], series: Sequence[Series], *, percent: bool = False) -> SafeString:
    """One polyline per series over the labels; gaps (None) break the line."""
    values = [v for s in series for v in s.values if v is not None]
    y_max = 1.0 if percent else _nice_max(max(values, default=0))
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_width / max(len(labels), 1)
    body = _axes(y_max, percent)
    for s_index, s in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        segment: list[str] = []
        segments: list[list[str]] = []
        for index, value in enumerate(s.values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            x = MARGIN_LEFT + slot * index + slot / 2
            y = MARGIN_TOP + plot_height - plot_height * min(value / y_max, 1.0)
            segment.append(f"{x:.1f},{y:.1f}")
            tip = f"{labels[index]} {s.name}：{_format(value, percent)}"
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{escape(tip)}</title></circle>'
            )
        if segment:
            segments.append(segment)
        for points in segments:
            body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(points)}"/>')
    body.extend(_x_labels(labels, slot))
    return _frame(title, body, series)
