"""The one document schema every search backend indexes, and the hook content types implement.

Search never imports content models by name. A content type takes part by implementing
`Searchable`::

    class DisclosureItemPage(Page):
        def search_document(self) -> SearchDocument | None:
            if not self.live or self.expired or self.get_view_restrictions().exists():
                return None  # must not be (or stay) in the index
            return SearchDocument(
                id=f"disclosure.DisclosureItemPage:{self.pk}",
                type="disclosure_item",
                title=self.title,
                text=body_text + attachment_text,
                fields={"document_number": self.document_number, "validity": self.validity},
                publisher=self.publisher.name,
                catalog_path=[c.title for c in self.catalog_item.path()],
                date=self.disclosed_on,
                url=self.full_url,
            )

Rules for implementers:

* Return ``None`` for anything that must not be searchable: drafts, private or
  view-restricted pages, expired items, negative-list matters. The indexing pipeline
  treats ``None`` as "delete this id from the index".
* ``id`` is stable and unique across content types: ``"<app_label>.<ModelName>:<pk>"``.
* ``text`` is plain text (no HTML); attachment text is appended by the content type.
* ``fields`` holds structured, public metadata only (文号, 索引号, 有效性 …) as strings,
  numbers or dates; never personal data (ID-card or phone numbers, names of applicants).
  The key ``"validity"`` (现行有效 / 已废止 / 已失效) feeds the validity filter.
* ``date`` is the date results are sorted and faceted by (公开日期 where there is one).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing, independent of the model and the backend that stores it."""

    id: str
    type: str
    title: str
    text: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    publisher: str = ""
    catalog_path: list[str] = field(default_factory=list)
    village: str = ""
    date: datetime.date | None = None
    url: str = ""

    def __post_init__(self) -> None:
        if not self.id or not self.type:
            raise ValueError("SearchDocument needs an id and a type")
        if isinstance(self.date, datetime.datetime):
            object.__setattr__(self, "date", self.date.date())

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def validity(self) -> str:
        return str(self.fields.get("validity") or "")

    @property
    def catalog_key(self) -> str:
        """The catalog path as one string, ``"一级/二级/三级"``, for prefix filters."""
        return catalog_key(self.catalog_path)

    def field_text(self) -> str:
        """Structured values, publisher, village and catalog titles as searchable text."""
        values = [str(v) for v in self.fields.values() if v not in (None, "")]
        return " ".join([*values, self.publisher, self.village, *self.catalog_path]).strip()

    def indexed_text(self) -> str:
        return self.text[:MAX_TEXT_CHARS]


def catalog_key(path: list[str] | tuple[str, ...]) -> str:
    return "/".join(part.replace("/", "／").strip() for part in path if part and part.strip())


@runtime_checkable
class Searchable(Protocol):
    """What a content type implements to be indexed; ``None`` means "must not be indexed"."""

    def search_document(self) -> SearchDocument | None: ...
