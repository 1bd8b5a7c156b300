"""Parsing queries into term groups and phrases."""

from __future__ import annotations

import pytest

from search.query_parser import ParsedQuery, parse_query


def test_words_become_groups_with_synonyms():
    parsed = parse_query("低保 申请")
    assert parsed.terms() == ["低保", "申请"]
    assert ("最低生活保障",) in parsed.groups[0].alternatives
    assert parsed.groups[1].alternatives == (("申请",),)


def test_synonyms_are_not_split_into_common_words():
    assert ("最低", "生活", "保障") not in parse_query("低保").groups[0].alternatives


def test_typed_long_word_also_matches_its_parts():
    assert parse_query("宅基地审批").groups[0].alternatives[:2] == (("宅基地审批",), ("宅基地", "审批"))


def test_consecutive_tokens_forming_a_synonym_are_one_group():
    parsed = parse_query("城乡居民医保")
    assert parsed.terms() == ["城乡居民医保"]
    assert ("新农合",) in parsed.groups[0].alternatives


@pytest.mark.parametrize(
    "raw", ['"最低生活保障" 申请', "“最低生活保障”申请", "「最低生活保障」 申请", "＂最低生活保障＂申请"]
)
def test_quoted_phrases(raw):
    parsed = parse_query(raw)
    assert [p.text for p in parsed.phrases] == ["最低生活保障"]
    assert parsed.terms() == ["申请"]


def test_unbalanced_quote_is_plain_text():
    parsed = parse_query('"低保')
    assert parsed.phrases == () and parsed.terms() == ["低保"]


def test_single_character_phrase_has_no_tokens_but_is_kept():
    parsed = parse_query('"村"')
    assert parsed.phrases[0].text == "村" and parsed.phrases[0].tokens == ()


def test_or_fallback_needs_two_words():
    assert parse_query("宅基地 低保").can_relax
    assert not parse_query("宅基地").can_relax
    assert not parse_query("宅急地").can_relax  # three lone characters stay ANDed


@pytest.mark.parametrize("raw", ["", "   ", "\u3000"])
def test_blank(raw):
    assert parse_query(raw).is_blank


@pytest.mark.parametrize("raw", ["😀", "，。；", '""', "()*:-"])
def test_nothing_searchable(raw):
    parsed = parse_query(raw)
    assert not parsed.is_blank and not parsed.has_terms


def test_highlight_terms_longest_first():
    terms = parse_query("低保").highlight_terms()
    assert terms[0] == "最低生活保障金" and "低保" in terms


def test_minimal_drops_alternatives_implied_by_a_smaller_one():
    from search.query_parser import Phrase, TermGroup

    parsed = ParsedQuery(
        raw="x",
        groups=(TermGroup("政府信息公开", (("政府信息公开",), ("政府", "信息公开"), ("信息公开",))),),
        phrases=(Phrase("村务", ("村务",)),),
    )
    minimal = parsed.minimal()
    assert minimal.groups[0].alternatives == (("政府信息公开",), ("信息公开",))
    assert minimal.phrases == parsed.phrases
    same = ParsedQuery(raw="y", groups=(TermGroup("村务公开", (("村务公开",), ("村务", "公开"))),))
    assert same.minimal() == same  # nothing implied: unchanged
