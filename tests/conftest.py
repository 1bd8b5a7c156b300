"""Suite-wide fixtures and the rule for real services.

Outside CI a test that needs an absent service skips; under CI=true it fails instead.
"""

from __future__ import annotations

import os
import socket

import pytest
from django.db import connection

IN_CI = os.environ.get("CI", "").lower() == "true"


def require_service(name: str, host: str, port: int) -> None:
    """Skip (or fail under CI) unless host:port accepts a TCP connection."""
    try:
        with socket.create_connection((host, port), timeout=2):
            return
    except OSError as exc:
        message = f"{name} at {host}:{port} is not reachable: {exc}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def using_postgres() -> bool:
    return connection.vendor == "postgresql"


def _restore_migrated_data_in_transactional_tests(items) -> None:
    """Every transactional test restores the migrated data (root page, roles, calendar).

    A transactional test empties the tables when it ends. With serialized_rollback the
    flush skips post_migrate and the next such test reloads the data the migrations
    made; mixing tests with and without it breaks that (content types clash), so the
    rule is applied here to all of them instead of trusting each test to ask for it.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback"):
            continue
        item.add_marker(
            pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}), append=False
        )


def pytest_collection_modifyitems(config, items):
    _restore_migrated_data_in_transactional_tests(items)
    if not os.environ.get("CELERY_INTEGRATION"):
        # The Celery integration tests start a real worker; only .ci/run asks for them.
        skip_celery = pytest.mark.skip(reason="needs CELERY_INTEGRATION=1 and CELERY_BROKER_URL (see .ci/run)")
        for item in items:
            if "celery_integration" in item.keywords:
                item.add_marker(skip_celery)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    skip = pytest.mark.skip(reason="runs in the PostgreSQL pass (DATABASE_URL=postgres://…, see .ci/run)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _clear_calendar_snapshot():
    from cms.core.services import workdays

    workdays.invalidate_calendar()
    yield
    workdays.invalidate_calendar()


@pytest.fixture
def tree(db):
    from tests.factories import make_tree

    return make_tree()
