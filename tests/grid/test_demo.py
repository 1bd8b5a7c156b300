"""The grid demo: 35 grid units, about 40 workers, 300+ appeals in every state, built through the actions."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from grid.models import Appeal, AppealEvent, AppealStatus, GridUnit, GridWorker

pytestmark = pytest.mark.django_db


def test_demo_builds_grid_data_through_the_actions():
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    assert GridUnit.objects.count() == 35
    assert 38 <= GridWorker.objects.count() <= 45
    assert Appeal.objects.count() >= 300
    statuses = set(Appeal.objects.values_list("status", flat=True))
    assert statuses == set(AppealStatus.values)
    assert Appeal.objects.overdue().exists()
    # every appeal has its 受理 entry and every status change left an event
    assert AppealEvent.objects.filter(action="receive").count() == Appeal.objects.count()
    serials = list(Appeal.objects.values_list("serial", flat=True))
    assert len(serials) == len(set(serials))
    assert "网格化管理" in out.getvalue()
