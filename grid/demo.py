"""Demo data of the grid module (settings.DEMO_BUILDERS): 35 grid units, ~40 workers, 300+ appeals.

Appeals are created and moved only through the actions (with back-dated ``now``), so
serials, due dates and timelines are exactly what real use would produce. Natural
villages come from the villages demo when it ran first; otherwise the ones needed are
created here (idempotently, by name).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from grid.actions import ACTIONS, ReceiveAction
from grid.exceptions import AppealActionError
from grid.models import Appeal, AppealCategory, AppealSource, GridUnit, GridWorker, HandlingUnit

UNITS = 35
APPEALS = 320
VILLAGES = {
    "明光村": ["大寨", "小寨", "新寨", "上村", "下村", "河边"],
    "东营村": ["东营", "西营", "松坡", "麻栗坪", "大坝"],
    "凤凰村": ["凤凰山", "龙井", "白石岩", "水井", "坡头", "老寨"],
    "麻栗村": ["麻栗坡", "核桃林", "杨家寨", "李家寨", "新村"],
    "自治村": ["自治", "岔路", "大园子", "马鞍山", "小河"],
    "永安村": ["永安", "中寨", "后山", "桥头", "沙坝", "田心", "古井", "茶园"],
}
HANDLING_UNITS = [
    ("党政综合办公室", "department"),
    ("农业农村服务中心", "department"),
    ("社会事务办公室", "department"),
    ("综治中心", "department"),
    ("村镇规划建设服务中心", "department"),
    ("应急救援工作队", "team"),
]
CATEGORIES = [
    (
        "ENV",
        "环境卫生",
        5,
        "村镇规划建设服务中心",
        ["垃圾堆放多日未清运，气味很大", "村内污水横流，请求修建排水沟", "河道漂浮物较多需要清理"],
    ),
    (
        "ROAD",
        "道路交通",
        10,
        "村镇规划建设服务中心",
        ["村口路灯坏了，晚上看不见路", "进村道路塌陷，车辆无法通行", "桥面护栏损坏存在安全隐患"],
    ),
    (
        "AGRI",
        "农业生产",
        5,
        "农业农村服务中心",
        ["耕地地力保护补贴未到账", "烟叶收购价格有疑问", "灌溉水渠堵塞影响插秧"],
    ),
    ("DISP", "矛盾纠纷", 5, "综治中心", ["邻居建房占用宅基地边界", "土地承包经营权流转纠纷", "家庭赡养纠纷请求调解"]),
    ("SOC", "社会保障", 10, "社会事务办公室", ["申请低保材料不知道怎么准备", "残疾人补贴发放咨询", "医保缴费遇到问题"]),
    ("SAFE", "安全隐患", 3, "应急救援工作队", ["山体有滑坡迹象", "老旧房屋墙体开裂", "电线私拉乱接存在火灾隐患"]),
]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["国强", "秀英", "建华", "丽芳", "志明", "红梅", "德兵", "玉兰", "文才", "春花", "永福", "桂香"]


def _natural_villages(ctx):
    """35 natural villages of the demo township: the villages demo's first, topped up here by name."""
    from villages.models import NaturalVillage, Village

    existing = list(NaturalVillage.objects.filter(village__township=ctx.township).select_related("village"))
    if len(existing) >= UNITS:
        return existing[:UNITS]
    villages = list(Village.objects.filter(township=ctx.township))
    if not villages:
        for index, name in enumerate(VILLAGES, start=1):
            village, _ = Village.objects.get_or_create(
                township=ctx.township, name=name, defaults={"code": f"530581104{300 + index}"}
            )
            villages.append(village)
    extra_names = [name for names in VILLAGES.values() for name in names]
    result = existing
    taken = {(n.village_id, n.name) for n in existing}
    for index, name in enumerate(extra_names):
        if len(result) >= UNITS:
            break
        village = villages[index % len(villages)]
        if (village.pk, name) in taken:
            continue
        natural, _ = NaturalVillage.objects.get_or_create(
            village=village, name=name, defaults={"households": 60 + index * 3, "population": 240 + index * 10}
        )
        taken.add((village.pk, name))
        result.append(natural)
    return result[:UNITS]


