"""Cell widgets: accepted spellings and the Chinese messages for bad cells."""

from __future__ import annotations

import datetime as dt

import pytest

from cms.core.imports import widgets


class TestDateWidget:
    @pytest.mark.parametrize(
        "value", ["2026-03-02", "2026/3/2", "2026.03.02", "2026年3月2日", "20260302", dt.datetime(2026, 3, 2)]
    )
    def test_accepted_spellings(self, value):
        assert widgets.DateWidget().clean(value) == dt.date(2026, 3, 2)

    def test_bad_date_message(self):
        with pytest.raises(ValueError, match="日期格式有误「2026-13-01」，应为 YYYY-MM-DD"):
            widgets.DateWidget().clean("2026-13-01")

    def test_required(self):
        with pytest.raises(ValueError, match="必填"):
            widgets.DateWidget(required=True).clean("")


class TestChoiceAndListWidgets:
    def test_choice_alias_default_and_error(self):
        widget = widgets.ChoiceWidget(["主动", "依申请"], default="主动", aliases={"主动公开": "主动"})
        assert widget.clean("主动公开") == "主动"
        assert widget.clean("") == "主动"
        with pytest.raises(ValueError, match="无效的取值「公示」，应为：主动、依申请"):
            widget.clean("公示")

    def test_list_separators(self):
        widget = widgets.ListWidget(["政府网站", "政府公报", "发布会/听证会"])
        assert widget.clean("政府网站、政府公报；发布会/听证会,政府网站") == ["政府网站", "政府公报", "发布会/听证会"]
        with pytest.raises(ValueError, match="无效的取值「微信」"):
            widget.clean("政府网站，微信")

    def test_path_depth(self):
        widget = widgets.PathWidget(required=True)
        assert widget.clean(" 农业农村 / 惠农补贴 ") == ("农业农村", "惠农补贴")
        with pytest.raises(ValueError, match="目录层级过深"):
            widget.clean("a/b/c/d")

    def test_integer(self):
        widget = widgets.IntegerWidget(required=True)
        assert widget.clean(3.0) == 3
        for bad in ["三", "3.5"]:
            with pytest.raises(ValueError, match="应为整数"):
                widget.clean(bad)
