"""Searchable content types, found through Django's app registry, and their document ids.

A model is searchable when it defines a callable ``search_document()`` (the `Searchable`
protocol in search.documents); nothing needs registering, so a new content type (service
guides, village notices …) is indexed as soon as it implements the method. A model may
also define the optional classmethod ``search_candidates()`` returning the queryset a
rebuild walks (e.g. only live pages); by default a rebuild walks all rows. A rebuild asks
for documents a batch of rows at a time; the optional classmethod
``search_documents(rows)`` answers for a whole batch (same rule, fewer queries), else
each row's ``search_document()`` is called.

Document ids are ``"<app_label>.<ModelName>:<pk>"``; `instance_for` turns one back into
the row it came from (``None`` once the row is gone).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import islice

from django.apps import apps
from django.db import models
from wagtail.models import Page

from search.documents import SearchDocument

BATCH_SIZE = 200


@cache
def searchable_models() -> tuple[type[models.Model], ...]:
    """Concrete models implementing ``search_document``, in a stable order."""
    found = [
        model
        for model in apps.get_models()
        if callable(getattr(model, "search_document", None)) and not model._meta.abstract and not model._meta.proxy
    ]
    return tuple(sorted(found, key=lambda m: m._meta.label))


def is_searchable(model: type[models.Model]) -> bool:
    return model in searchable_models()


def searchable_page_models() -> list[type[Page]]:
    return [m for m in searchable_models() if issubclass(m, Page)]


def doc_id(instance: models.Model) -> str:
    return doc_id_for(type(instance), instance.pk)


def doc_id_for(model: type[models.Model], pk) -> str:
    return f"{model._meta.label}:{pk}"


def parse_doc_id(value: str) -> tuple[type[models.Model], str] | None:
    """(model, pk) of a searchable model's document id; None for ids of unknown models."""
    label, _, pk = value.rpartition(":")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return (model, pk) if is_searchable(model) and pk else None


def instance_for(value: str) -> models.Model | None:
    parsed = parse_doc_id(value)
    if parsed is None:
        return None
    model, pk = parsed
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


def document_for(value: str) -> SearchDocument | None:
    """The document that id should have in the index now; None means "must not be indexed"."""
    instance = instance_for(value)
    return instance.search_document() if instance is not None else None


def candidates(model: type[models.Model]):
    hook = getattr(model, "search_candidates", None)
    return hook() if callable(hook) else model._default_manager.all()


def documents_of(model: type[models.Model], instances: list[models.Model]) -> list[SearchDocument | None]:
    """Documents of several rows of one model: its batch hook ``search_documents`` if it has one."""
    batch = getattr(model, "search_documents", None)
    if callable(batch):
        return list(batch(instances))
    return [instance.search_document() for instance in instances]


def all_documents() -> Iterator[SearchDocument]:
    """Every document that should be in the index, model by model, a batch of rows at a time."""
    for model in searchable_models():
        rows = candidates(model).order_by("pk").iterator(chunk_size=BATCH_SIZE)
        while batch := list(islice(rows, BATCH_SIZE)):
            yield from (document for document in documents_of(model, batch) if document is not None)


def count_candidates() -> int:
    return sum(candidates(model).count() for model in searchable_models())
