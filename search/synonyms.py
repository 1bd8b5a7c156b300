"""The editors' synonym list (SynonymGroup snippet) feeding the query-time synonym expansion.

search.text expands synonyms when a query is parsed, from the lines given to
`set_synonym_lines`. This module loads those lines from the database and keeps every
process current: saving or deleting a group bumps a version number in the shared cache,
and each process reloads at the start of its next request (or rebuild) when the number
differs from the one it loaded. An empty table falls back to the seed file
search/data/synonyms.txt, so search never loses its synonyms by accident.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError

from search import text as search_text

logger = logging.getLogger(__name__)

VERSION_KEY = "sitesearch:synonyms-version"
_loaded_version: str | None = None


def synonym_lines() -> list[str]:
    from search.models import SynonymGroup

    return list(SynonymGroup.objects.order_by("id").values_list("terms", flat=True))


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    return version


def apply_synonyms(*, force: bool = False) -> bool:
    """Load the database synonyms into the text pipeline if they changed; True when reloaded."""
    global _loaded_version
    version = _current_version()
    if not force and version == _loaded_version:
        return False
    try:
        lines = synonym_lines()
    except DatabaseError:  # table not migrated yet: keep the seed file
        logger.warning("Synonym table unavailable; using the seed synonym file", exc_info=True)
        return False
    search_text.set_synonym_lines(lines or None)
    _loaded_version = version
    return True


def synonyms_changed() -> None:
    """Called when an editor saves or deletes a group: every process reloads on its next request."""
    global _loaded_version
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    _loaded_version = None
    apply_synonyms()


def reset_loaded_version() -> None:
    """Forget what this process loaded (tests)."""
    global _loaded_version
    _loaded_version = None
