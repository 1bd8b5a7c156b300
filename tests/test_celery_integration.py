"""Celery against a real broker and a real worker process (run by .ci/run).

Needs CELERY_INTEGRATION=1, CELERY_BROKER_URL (Redis) and PostgreSQL
(DATABASE_URL=postgres://…): the worker is a separate process, so it must reach the
same test database over the network; an in-memory SQLite database cannot be shared.
Outside CI an absent Redis skips; under CI=true it fails (tests.conftest.require_service).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require_service

pytestmark = [pytest.mark.celery_integration, pytest.mark.django_db(transaction=True)]

REPO_ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 60.0
RESULT_TIMEOUT = 30.0


def _require_environment() -> str:
    if not os.environ.get("CELERY_INTEGRATION"):
        pytest.skip("set CELERY_INTEGRATION=1 to run the Celery integration tests")
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not broker_url:
        message = "CELERY_BROKER_URL is not set (e.g. redis://127.0.0.1:6379/0)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs the test database over the network: set DATABASE_URL=postgres://…")
    parts = urlsplit(broker_url)
    require_service("Redis broker", parts.hostname or "127.0.0.1", parts.port or 6379)
    return broker_url


def _test_database_url() -> str:
    """The URL of the database this test runs in (pytest-django's test_… copy), for the worker."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


def _celery_executable() -> str:
    candidate = Path(sys.executable).with_name("celery")
    return str(candidate) if candidate.exists() else str(REPO_ROOT / ".venv" / "bin" / "celery")


def _wait_until_ready(app, process: subprocess.Popen, nodename: str, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Celery worker exited with {process.returncode}:\n{log_path.read_text()[-4000:]}")
        if app.control.ping(destination=[nodename], timeout=1.0):
            return
    pytest.fail(
        f"Celery worker {nodename} did not answer ping within {READY_TIMEOUT:.0f}s:\n{log_path.read_text()[-4000:]}"
    )


@pytest.fixture
def worker(tmp_path):
    """A real `celery worker` process on a private queue, stopped however the test ends.

    The private queue keeps tasks away from any other worker on the same broker
    (a developer's `make worker`); `.delay()` reaches it through task_routes.
    """
    _require_environment()
    from cms.celery import app

    suffix = uuid.uuid4().hex[:10]
    queue, nodename = f"it-{suffix}", f"it-{suffix}@{os.uname().nodename}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    log_path = tmp_path / "worker.log"
    command = [
        _celery_executable(),
        "-A",
        "cms",
        "worker",
        "--pool=solo",
        "-c",
        "1",
        "--without-mingle",
        "--without-gossip",
        "-l",
        "warning",
        "-n",
        nodename,
        "-Q",
        queue,
    ]
    previous_routes = app.conf.task_routes
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        app.conf.update(task_routes={"cms.core.tasks.*": {"queue": queue}})
        _wait_until_ready(app, process, nodename, log_path)
        yield process
    finally:
        app.conf.update(task_routes=previous_routes)
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def test_ping_runs_in_the_worker_process(worker):
    from cms.core.tasks import ping

    result = ping.delay().get(timeout=RESULT_TIMEOUT)

    assert result["pid"] != os.getpid()
    assert result["pid"] == worker.pid  # --pool=solo: the task runs in the worker's own process


def test_worker_sees_committed_data(worker):
    from cms.core.tasks import ping
    from tests.factories import make_township

    before = ping.delay().get(timeout=RESULT_TIMEOUT)["townships"]
    _ensure_wagtail_root()
    make_township("明光镇", hostname="celery-it.example")
    make_township("固东镇", organisation_code="01526096-4", hostname="celery-it-2.example")

    after = ping.delay().get(timeout=RESULT_TIMEOUT)["townships"]

    assert after == before + 2


def _ensure_wagtail_root() -> None:
    """Transactional tests flush the database, taking Wagtail's root page and locale with them."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", draft_title="Root"))
