"""The privacy guard applied to a whole notice: collect its texts, find numbers, mask them in one step."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils.html import strip_tags

from cms.core import privacy
from villages import attachments as attachment_files

_BLOCK_END = re.compile(r"</(p|h\d|li|tr|div)>|<br\s*/?>", re.IGNORECASE)


def html_text(html: str) -> str:
    """Rich text as plain lines (one per paragraph), so findings can name the line."""
    return strip_tags(_BLOCK_END.sub("\n", html or "")).strip()


def _stream_parts(finance_tables, deliberation) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    for t_index, block in enumerate(finance_tables or [], start=1):
        value = block.value
        for section, label in (("income", "收入"), ("expense", "支出")):
            for l_index, line in enumerate(value.get(section) or [], start=1):
                text = " ".join(str(line.get(k) or "") for k in ("item", "note")).strip()
                parts.append((f"财务收支表 {t_index} {label}第 {l_index} 行", text))
    for block in deliberation or []:
        value = block.value
        parts.append(("四议两公开记录的决策事项", str(value.get("matter") or "")))
        for key in ("proposal", "consultation", "party_review", "resolution"):
            step = value.get(key) or {}
            parts.append((f"四议两公开记录（{key}）的情况说明", str(step.get("summary") or "")))
    return parts


def notice_findings(
    *, title: str, body: str, finance_tables=None, deliberation=None, attachments: Iterable = ()
) -> list[privacy.Finding]:
    """Findings in a notice's content; ``attachments`` are (title, Wagtail document) pairs."""
    findings = privacy.scan(title, "标题")
    findings += privacy.scan(html_text(body), "正文")
    for location, text in _stream_parts(finance_tables, deliberation):
        findings += privacy.scan(text, location)
    for title_, document in attachments:
        findings += attachment_files.scan_document(title_, document)
    return findings


def _mask_stream(stream_value):
    """A masked copy of a StreamField's raw data (strings inside masked, numbers untouched)."""

    def walk(value):
        if isinstance(value, str):
            return privacy.mask_text(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: (v if k in ("type", "id") else walk(v)) for k, v in value.items()}
        return value

    return walk(list(stream_value.raw_data))


@transaction.atomic
def notice_mask_personal_numbers(*, page, user=None) -> int:
    """Mask every personal number of the latest version in one step; returns how many were masked.

    Saves a new revision (so the change is in the history and the page can be submitted),
    and rewrites scanned attachments in place so no unmasked copy stays downloadable.
    """
    latest = page.get_latest_revision_as_object()
    findings = latest.privacy_findings()
    if not findings:
        return 0
    latest.title = privacy.mask_text(latest.title)
    latest.draft_title = latest.title
    latest.body = privacy.mask_text(latest.body or "")
    latest.finance_tables = _mask_stream(latest.finance_tables)
    latest.deliberation = _mask_stream(latest.deliberation)
    for attachment in latest.attachments.all():
        document = attachment.document
        if attachment_files.scan_document(attachment.display_title, document):
            attachment_files.mask_document_in_place(document)
    latest.save_revision(user=user, log_action=True)
    return len(findings)
