"""Personal numbers in free text: find them and mask them — the one place for that rule.

Village notices (subsidy and relief lists), residents' appeals (Open311, exports) and
search documents all must never show a full 身份证号, mobile or bank-card number. The
scanner recognises

* 18-digit resident ID numbers whose GB 11643 check digit is right,
* bank-card numbers of 16–19 digits (optionally grouped by spaces or hyphens) that pass Luhn,
* 11-digit mainland mobile numbers (1[3-9]…),

and ``mask_text`` replaces each with its masked form, e.g. ``3621**********1234``.
``mask_text(text, strict=True)`` is for text typed by the public: it also masks
ID-shaped numbers whose check digit is wrong (typos still identify a person) and
landline numbers (0xxx-xxxxxxx).

Whole fields that hold one value (an appellant's phone, ID number, name) are masked
with ``mask_phone``, ``mask_id_number`` and ``mask_name`` — the same shapes as in text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_NUMBER = "id_number"
BANK_CARD = "bank_card"
MOBILE = "mobile"
KIND_LABELS = {ID_NUMBER: "身份证号", BANK_CARD: "银行卡号", MOBILE: "手机号"}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_CARD_RE = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){15,18}(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
_LANDLINE_RE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")


def id_check_digit_ok(number: str) -> bool:
    """GB 11643-1999: the 18th character is the MOD 11-2 check of the first 17 digits."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    """The Luhn check every UnionPay bank-card number passes."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def mask_number(kind: str, number: str) -> str:
    """3621**********1234 for ID and bank-card numbers, 138****5678 for mobiles."""
    digits = re.sub(r"[ -]", "", number)
    if kind == MOBILE:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def mask_phone(phone: str) -> str:
    """A whole phone field: 13812345678 → 138****5678, 0871-1234567 → 087*****4567; short numbers keep 2 digits."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    if len(phone) >= 11:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * max(1, len(phone) - 2) + phone[-2:]


def mask_id_number(id_number: str) -> str:
    """A whole ID-number field: 530581199001011234 → 5305**********1234; 8 characters or fewer: all stars."""
    id_number = (id_number or "").strip()
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return mask_number(ID_NUMBER, id_number)


def mask_name(name: str) -> str:
    """A person's name: 张三 → 张*, 欧阳娜娜 → 欧***; empty stays empty."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


@dataclass(frozen=True)
class Match:
    """One personal number inside one string: where it is and what it looks like masked."""

    kind: str
    start: int
    end: int
    masked: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def find_numbers(text: str, *, strict: bool = False) -> list[Match]:
    """Every personal number in ``text``, in order; ID numbers win over bank cards over mobiles.

    ``strict`` also takes ID-shaped numbers with a wrong check digit and landline numbers.
    """
    if not text:
        return []
    found: list[Match] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _ID_RE.finditer(text):
        if strict or id_check_digit_ok(m.group()):
            found.append(Match(ID_NUMBER, m.start(), m.end(), mask_number(ID_NUMBER, m.group())))
            taken.append(m.span())
    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"[ -]", "", m.group())
        if 16 <= len(digits) <= 19 and luhn_ok(digits) and free(*m.span()):
            found.append(Match(BANK_CARD, m.start(), m.end(), mask_number(BANK_CARD, digits)))
            taken.append(m.span())
    for m in _MOBILE_RE.finditer(text):
        if free(*m.span()):
            found.append(Match(MOBILE, m.start(), m.end(), mask_number(MOBILE, m.group())))
            taken.append(m.span())
    if strict:
        for m in _LANDLINE_RE.finditer(text):
            if free(*m.span()):
                found.append(Match(MOBILE, m.start(), m.end(), mask_phone(m.group())))
                taken.append(m.span())
    return sorted(found, key=lambda match: match.start)


def mask_text(text: str, *, strict: bool = False) -> str:
    """``text`` with every personal number replaced by its masked form."""
    if not text:
        return text
    result = []
    position = 0
    for match in find_numbers(text, strict=strict):
        result.append(text[position : match.start])
        result.append(match.masked)
        position = match.end
    result.append(text[position:])
    return "".join(result)


@dataclass(frozen=True)
class Finding:
    """A personal number found in a notice: what, where (in Chinese) and its masked form."""

    kind: str
    location: str
    masked: str

    @property
    def message(self) -> str:
        return f"{self.location}含有完整的{KIND_LABELS[self.kind]}（{self.masked}），请打码后再提交"


def scan(text: str, location: str) -> list[Finding]:
    """Findings for one piece of text, each pointing at ``location`` (e.g. "正文第 3 行")."""
    findings = []
    for line_number, line in enumerate((text or "").splitlines() or [""], start=1):
        for match in find_numbers(line):
            where = f"{location}第 {line_number} 行" if "\n" in (text or "") else location
            findings.append(Finding(match.kind, where, match.masked))
    return findings
