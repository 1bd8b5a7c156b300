"""Fixtures for the indexing tests: a published township tree, the embedded backend, committed callbacks."""

from __future__ import annotations

import pytest

from search import synonyms
from search.backends.embedded import EmbeddedBackend
from search.models import SearchOutbox


@pytest.fixture(autouse=True)
def _fresh_synonym_state():
    synonyms.reset_loaded_version()
    yield
    synonyms.reset_loaded_version()


@pytest.fixture
def backend(db):
    return EmbeddedBackend(site="default")


@pytest.fixture
def indexed_ids(backend):
    return backend.document_ids


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the indexing tasks) as a committed transaction would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def pending():
    return lambda: sorted(SearchOutbox.objects.values_list("doc_id", flat=True))
