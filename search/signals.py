"""Receivers that turn content changes into outbox rows (same transaction) and indexing tasks (after commit).

* page_published / page_unpublished (including Wagtail's scheduled expiry, which
  unpublishes through UnpublishPageAction) and post_page_move: the page and everything
  that depends on it — pages below it and rows filed under them — are re-checked;
* pre_delete of a page: the same set, collected before the subtree disappears;
* post_save / post_delete of searchable non-page models (standard catalog rows);
  page saves are drafts and wait for publishing;
* PageViewRestriction saved or deleted: the restricted subtree is re-checked;
* SynonymGroup saved or deleted: every process reloads the synonym list.

Receivers are thin; the rules live in search.indexing.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexing.dependents import doc_ids_for_page
from search.indexing.outbox import outbox_enqueue
from search.indexing.registry import doc_id, is_searchable
from search.models import OutboxOperation, SynonymGroup
from search.synonyms import synonyms_changed


def _page_changed(page: Page, *, op: str = OutboxOperation.INDEX) -> None:
    outbox_enqueue(doc_ids_for_page(page), op=op)


@receiver(page_published, dispatch_uid="sitesearch_page_published")
def index_published_page(sender, instance, **kwargs):
    _page_changed(instance)


@receiver(page_unpublished, dispatch_uid="sitesearch_page_unpublished")
def remove_unpublished_page(sender, instance, **kwargs):
    _page_changed(instance, op=OutboxOperation.DELETE)


@receiver(post_page_move, dispatch_uid="sitesearch_page_moved")
def reindex_moved_page(sender, instance, **kwargs):
    _page_changed(Page.objects.get(pk=instance.pk))


@receiver(pre_delete, dispatch_uid="sitesearch_page_pre_delete")
def remove_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.path:
        _page_changed(instance, op=OutboxOperation.DELETE)


@receiver(post_save, dispatch_uid="sitesearch_row_saved")
def index_saved_row(sender, instance, raw=False, **kwargs):
    if not raw and not isinstance(instance, Page) and is_searchable(sender):
        outbox_enqueue([doc_id(instance)])


@receiver(post_delete, dispatch_uid="sitesearch_row_deleted")
def remove_deleted_row(sender, instance, **kwargs):
    if not isinstance(instance, Page) and is_searchable(sender):
        outbox_enqueue([doc_id(instance)], op=OutboxOperation.DELETE)


@receiver([post_save, post_delete], sender=PageViewRestriction, dispatch_uid="sitesearch_view_restriction")
def reindex_restricted_section(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _page_changed(page)


@receiver([post_save, post_delete], sender=SynonymGroup, dispatch_uid="sitesearch_synonyms")
def reload_synonyms(sender, **kwargs):
    synonyms_changed()
