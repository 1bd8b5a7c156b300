"""Snippets: escaping, highlighting in the original text, the densest window."""

from __future__ import annotations

from search.snippets import highlight, make_snippet


def test_escapes_everything_but_our_tags():
    snippet = make_snippet('<img src=x onerror="alert(1)"> 低保 & 医保', ["低保"])
    assert snippet == '&lt;img src=x onerror="alert(1)"&gt; <em>低保</em> &amp; 医保'


def test_marks_traditional_original_for_simplified_term():
    assert make_snippet("參保人員可持醫保卡", ["医保"]) == "參保人員可持<em>醫保</em>卡"


def test_marks_full_width_original():
    assert highlight("ＡＢＣ项目", ["abc"]) == "<em>ＡＢＣ</em>项目"


def test_window_around_the_densest_matches():
    text = "开头" + "无关内容" * 60 + "低保申请需要低保证明和低保卡" + "其他" * 60
    snippet = make_snippet(text, ["低保"], size=40)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert snippet.count("<em>低保</em>") == 3


def test_without_matches_starts_at_the_beginning():
    assert make_snippet("第一句。第二句。", ["宅基地"], size=4) == "第一句。…"


def test_longer_term_wins_over_its_part():
    assert make_snippet("最低生活保障金", ["最低生活保障", "保障"]) == "<em>最低生活保障</em>金"


def test_whitespace_is_collapsed_and_empty_text_is_empty():
    assert make_snippet("低保\n\n  申请", ["低保"]) == "<em>低保</em> 申请"
    assert make_snippet("   ", ["低保"]) == ""
