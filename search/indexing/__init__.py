"""The indexing side of search: which models are searchable, the outbox, rebuild and check.

Content types take part by implementing ``search_document()`` (see search.documents);
this package finds them through Django's app registry and never imports them by name.
"""
