"""The base page serializer and the registry that picks one per content type."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from cms.api.traversal import ApiContext
from cms.workflow.services import review_state

_REGISTRY: dict[type[Page], type[PageSerializer]] = {}


def register(model: type[Page]):
    """Class decorator: use this serializer for `model` and its subclasses without their own."""

    def decorator(serializer_cls: type[PageSerializer]) -> type[PageSerializer]:
        _REGISTRY[model] = serializer_cls
        serializer_cls.model = model
        return serializer_cls

    return decorator


def serializer_for(page: Page, ctx: ApiContext) -> PageSerializer:
    for cls in type(page).__mro__:
        if cls in _REGISTRY:
            return _REGISTRY[cls](ctx)
    return PageSerializer(ctx)


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


class PageSerializer:
    """Serializes any page: the common keys, then the fields its model lists in `api_fields`.

    Subclasses add what a plain field walk cannot express (relations, derived values)
    in `extra_fields`, and may say how a page is described in listings.
    """

    model: type[Page] = Page
    listing_fields: tuple[str, ...] = ()

    def __init__(self, ctx: ApiContext):
        self.ctx = ctx

    # -- listings -------------------------------------------------------------------
    def description(self, page: Page) -> str:
        return page.search_description or ""

    def summary(self, page: Page, *, state_page: Page | None = None) -> dict:
        """The short form used for children, links and listings."""
        data = {
            "@id": self.ctx.content_url(state_page or page),  # a draft's own url_path may differ
            "@type": type(page).__name__,
            "id": page.pk,
            "title": page.title,
            "description": self.description(page),
            "review_state": review_state(state_page or page),
        }
        for name in self.listing_fields:
            data[name] = self.field_value(page, name)
        return data

    # -- the full object ------------------------------------------------------------
    def serialize(self, page: Page, *, state_page: Page) -> dict:
        """`page` carries the content to show (perhaps a draft revision); `state_page` the stored state."""
        data = self.summary(page, state_page=state_page)
        data.update(
            {
                "slug": page.slug,
                "created": jsonable(state_page.first_published_at),
                "modified": jsonable(state_page.last_published_at or state_page.latest_revision_created_at),
                "has_unpublished_changes": state_page.has_unpublished_changes,
            }
        )
        for name in getattr(type(page), "api_fields", []) or []:
            data[name] = self.field_value(page, name)
        data.update(self.extra_fields(page))
        return data

    def extra_fields(self, page: Page) -> dict:
        return {}

    def field_value(self, page: Page, name: str) -> Any:
        try:
            field = page._meta.get_field(name)
        except FieldDoesNotExist:
            return jsonable(getattr(page, name))
        value = getattr(page, field.attname)
        if isinstance(field, RichTextField):
            return expand_db_html(value or "")
        if field.choices:
            if value in (None, ""):
                return None
            return {"token": value, "title": str(getattr(page, f"get_{name}_display")())}
        if isinstance(field, models.ForeignKey):
            return self.related_value(page, name)
        return jsonable(value)

    def related_value(self, page: Page, name: str) -> Any:
        related = getattr(page, name)
        return None if related is None else {"title": str(related)}
