"""Spreadsheet cells of the guide import/export: materials, steps, audience, time limits.

Pure functions in both directions, so an exported workbook imports back to the same
guide. Every parse error is a ValueError with the Chinese message the editor reads.

办理材料: one material per line, ``名称|原件/复印件|份数|来源`` with optional 5th and 6th
parts ``纸质/电子`` and ``必需/非必需``; only the name is required.
办理流程: steps separated by → (or ->, ⇒) or new lines; each ``环节：说明|时限``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.core.imports.widgets import cell_text
from cms.guides.models import Medium, OriginalOrCopy

MATERIAL_NAME_MAX = 200
SOURCE_MAX = 200
STEP_NAME_MAX = 100
STEP_TIME_LIMIT_MAX = 60
MAX_COPIES = 99

_LINES = re.compile(r"\r\n|\r|\n")
_STEP_SEPARATORS = re.compile(r"\s*(?:→|->|⇒|➝|\r\n|\r|\n)\s*")
_AUDIENCE_SEPARATORS = re.compile(r"[,，、/;；\s]+")
_IMAGE_NAME = re.compile(r"(?i)(^data:image/|\.(jpe?g|png|gif|bmp|webp|tiff?|heic)$)")
_DAYS = re.compile(r"^(\d+)\s*(?:个)?\s*(?:工作日|日|天)?$")
_VISITS = re.compile(r"^(\d+)\s*(?:次)?$")
_INSTANT = {"即办", "即时", "即时办结", "当场办结", "当场", "当日办结"}

ORIGINAL_ALIASES = {
    "原件": OriginalOrCopy.ORIGINAL,
    "复印件": OriginalOrCopy.COPY,
    "复印": OriginalOrCopy.COPY,
    "原件和复印件": OriginalOrCopy.BOTH,
    "原件及复印件": OriginalOrCopy.BOTH,
    "原件、复印件": OriginalOrCopy.BOTH,
    "原件/复印件": OriginalOrCopy.BOTH,
}
MEDIUM_ALIASES = {
    "纸质": Medium.PAPER,
    "电子": Medium.ELECTRONIC,
    "纸质或电子": Medium.EITHER,
    "纸质/电子": Medium.EITHER,
    "纸质、电子": Medium.EITHER,
}
REQUIRED_ALIASES = {"必需": True, "必须": True, "是": True, "非必需": False, "否": False, "容缺": False, "可选": False}


@dataclass
class MaterialRow:
    """One parsed material line (the fields of GuideMaterial a spreadsheet can carry)."""

    name: str
    original_or_copy: str = OriginalOrCopy.ORIGINAL
    copies: int = 1
    source: str = ""
    medium: str = Medium.PAPER
    required: bool = True


@dataclass
class StepRow:
    """One parsed step of 办理流程."""

    name: str
    description: str = ""
    time_limit: str = ""


def _split_lines(text: str) -> list[str]:
    return [line.strip() for line in _LINES.split(text) if line.strip()]


def parse_materials(value) -> list[MaterialRow]:
    """办理材料 cell → rows; each problem names the line it is on."""
    rows = []
    problems = []
    for number, line in enumerate(_split_lines(cell_text(value)), start=1):
        parts = [p.strip() for p in re.split(r"[|｜]", line)]
        name = parts[0]
        where = f"第 {number} 项材料"
        if not name:
            problems.append(f"{where}缺少名称")
            continue
        if _IMAGE_NAME.search(name):
            problems.append(f"{where}「{name[:40]}」是图片，请逐行填写材料名称（图片不能作为材料清单）")
            continue
        if len(name) > MATERIAL_NAME_MAX:
            problems.append(f"{where}名称不能超过 {MATERIAL_NAME_MAX} 个字符（现有 {len(name)} 个）")
            continue
        if len(parts) > 6:
            problems.append(f"{where}分隔符“|”过多，格式应为：名称|原件/复印件|份数|来源")
            continue
        row = MaterialRow(name=name)
        parts += [""] * (6 - len(parts))
        kind, copies, source, medium, required = parts[1:6]
        if kind:
            if kind not in ORIGINAL_ALIASES:
                problems.append(f"{where}「{name}」的“原件/复印件”应为：原件、复印件或原件和复印件（现为「{kind}」）")
            else:
                row.original_or_copy = ORIGINAL_ALIASES[kind]
        if copies:
            match = re.fullmatch(r"(\d+)\s*(?:份)?", copies)
            if not match or not 1 <= int(match.group(1)) <= MAX_COPIES:
                problems.append(f"{where}「{name}」的份数应为 1–{MAX_COPIES} 的整数（现为「{copies}」）")
            else:
                row.copies = int(match.group(1))
        if len(source) > SOURCE_MAX:
            problems.append(f"{where}「{name}」的来源不能超过 {SOURCE_MAX} 个字符")
        row.source = source[:SOURCE_MAX]
        if medium:
            if medium not in MEDIUM_ALIASES:
                problems.append(f"{where}「{name}」的“纸质/电子”应为：纸质、电子或纸质或电子（现为「{medium}」）")
            else:
                row.medium = MEDIUM_ALIASES[medium]
        if required:
            if required not in REQUIRED_ALIASES:
                problems.append(f"{where}「{name}」的“是否必需”应为：必需或非必需（现为「{required}」）")
            else:
                row.required = REQUIRED_ALIASES[required]
        rows.append(row)
    if problems:
        raise ValueError("；".join(problems))
    return rows


def render_materials(materials) -> str:
    """GuideMaterial rows (or MaterialRow) → the cell text parse_materials reads back."""
    lines = []
    for m in materials:
        parts = [m.name, str(m.original_or_copy), str(m.copies), m.source or ""]
        if m.medium != Medium.PAPER or not m.required:
            parts.append(str(m.medium))
        if not m.required:
            parts.append("非必需")
        lines.append("|".join(parts))
    return "\n".join(lines)


def parse_steps(value) -> list[StepRow]:
    """办理流程 cell → ordered steps."""
    rows = []
    problems = []
    for number, chunk in enumerate([c for c in _STEP_SEPARATORS.split(cell_text(value)) if c.strip()], start=1):
        text, _, time_limit = chunk.partition("|")
        name, description = text, ""
        if re.search(r"[：:]", text):
            name, description = re.split(r"[：:]", text, maxsplit=1)
        name, description, time_limit = name.strip(), description.strip(), time_limit.strip()
        where = f"第 {number} 个环节"
        if not name:
            problems.append(f"{where}缺少名称")
        elif len(name) > STEP_NAME_MAX:
            problems.append(f"{where}名称不能超过 {STEP_NAME_MAX} 个字符（现有 {len(name)} 个），说明请写在“：”之后")
        elif len(time_limit) > STEP_TIME_LIMIT_MAX:
            problems.append(f"{where}「{name}」的时限不能超过 {STEP_TIME_LIMIT_MAX} 个字符")
        else:
            rows.append(StepRow(name=name, description=description, time_limit=time_limit))
    if problems:
        raise ValueError("；".join(problems))
    return rows


def render_steps(steps) -> str:
    """GuideStep rows → one step per line, ``环节：说明|时限``."""
    lines = []
    for s in steps:
        text = s.name
        if s.description:
            text += "：" + " ".join(_split_lines(s.description))
        if s.time_limit:
            text += "|" + s.time_limit
        lines.append(text)
    return "\n".join(lines)


def parse_audience(value) -> tuple[bool, bool]:
    """服务对象 个人 / 企业 / 个人,企业 → (for_personal, for_enterprise); empty means 个人."""
    parts = [p for p in _AUDIENCE_SEPARATORS.split(cell_text(value)) if p]
    if not parts:
        return True, False
    aliases = {"个人": "p", "自然人": "p", "personal": "p", "企业": "e", "法人": "e", "enterprise": "e"}
    unknown = [p for p in parts if p not in aliases]
    if unknown:
        raise ValueError(f"无效的服务对象「{'、'.join(unknown)}」，应为：个人、企业或“个人,企业”")
    tokens = {aliases[p] for p in parts}
    return "p" in tokens, "e" in tokens


def render_audience(for_personal: bool, for_enterprise: bool) -> str:
    return ",".join(label for label, on in (("个人", for_personal), ("企业", for_enterprise)) if on)


def parse_working_days(value) -> int | None:
    """时限 as working days: 20, "20个工作日", "即办" (0); empty is None."""
    text = cell_text(value).replace(" ", "")
    if not text:
        return None
    if text in _INSTANT:
        return 0
    match = _DAYS.fullmatch(text)
    if not match or int(match.group(1)) > 3650:
        raise ValueError(f"应填写工作日数，例如 20 或“20个工作日”，即办填 0（现为「{text}」）")
    return int(match.group(1))


def parse_visits(value) -> int | None:
    """到现场次数: 0 (全程网办), 1, "2次"; empty is None."""
    text = cell_text(value).replace(" ", "")
    if not text:
        return None
    if text in {"零跑动", "全程网办", "不跑"}:
        return 0
    match = _VISITS.fullmatch(text)
    if not match or int(match.group(1)) > 20:
        raise ValueError(f"应填写到现场次数，例如 0、1 或“2次”（现为「{text}」）")
    return int(match.group(1))