def build_grid_demo(ctx) -> None:
    """Entry point listed in settings.DEMO_BUILDERS; runs inside load_demo's transaction."""
    township = ctx.township
    if GridUnit.objects.filter(township=township).exists():
        ctx.log("网格化管理：演示数据已存在，跳过")
        return
    rng = random.Random(6)
    admin = ctx.users["admin"]
    units = {
        name: HandlingUnit.objects.create(township=township, name=name, kind=kind) for name, kind in HANDLING_UNITS
    }
    categories = []
    for code, name, limit, unit_name, _ in CATEGORIES:
        categories.append(
            AppealCategory.objects.create(
                township=township,
                code=code,
                name=name,
                time_limit_days=limit,
                default_handling_unit=units[unit_name],
            )
        )
    texts = {code: samples for code, _, _, _, samples in CATEGORIES}

    naturals = _natural_villages(ctx)
    grids, workers = [], []
    for number, natural in enumerate(naturals, start=1):
        grid = GridUnit.objects.create(
            township=township,
            code=f"MG{number:02d}",
            name=f"第{number}网格（{natural.name}）",
            natural_village=natural,
            households=natural.households or 80,
            population=natural.population or 300,
        )
        leader = GridWorker.objects.create(
            township=township,
            name=rng.choice(SURNAMES) + rng.choice(GIVEN),
            phone=f"139{rng.randint(10000000, 99999999)}",
            role=GridWorker.Role.LEADER if number % 7 == 1 else GridWorker.Role.FULL_TIME,
            grid_unit=grid,
        )
        grid.leader = leader
        grid.save(update_fields=["leader"])
        grids.append(grid)
        workers.append(leader)
    for number in range(5):
        workers.append(
            GridWorker.objects.create(
                township=township,
                name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                phone=f"137{rng.randint(10000000, 99999999)}",
                role=GridWorker.Role.PART_TIME,
                grid_unit=grids[number * 7],
            )
        )
    ctx.log(f"网格化管理：{len(grids)} 个网格，{len(workers)} 名网格员，{len(units)} 个承办单位")

    now = timezone.now()
    counts: dict[str, int] = {}
    for index in range(APPEALS):
        received = now - dt.timedelta(days=365 * (APPEALS - index) / APPEALS, hours=rng.randint(0, 8))
        category = rng.choice(categories)
        grid = rng.choice(grids)
        appeal = ReceiveAction(
            township,
            admin,
            now=received,
            data={
                "category": category,
                "grid_unit": grid,
                "source": rng.choice(AppealSource.values),
                "description": rng.choice(texts[category.code]),
                "address": f"{grid.name}",
                "appellant_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "appellant_phone": f"138{rng.randint(10000000, 99999999)}",
                "is_anonymous": index % 11 == 0,
                "is_confidential": index % 17 == 0,
            },
        ).execute()
        _advance(appeal, admin, rng, received, now, grid)
        appeal.refresh_from_db(fields=["status"])
        counts[appeal.status] = counts.get(appeal.status, 0) + 1
        if (index + 1) % 80 == 0:
            ctx.log(f"网格化管理：已生成诉求 {index + 1}/{APPEALS}")
    _show_rare_states(township, admin, now, counts)
    summary = "，".join(f"{Appeal(status=s).get_status_display()} {n}" for s, n in sorted(counts.items()))
    ctx.log(f"网格化管理：{sum(counts.values())} 件诉求（{summary}）")


def _advance(appeal, admin, rng, received, now, grid) -> None:
    """Move one appeal along a plausible path; recent ones stop earlier, a few go off the main road."""
    age_days = (now - received).days
    worker = grid.leader
    roll = rng.random()
    plan: list[tuple[str, dict]] = [("dispatch", {})]
    if roll < 0.08:
        plan += [("return", {"note": "不属于本单位职责"}), ("reassign", {"assignee": worker})]
    plan.append(("accept", {"actor_label": worker.name}))
    if roll > 0.9:
        plan += [
            ("request_extension", {"days": 5, "note": "需协调多个部门", "actor_label": worker.name}),
            ("approve_extension", {}),
        ]
    plan += [("answer", {"note": "已现场处理并答复群众", "actor_label": worker.name}), ("approve_closure", {})]
    satisfaction = rng.choices(["satisfied", "basically_satisfied", "dissatisfied"], [70, 22, 8])[0]
    plan.append(("visit", {"satisfaction": satisfaction}))
    if satisfaction == "dissatisfied":
        plan += [
            ("redo", {}),
            ("answer", {"note": "重新办理完毕", "actor_label": worker.name}),
            ("approve_closure", {}),
            ("visit", {"satisfaction": "basically_satisfied"}),
        ]
    plan.append(("archive", {}))
    # Older appeals travel further; the last weeks leave work in every state (some overdue).
    if age_days < 5:
        plan = plan[: rng.randint(0, 2)]
    elif age_days < 30:
        plan = plan[: rng.randint(1, len(plan))]
    elif age_days < 90 and roll < 0.3:
        plan = plan[: len(plan) - 1]
    if age_days < 60 and 0.45 < roll < 0.5:
        plan.append(("suspend", {"note": "等待司法鉴定结果"}))
    moment = received
    for name, kwargs in plan:
        moment = min(now, moment + dt.timedelta(hours=rng.randint(2, 30)))
        try:
            appeal = ACTIONS[name](appeal, admin, now=moment, **kwargs).execute()
        except AppealActionError:
            break


def _show_rare_states(township, admin, now, counts) -> None:
    """Three appeals of today: a 退单 waiting for 改派, and a duplicate merged into its original."""
    first = Appeal.objects.filter(township=township).order_by("-received_at").first()
    data = {"category": first.category, "grid_unit": first.grid_unit, "description": "村口路灯坏了，晚上看不见路"}
    returned, original, duplicate = (
        ReceiveAction(township, admin, now=now, data=dict(data, appellant_phone=f"1380000000{i}")).execute()
        for i in range(3)
    )
    for name, kwargs in (("dispatch", {}), ("return", {"note": "不属于本单位职责，请改派"})):
        returned = ACTIONS[name](returned, admin, now=now, **kwargs).execute()
    ACTIONS["merge"](duplicate, admin, now=now, target=original, note="同一事项重复反映").execute()
    counts["received"] = counts.get("received", 0) + 1
    counts["returned"] = counts.get("returned", 0) + 1
    counts["merged"] = counts.get("merged", 0) + 1
