"""Builders for grid tests: a township with a category, a grid unit, workers and users."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from grid.actions import ReceiveAction
from grid.models import AppealCategory, GridUnit, GridWorker, HandlingUnit

_counter = itertools.count(1)


def make_user(username: str | None = None, *perms: str, superuser: bool = False):
    username = username or f"user{next(_counter)}"
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username=username, password="x", email=f"{username}@example.com")
    user = User.objects.create_user(username=username, password="x")
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return get_user_model().objects.get(pk=user.pk)


def make_grid_setup(township):
    unit = HandlingUnit.objects.create(township=township, name=f"综治办{next(_counter)}")
    category = AppealCategory.objects.create(
        township=township, name="道路交通", code=f"C{next(_counter)}", time_limit_days=5, default_handling_unit=unit
    )
    grid = GridUnit.objects.create(township=township, code=f"G{next(_counter):02d}", name="第一网格")
    leader = GridWorker.objects.create(township=township, name="王网格长", role="leader", grid_unit=grid)
    grid.leader = leader
    grid.save()
    return {"handling_unit": unit, "category": category, "grid": grid, "leader": leader}


def make_worker(township, grid, name: str = "李网格员"):
    user = make_user()
    return GridWorker.objects.create(township=township, name=name, user=user, grid_unit=grid, phone="13800000000")


def receive(township, setup, *, user=None, description: str = "村口路灯坏了，晚上看不见路", **data):
    data.setdefault("category", setup["category"])
    data.setdefault("grid_unit", setup["grid"])
    data.setdefault("appellant_name", "张三")
    data.setdefault("appellant_phone", "13912345678")
    data["description"] = description
    return ReceiveAction(township, user, data=data).execute()
