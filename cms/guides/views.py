"""Thin views of the guides app: the single-guide PDF, delegated to the printing service."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def guide_pdf(request: HttpRequest, page) -> HttpResponse:
    """``<guide url>pdf/``: cms.printing.guides.guide_pdf_response, or a clear 503 page until it exists."""
    try:
        from cms.printing.guides import guide_pdf_response
    except ImportError:
        return TemplateResponse(request, "guides/pdf_unavailable.html", {"page": page, "self": page}, status=503)
    return guide_pdf_response(request, page)
