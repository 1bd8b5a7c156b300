"""Scheduled publishing and expiry (go_live_at / expire_at), run by Celery beat every minute.

Without a broker (the embedded default) run ``python manage.py publish_scheduled``
from cron instead, e.g. ``* * * * * cd /srv/cms && .venv/bin/python manage.py publish_scheduled``.
"""

from __future__ import annotations

import io
import logging

from celery import shared_task
from django.core.management import call_command
from django.db import DatabaseError

logger = logging.getLogger(__name__)


@shared_task(
    name="cms.workflow.tasks.publish_scheduled_pages",
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def publish_scheduled_pages() -> str:
    """Run Wagtail's ``publish_scheduled`` command: approved pages whose go_live_at passed go live,
    live pages whose expire_at passed come down (marked expired). Idempotent."""
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    report = output.getvalue().strip()
    logger.info("publish_scheduled ran%s", f": {report}" if report else "")
    return report
