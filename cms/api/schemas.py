"""Response and request schemas: what /api/schema promises and schemathesis checks.

Views answer with plain JSON built by the serializers; these models describe it for
OpenAPI. Type-specific fields are allowed as extra keys, everything common is precise.
"""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

ReviewState = Literal["draft", "pending", "published", "expired"]


class ErrorDetail(Schema):
    """The inner part of every error: a machine type and a Chinese message."""

    type: str
    message: str


class ErrorOut(Schema):
    """Every error response: {"error": {"type", "message"}}."""

    error: ErrorDetail


class Link(Schema):
    """A reference to another resource by URL only."""

    id: str = Field(alias="@id")


class TitledLink(Schema):
    """A reference with a title (breadcrumbs, navigation)."""

    id: str = Field(alias="@id")
    title: str


class PageLink(Schema):
    """A reference to a content object: URL, type and title."""

    id: str = Field(alias="@id")
    type: str = Field(alias="@type")
    title: str


class Batching(Schema):
    """Links to the batches of a listing; prev/next only exist when there is such a batch."""

    id: str = Field(alias="@id")
    first: str
    last: str
    prev: str | None = None
    next: str | None = None


class ChildItem(Schema):
    """A child in `items`; items also carry index_number and disclosed_on, directories code."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(alias="@id")
    type: str = Field(alias="@type")
    uid: int = Field(alias="id")
    title: str
    description: str
    review_state: ReviewState


class BreadcrumbsOut(Schema):
    """The pages from below the site root down to the page."""

    id: str = Field(alias="@id")
    root: str
    items: list[TitledLink]


class NavigationOut(Schema):
    """The site's top-level pages."""

    id: str = Field(alias="@id")
    items: list[TitledLink]


class HistoryEntry(Schema):
    """One step of a page's review history."""

    action: str
    title: str
    actor: str
    time: str
    comment: str


class TransitionLink(Schema):
    """A transition the caller may perform: POST to its @id."""

    id: str = Field(alias="@id")
    title: str


class WorkflowOut(Schema):
    """State, history and allowed transitions (history and transitions only for editors)."""

    id: str = Field(alias="@id")
    review_state: ReviewState
    history: list[HistoryEntry]
    transitions: list[TransitionLink]


class Components(Schema):
    """Each component inline when expanded, otherwise a link to its endpoint."""

    breadcrumbs: BreadcrumbsOut | Link
    navigation: NavigationOut | Link
    workflow: WorkflowOut | Link


class ContentOut(Schema):
    """A content object; the fields of its type (its model's api_fields) come as extra keys."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(alias="@id")
    type: str = Field(alias="@type")
    uid: int = Field(alias="id")
    title: str
    description: str
    review_state: ReviewState
    slug: str
    created: str | None
    modified: str | None
    has_unpublished_changes: bool
    parent: PageLink | None
    items: list[ChildItem]
    items_total: int = Field(ge=0)
    batching: Batching
    components: Components = Field(alias="@components")


class CatalogNode(Schema):
    """A catalog directory with the count of public items in it and below."""

    id: str = Field(alias="@id")
    type: Literal["CatalogDirectoryPage"] = Field(alias="@type")
    title: str
    code: str
    level: int = Field(ge=1, le=3)
    items_total: int = Field(ge=0)
    items: list[CatalogNode]


class CatalogOut(Schema):
    """The catalog tree (levels 1–3) of the site."""

    id: str = Field(alias="@id")
    type: Literal["CatalogIndexPage"] = Field(alias="@type")
    title: str
    catalog: str
    items_total: int = Field(ge=0)
    items: list[CatalogNode]


class LoginIn(Schema):
    """Credentials for POST /api/@login."""

    login: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=200)


class TokenOut(Schema):
    """A new token; the only time its key is shown."""

    token: str
    expires_at: str | None


class TransitionIn(Schema):
    """The optional comment of a workflow transition."""

    comment: str = Field(default="", max_length=2000)


class TransitionOut(Schema):
    """The page's state after a transition and the history entry it wrote."""

    id: str = Field(alias="@id")
    action: str
    review_state: ReviewState
    history_entry: HistoryEntry | None


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
