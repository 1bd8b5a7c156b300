"""Batching in the plone.restapi shape: b_start/b_size in, items_total + batching links out."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest

DEFAULT_B_SIZE = 25
MAX_B_SIZE = 100


@dataclass(frozen=True)
class Batch:
    """One window over a listing, able to describe its neighbours as links."""

    start: int
    size: int
    total: int

    @property
    def end(self) -> int:
        return self.start + self.size

    def _last_start(self) -> int:
        if self.total == 0:
            return 0
        return ((self.total - 1) // self.size) * self.size

    def links(self, request: HttpRequest, base_url: str) -> dict:
        """@id/first/last always; prev/next only when there is such a batch (as plone.restapi)."""
        params = {k: v for k, v in request.GET.items() if k != "b_start"}

        def url(start: int) -> str:
            query = urlencode({**params, "b_start": start})
            return f"{base_url}?{query}"

        links = {"@id": url(self.start), "first": url(0), "last": url(self._last_start())}
        if self.start > 0:
            links["prev"] = url(max(self.start - self.size, 0))
        if self.end < self.total:
            links["next"] = url(self.end)
        return links
