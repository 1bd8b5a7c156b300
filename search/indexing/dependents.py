"""Which documents a change to a page touches: the page, the pages below it, and rows filed under them.

Unpublishing a catalog directory hides every item below it; renaming it changes their
catalog path. So a change to a page re-checks the page itself, each searchable page in
its subtree, and each searchable non-page row with a foreign key into that subtree (a
standard catalog row's directory or township). Found generically from the models'
foreign keys, without naming any content model.
"""

from __future__ import annotations

from django.db import models
from wagtail.models import Page

from search.indexing.registry import doc_id_for, searchable_models


def _page_foreign_keys(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, Page)
    ]


def doc_ids_for_page(page: Page, *, include_self: bool = True) -> list[str]:
    """Document ids of every searchable row that depends on `page` (itself included)."""
    ids: list[str] = []
    for model in searchable_models():
        if issubclass(model, Page):
            queryset = model._default_manager.filter(path__startswith=page.path)
            if not include_self:
                queryset = queryset.exclude(pk=page.pk)
            ids.extend(doc_id_for(model, pk) for pk in queryset.values_list("pk", flat=True))
            continue
        condition = models.Q()
        for name in _page_foreign_keys(model):
            condition |= models.Q(**{f"{name}__path__startswith": page.path})
        if condition:
            ids.extend(
                doc_id_for(model, pk) for pk in model._default_manager.filter(condition).values_list("pk", flat=True)
            )
    return list(dict.fromkeys(ids))
