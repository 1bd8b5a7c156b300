"""Demo villages for the demo township (settings.DEMO_BUILDERS): villages, people, a year of notices."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from villages.models import NaturalVillage, VillageNoticePage
from villages.services.villages import village_add_member, village_create

VILLAGES = [
    ("530581104201", "红星", "hongxing", ["上寨", "下寨", "河边"]),
    ("530581104202", "光明", "guangming", ["大坪", "小坪"]),
    ("530581104203", "新华", "xinhua", ["新村", "老村"]),
    ("530581104204", "东风", "dongfeng", ["东山", "西山"]),
    ("530581104205", "团结", "tuanjie", ["坝头", "坝尾"]),
]
PASSWORD = "village123456"


def _user(username: str, last: str, first: str):
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=username, defaults={"last_name": last, "first_name": first, "email": f"{username}@example.cn"}
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def _months_back(today: dt.date, count: int) -> list[tuple[int, int]]:
    result = []
    year, month = today.year, today.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        result.append((year, month))
    return list(reversed(result))


def _finance_table(month: int) -> dict:
    income = [("上级转移支付", 20000 + month * 100), ("集体资产租金", 3000)]
    expense = [("村干部报酬", 9000), ("办公费", 800 + month * 10)]
    total_in = sum(a for _, a in income)
    total_out = sum(a for _, a in expense)
    return {
        "title": "村级财务收支公开表",
        "opening_balance": "50000.00",
        "income": [{"item": i, "amount": f"{a}.00", "note": ""} for i, a in income],
        "expense": [{"item": i, "amount": f"{a}.00", "note": ""} for i, a in expense],
        "total_income": f"{total_in}.00",
        "total_expense": f"{total_out}.00",
        "closing_balance": f"{50000 + total_in - total_out}.00",
    }


def _publish(board, **fields) -> None:
    notice = VillageNoticePage(live=False, **fields)
    board.add_child(instance=notice)
    notice.save_revision().publish()


def build_villages_demo(ctx) -> None:
    """5 villages with natural villages, secretary_<pinyin>/committee_<pinyin> users, 12 months of notices."""
    township = ctx.township
    for index, (code, name, pinyin, naturals) in enumerate(VILLAGES):
        village = village_create(township=township, code=code, name=name, households=300 + index * 40)
        for natural in naturals:
            NaturalVillage.objects.create(village=village, name=natural, households=80)
        village_add_member(village=village, user=_user(f"secretary_{pinyin}", "王", f"{name}文书"), role="secretary")
        village_add_member(village=village, user=_user(f"committee_{pinyin}", "李", f"{name}监委"), role="committee")
        board = village.board_page
        months = _months_back(ctx.today, 12 if index < 2 else 3)
        for year, month in months:
            posting = dt.date(year, month, 28) + dt.timedelta(days=7)
            _publish(
                board,
                title=f"{name}村{year}年{month}月财务收支公开",
                category="财务",
                kind="finance_monthly",
                period_year=year,
                period_unit="month",
                period_number=month,
                posting_start=posting,
                posting_end=posting + dt.timedelta(days=30),
                body="<p>本月村级财务收支情况公开如下，如有疑问请向村务监督委员会反映。</p>",
                finance_tables=[("finance_table", _finance_table(month))],
            )
        ctx.log(f"村务公开：{name}村（{len(naturals)} 个自然村，{len(months)} 期财务公开）")
    year, month = _months_back(ctx.today, 2)[0]
    board = township.villages.get(code=VILLAGES[0][0]).board_page
    day = dt.date(year, month, 3)
    step = {"votes_against": 0, "abstentions": 0, "summary": ""}
    _publish(
        board,
        title="关于红星村村道硬化项目的决议公开",
        category="村务",
        kind="resolution",
        period_year=year,
        period_unit="quarter",
        period_number=(month - 1) // 3 + 1,
        posting_start=day + dt.timedelta(days=10),
        body="<p>经“四议两公开”程序，村民代表会议通过村道硬化项目。</p>",
        deliberation=[
            (
                "four_deliberations",
                {
                    "matter": "村道硬化项目（2.3 公里）",
                    "proposal": {"held_on": day, "eligible": None, "present": None, "votes_for": None, **step},
                    "consultation": {
                        "held_on": day + dt.timedelta(days=2),
                        "eligible": 9,
                        "present": 9,
                        "votes_for": 9,
                        **step,
                    },
                    "party_review": {
                        "held_on": day + dt.timedelta(days=4),
                        "eligible": 42,
                        "present": 36,
                        "votes_for": 34,
                        **step,
                    },
                    "resolution": {
                        "held_on": day + dt.timedelta(days=7),
                        "eligible": 35,
                        "present": 31,
                        "votes_for": 29,
                        **step,
                    },
                    "resolution_published_on": day + dt.timedelta(days=10),
                    "result_published_on": None,
                },
            )
        ],
    )
    ctx.log(f"村务公开：5 个行政村，用户 secretary_<拼音>/committee_<拼音>，密码 {PASSWORD}")
