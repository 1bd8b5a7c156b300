"""Background tasks of cms.core."""

from __future__ import annotations

import os
import socket

from celery import shared_task


@shared_task(name="cms.core.tasks.ping")
def ping() -> dict:
    """Health check that proves a worker can reach the database: who answered, and what it saw.

    Returns the answering process (hostname, pid) and the number of townships in the
    database, so a caller can tell a real worker from an in-process (eager) run and a
    stale database from the one it just wrote to.
    """
    from cms.core.models import TownshipPage

    return {
        "hostname": socket.gethostname(),
        "pid": os.getpid(),
        "townships": TownshipPage.objects.count(),
    }
