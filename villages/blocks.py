"""StreamField blocks of village notices: the finance table and the 四议两公开 record.

Both validate themselves in ``clean()`` so a table whose totals do not add up, or a
party-members meeting without a quorum, is refused with a Chinese message on the field
before anything is saved.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

CENT = Decimal("0.01")


class FinanceLineBlock(blocks.StructBlock):
    """One income or expense line: item, amount in yuan, a note."""

    item = blocks.CharBlock(label="项目", max_length=100)
    amount = blocks.DecimalBlock(label="金额（元）", max_digits=14, decimal_places=2)
    note = blocks.CharBlock(label="备注", required=False, max_length=200)

    class Meta:
        icon = "list-ul"
        label = "收支明细"


def _sum(lines) -> Decimal:
    return sum((Decimal(line["amount"] or 0) for line in lines), Decimal("0")).quantize(CENT)


class FinanceTableBlock(blocks.StructBlock):
    """A 财务收支公开表: opening balance, income and expense lines, declared totals, closing balance.

    The declared totals must equal the sum of the lines, and the closing balance must
    be opening + income − expense; otherwise the block says which figure is wrong and
    what it should be.
    """

    title = blocks.CharBlock(label="表名", max_length=100, default="财务收支公开表")
    opening_balance = blocks.DecimalBlock(label="期初余额（元）", max_digits=14, decimal_places=2, default=0)
    income = blocks.ListBlock(FinanceLineBlock(), label="收入", min_num=0)
    expense = blocks.ListBlock(FinanceLineBlock(), label="支出", min_num=0)
    total_income = blocks.DecimalBlock(label="收入合计（元）", max_digits=14, decimal_places=2)
    total_expense = blocks.DecimalBlock(label="支出合计（元）", max_digits=14, decimal_places=2)
    closing_balance = blocks.DecimalBlock(label="期末余额（元）", max_digits=14, decimal_places=2)

    class Meta:
        icon = "table"
        label = "财务收支表"
        template = "villages/blocks/finance_table.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        income = _sum(value["income"])
        expense = _sum(value["expense"])
        if Decimal(value["total_income"]).quantize(CENT) != income:
            errors["total_income"] = ValidationError(
                f"收入合计 {value['total_income']} 元与收入明细之和 {income} 元不一致"
            )
        if Decimal(value["total_expense"]).quantize(CENT) != expense:
            errors["total_expense"] = ValidationError(
                f"支出合计 {value['total_expense']} 元与支出明细之和 {expense} 元不一致"
            )
        expected = (Decimal(value["opening_balance"] or 0) + income - expense).quantize(CENT)
        if Decimal(value["closing_balance"]).quantize(CENT) != expected:
            errors["closing_balance"] = ValidationError(
                f"期末余额 {value['closing_balance']} 元应为 期初余额 + 收入 − 支出 = {expected} 元"
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class MeetingStepBlock(blocks.StructBlock):
    """One of the four deliberation steps: when it met, who could attend, who came, how they voted."""

    held_on = blocks.DateBlock(label="日期")
    eligible = blocks.IntegerBlock(label="应到人数", min_value=0, required=False)
    present = blocks.IntegerBlock(label="实到人数", min_value=0, required=False)
    votes_for = blocks.IntegerBlock(label="赞成", min_value=0, required=False)
    votes_against = blocks.IntegerBlock(label="反对", min_value=0, required=False)
    abstentions = blocks.IntegerBlock(label="弃权", min_value=0, required=False)
    summary = blocks.TextBlock(label="情况说明", required=False)

    class Meta:
        icon = "group"


STEP_NAMES = {
    "proposal": "村党组织提议",
    "consultation": "村“两委”会议商议",
    "party_review": "党员大会审议",
    "resolution": "村民代表会议或村民会议决议",
}


class FourDeliberationsBlock(blocks.StructBlock):
    """The 四议两公开 record of one village matter: the four steps in order, with quorum and votes.

    The party-members meeting needs at least two thirds of the members present and the
    approval of more than half of those present; the villagers' (representatives')
    meeting the same. Steps must follow each other in date order, and the votes cast
    cannot exceed those present.
    """

    matter = blocks.CharBlock(label="决策事项", max_length=200)
    proposal = MeetingStepBlock(label=STEP_NAMES["proposal"])
    consultation = MeetingStepBlock(label=STEP_NAMES["consultation"])
    party_review = MeetingStepBlock(label=STEP_NAMES["party_review"])
    resolution = MeetingStepBlock(label=STEP_NAMES["resolution"])
    resolution_published_on = blocks.DateBlock(label="决议公开日期", required=False)
    result_published_on = blocks.DateBlock(label="实施结果公开日期", required=False)

    class Meta:
        icon = "doc-full"
        label = "四议两公开记录"
        template = "villages/blocks/four_deliberations.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        previous = None
        for key, name in STEP_NAMES.items():
            step = value[key]
            problems = _step_problems(name, step, needs_quorum=key in ("party_review", "resolution"))
            if previous is not None and step["held_on"] and previous[1] and step["held_on"] < previous[1]:
                problems.append(f"{name}的日期不能早于{previous[0]}（{previous[1]:%Y-%m-%d}）")
            previous = (name, step["held_on"])
            if problems:
                errors[key] = ValidationError("；".join(problems))
        last = value["resolution"]["held_on"]
        if value["resolution_published_on"] and last and value["resolution_published_on"] < last:
            errors["resolution_published_on"] = ValidationError("决议公开日期不能早于决议日期")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def _step_problems(name: str, step, *, needs_quorum: bool) -> list[str]:
    eligible, present = step["eligible"], step["present"]
    votes = [step["votes_for"], step["votes_against"], step["abstentions"]]
    problems = []
    if needs_quorum and (eligible is None or present is None or step["votes_for"] is None):
        problems.append(f"{name}须填写应到人数、实到人数和赞成票数")
        return problems
    if eligible is not None and present is not None and present > eligible:
        problems.append(f"{name}实到人数 {present} 不能多于应到人数 {eligible}")
    if present is not None and sum(v or 0 for v in votes) > present:
        problems.append(f"{name}赞成、反对、弃权票数之和不能多于实到人数 {present}")
    if needs_quorum and not problems:
        if present * 3 < eligible * 2:
            problems.append(f"{name}实到 {present} 人，不足应到 {eligible} 人的三分之二，会议无效")
        elif step["votes_for"] * 2 <= present:
            problems.append(f"{name}赞成 {step['votes_for']} 票，未超过实到 {present} 人的半数，决议未通过")
    return problems
