"""Reading uploads: formats, encodings, headers, empty rows, over-long cells, broken files."""

from __future__ import annotations

import datetime as dt

import pytest

from cms.core.imports.reading import SpreadsheetError, read_spreadsheet
from tests.cms.core.imports.spreadsheets import make_csv, make_xlsx

HEADERS = ["标题", "成文日期"]
ROWS = [["关于春耕的通知", "2026-03-02"], ["关于防汛的通知", "2026-05-01"]]


class TestReadingFormats:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
    def test_csv_encodings_read_the_same(self, encoding):
        data = read_spreadsheet(make_csv(HEADERS, ROWS, encoding=encoding), "items.csv")
        assert data.headers == HEADERS
        assert data.rows == ROWS
        assert data.row_numbers == [2, 3]

    def test_xlsx_by_content_even_when_named_csv(self):
        data = read_spreadsheet(make_xlsx(HEADERS, ROWS), "items.csv")
        assert data.file_format == "xlsx"
        assert data.rows == ROWS

    def test_xlsx_keeps_date_cells(self):
        data = read_spreadsheet(make_xlsx(HEADERS, [["通知", dt.date(2026, 3, 2)]]), "items.xlsx")
        assert data.rows[0][1].date() == dt.date(2026, 3, 2)

    def test_semicolon_and_tab_delimiters(self):
        text = "标题\t成文日期\n通知\t2026-03-02\n".encode()
        assert read_spreadsheet(text, "a.csv").rows == [["通知", "2026-03-02"]]


class TestReadingShape:
    def test_headers_are_trimmed_and_brackets_unified(self):
        data = read_spreadsheet(make_csv([" 标题 ", "公开内容（要素）"], [["a", "b"]]), "a.csv")
        assert data.headers == ["标题", "公开内容(要素)"]

    def test_empty_rows_are_skipped_but_numbers_follow_excel(self):
        rows = [ROWS[0], ["", ""], [None, "  "], ROWS[1]]
        for content, name in [(make_csv(HEADERS, rows), "a.csv"), (make_xlsx(HEADERS, rows), "a.xlsx")]:
            data = read_spreadsheet(content, name)
            assert data.rows == ROWS
            assert data.row_numbers == [2, 5]

    def test_short_rows_are_padded(self):
        data = read_spreadsheet("标题,成文日期\n通知\n".encode(), "a.csv")
        assert data.rows == [["通知", None]]

    def test_over_long_cell_is_a_row_error_not_a_crash(self):
        big = "字" * (10 * 1024 * 1024 // 3)  # a 10 MB cell in UTF-8
        data = read_spreadsheet(make_csv(HEADERS, [[big, "2026-03-02"], ROWS[1]]), "a.csv", max_cell_length=10_000)
        assert data.rows[0][0] == ""
        assert "内容过长" in data.cell_errors[0]["标题"]
        assert 1 not in data.cell_errors

    def test_duplicate_header_is_refused(self):
        with pytest.raises(SpreadsheetError, match="表头「标题」出现了两次"):
            read_spreadsheet(make_csv(["标题", "标题"], [["a", "b"]]), "a.csv")


class TestReadingBadFiles:
    @pytest.mark.parametrize(
        ("content", "name", "message"),
        [
            (b"", "a.csv", "空的"),
            (b"not a zip at all", "a.xlsx", "不是有效的 Excel"),
            (b"PK\x03\x04broken zip", "a.xlsx", "无法读取 Excel"),
            (b"\xd0\xcf\x11\xe0old excel", "a.xls", ".xls"),
            (b"%PDF-1.7", "a.pdf", "不支持的文件类型"),
            (b"\n\n,,\n", "a.csv", "找不到表头行"),
        ],
    )
    def test_clear_file_errors(self, content, name, message):
        with pytest.raises(SpreadsheetError, match=message):
            read_spreadsheet(content, name)

    def test_undecodable_csv(self):
        with pytest.raises(SpreadsheetError, match="编码"):
            read_spreadsheet(b"\x81\x30\xff\xfe\xfd\x80", "a.csv")
