"""The content object of plone.restapi: a page with its fields, its children batch and components."""

from __future__ import annotations

from cms.api.batching import Batch
from cms.api.components import components
from cms.api.serializers import serializer_for
from cms.api.traversal import Resolved
from cms.api.visibility import public_children


def content_payload(resolved: Resolved, *, b_start: int, b_size: int, expand: set[str]) -> dict:
    """The full response for GET /api/content/<path>: a constant number of queries whatever the children."""
    ctx = resolved.ctx
    stored = resolved.page
    shown = stored
    if ctx.editor and stored.has_unpublished_changes:
        # Editors read what they are working on: the latest revision, not the live copy.
        shown = stored.get_latest_revision_as_object()
    data = serializer_for(stored, ctx).serialize(shown, state_page=stored)
    data["parent"] = ctx.link(resolved.parent) if resolved.parent is not None else None
    data.update(children_payload(resolved, b_start=b_start, b_size=b_size))
    data["@components"] = components(resolved, expand)
    return data


def children_payload(resolved: Resolved, *, b_start: int, b_size: int) -> dict:
    ctx = resolved.ctx
    children = resolved.page.get_children()
    if not ctx.editor:
        children = public_children(children)
    batch = Batch(start=b_start, size=b_size, total=children.count())
    window = children.order_by("path").specific().prefetch_workflow_states()[batch.start : batch.end]
    items = []
    for child in window:
        item = serializer_for(child, ctx).summary(child)
        if ctx.editor:
            item["title"] = child.draft_title or child.title
        items.append(item)
    return {
        "items": items,
        "items_total": batch.total,
        "batching": batch.links(ctx.request, ctx.content_url(resolved.page)),
    }
