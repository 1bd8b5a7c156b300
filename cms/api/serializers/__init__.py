"""Serializers chosen by content type (plone.restapi's ISerializeToJson adapters, as a registry).

Importing the type modules registers their serializers.
"""

from cms.api.serializers import catalog, disclosure, guides, township, villages  # noqa: F401
from cms.api.serializers.base import PageSerializer, register, serializer_for

__all__ = ["PageSerializer", "register", "serializer_for"]
