"""Masking xlsx and docx attachments: the masked copy holds no full number, formatting kept."""

from __future__ import annotations

import io

from cms.core import privacy
from villages import attachments

VALID_ID = "11010519491231002X"
MOBILE = "13812345678"


def _card() -> str:
    base = "622202123456789012"
    return next(base + d for d in "0123456789" if privacy.luhn_ok(base + d))


def _xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "补贴名单"
    sheet.append(["姓名", "身份证号", "电话", "银行卡", "金额"])
    sheet.append(["张三", VALID_ID, int(MOBILE), _card(), 1200.5])
    sheet.append(["李四", f"身份证：{VALID_ID}", f"联系 {MOBILE}", "", 800])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(f"救助对象张三，身份证号 {VALID_ID}。")
    split = document.add_paragraph("联系电话 ")
    split.add_run(MOBILE[:5])
    split.add_run(MOBILE[5:])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "银行卡"
    table.cell(1, 0).text = _card()
    table.cell(1, 1).text = "发放 300 元"
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _all_text(name: str, content: bytes) -> str:
    return "\n".join(text for _location, text in attachments.text_parts(name, content))


def test_xlsx_findings_point_at_cells_and_masking_removes_them():
    content = _xlsx()
    parts = attachments.text_parts("名单.xlsx", content)
    found = [(loc, m.kind) for loc, text in parts for m in privacy.find_numbers(text)]
    assert ("工作表「补贴名单」B2 单元格", privacy.ID_NUMBER) in found
    assert ("工作表「补贴名单」C2 单元格", privacy.MOBILE) in found
    assert ("工作表「补贴名单」D2 单元格", privacy.BANK_CARD) in found
    masked = attachments.masked_content("名单.xlsx", content)
    text = _all_text("名单.xlsx", masked)
    assert all(not privacy.find_numbers(t) for _loc, t in attachments.text_parts("名单.xlsx", masked))
    assert VALID_ID not in text and MOBILE not in text and _card() not in text
    assert "1101**********002X" in text and "138****5678" in text and "1200.5" in text and "张三" in text


def test_docx_paragraphs_split_runs_and_tables_are_masked():
    content = _docx()
    assert len([t for _loc, t in attachments.text_parts("名单.docx", content) if privacy.find_numbers(t)]) == 3
    masked = attachments.masked_content("名单.docx", content)
    parts = attachments.text_parts("名单.docx", masked)
    assert all(not privacy.find_numbers(text) for _loc, text in parts)
    text = "\n".join(t for _loc, t in parts)
    assert "身份证号 1101**********002X" in text and "联系电话 138****5678" in text
    assert "发放 300 元" in text


def test_unreadable_file_gets_a_chinese_message():
    import pytest

    with pytest.raises(attachments.AttachmentUnreadable) as excinfo:
        attachments.text_parts("坏文件.xlsx", b"not a zip")
    assert "无法打开该 Excel 文件" in str(excinfo.value)
