"""Likely duplicates at intake: same grid and category, similar text, received within 30 days.

Similarity is the Jaccard index of character bigrams, which suits Chinese text without
a word segmenter: "村口路灯坏了" and "村口的路灯坏了好几天" share most bigrams.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from grid.models import Appeal, AppealStatus

WINDOW_DAYS = 30
THRESHOLD = 0.3
MAX_SUGGESTIONS = 5
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class DuplicateSuggestion:
    """An existing appeal that looks like the one being entered, with its similarity score."""

    appeal: Appeal
    score: float


def bigrams(text: str) -> set[str]:
    cleaned = _NOISE.sub("", text or "").lower()
    if len(cleaned) < 2:
        return {cleaned} if cleaned else set()
    return {cleaned[i : i + 2] for i in range(len(cleaned) - 1)}


def similarity(a: str, b: str) -> float:
    first, second = bigrams(a), bigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def find_likely_duplicates(
    *,
    grid_unit_id: int | None,
    category_id: int | None,
    description: str,
    now: dt.datetime | None = None,
    exclude_id: int | None = None,
) -> list[DuplicateSuggestion]:
    """Appeals of the same grid and category in the last 30 days whose text is similar, best first."""
    if not grid_unit_id or not category_id or not description:
        return []
    now = now or timezone.now()
    candidates = (
        Appeal.objects.filter(
            grid_unit_id=grid_unit_id,
            category_id=category_id,
            received_at__gte=now - dt.timedelta(days=WINDOW_DAYS),
        )
        .exclude(status=AppealStatus.MERGED)
        .only("id", "serial", "description", "status", "received_at")
    )
    if exclude_id:
        candidates = candidates.exclude(pk=exclude_id)
    scored = [DuplicateSuggestion(appeal=a, score=similarity(description, a.description)) for a in candidates[:200]]
    scored = [s for s in scored if s.score >= THRESHOLD]
    scored.sort(key=lambda s: s.score, reverse=True)
    return scored[:MAX_SUGGESTIONS]
