"""JSON and XML responses in the GeoReport v2 shape.

JSON is the Spark-convention mapping of the XML: a top-level list of objects. XML has
a root element (services / service_requests / errors) holding one element per item
(service / request / error), UTF-8 with the XML declaration, no namespace.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

from django.http import HttpResponse

FORMATS = ("json", "xml")
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
XML_CONTENT_TYPE = "text/xml; charset=utf-8"


def _xml_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def to_xml(root: str, item: str, rows: Iterable[Mapping]) -> str:
    """The schemaless XML of the spec: <root><item><field>value</field>…</item>…</root>."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>', f"<{root}>"]
    for row in rows:
        parts.append(f"<{item}>")
        for key, value in row.items():
            text = _xml_value(value)
            parts.append(f"<{key}>{text}</{key}>" if text else f"<{key}/>")
        parts.append(f"</{item}>")
    parts.append(f"</{root}>")
    return "".join(parts)


def render(rows: list[Mapping], *, fmt: str, root: str, item: str, status: int = 200) -> HttpResponse:
    """A response in the requested format ("json" or "xml")."""
    if fmt == "xml":
        return HttpResponse(to_xml(root, item, rows), content_type=XML_CONTENT_TYPE, status=status)
    body = json.dumps(rows, ensure_ascii=False, default=str)
    return HttpResponse(body, content_type=JSON_CONTENT_TYPE, status=status)


def render_error(status: int, description: str, *, fmt: str) -> HttpResponse:
    """The spec's error list, [{"code": 404, "description": "…"}], with the same HTTP status."""
    rows = [{"code": status, "description": description}]
    return render(rows, fmt=fmt if fmt in FORMATS else "json", root="errors", item="error", status=status)
