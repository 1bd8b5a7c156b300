"""Normalisation, segmentation, synonyms and the one-time jieba load."""

from __future__ import annotations

import subprocess
import sys

from search import text as search_text


class TestNormalize:
    def test_full_width_to_half_width_and_lower_case(self):
        assert search_text.normalize("ＡＢＣ１２３（）　") == "abc123() "

    def test_traditional_to_simplified(self):
        assert search_text.normalize("醫保參保個體戶") == "医保参保个体户"

    def test_simplified_text_is_unchanged(self):
        sample = "关于2023年最低生活保障金发放情况的公示"
        assert search_text.normalize(sample) == sample

    def test_offsets_point_back_into_the_original(self):
        normalized, offsets = search_text.normalize_with_offsets("a㈠醫")
        assert normalized == "a(一)医"
        assert offsets == [0, 1, 1, 1, 2]

    def test_compact_collapses_whitespace(self):
        assert search_text.compact("  最低\n\t生活  ") == "最低 生活"


class TestSegmentation:
    def test_government_terms_stay_whole(self):
        for term in ("最低生活保障", "宅基地", "个体工商户", "耕地地力保护补贴", "残疾人两项补贴"):
            assert term in search_text.segment(f"关于{term}的通知"), term

    def test_documents_get_the_words_inside_long_words(self):
        tokens = search_text.document_tokens("城乡居民基本医疗保险")
        assert tokens[0] == "城乡居民基本医疗保险"
        assert {"医疗保险", "基本医疗保险", "城乡居民"} <= set(tokens)

    def test_stopwords_and_punctuation_are_dropped(self):
        assert search_text.document_tokens("低保的申请，和审批！") == ["低保", "申请", "审批"]

    def test_title_tokens_add_single_characters_once(self):
        tokens = search_text.title_tokens("东山村村务")
        assert tokens.count("村") == 1 and "东" in tokens

    def test_query_tokens_drop_lone_characters_next_to_words(self):
        assert search_text.query_tokens("我想办低保") == ["低保"]
        assert search_text.query_tokens("村") == ["村"]

    def test_query_of_only_stopwords_keeps_them(self):
        assert search_text.query_tokens("的") == ["的"]

    def test_tokens_are_letters_and_digits_only(self):
        tokens = search_text.query_tokens('NEAR(a OR "b") AND -c* : 😀 ；DROP TABLE')
        assert all(t.isalnum() for t in tokens)

    def test_over_long_tokens_are_dropped(self):
        assert search_text.segment("x" * 65) == []

    def test_split_compound(self):
        assert search_text.split_compound("宅基地审批") == ["宅基地", "审批"]
        assert search_text.split_compound("新农合") == []


class TestJiebaLoading:
    def test_import_does_not_load_jieba(self):
        code = "import search.text as t, sys; assert t._tokenizer is None and 'jieba' not in sys.modules"
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_loaded_once_per_process(self):
        first = search_text._get_tokenizer()
        search_text.segment("低保")
        assert search_text._get_tokenizer() is first
        assert search_text.jieba_load_seconds() > 0


class TestSynonyms:
    def test_seed_list_has_at_least_100_groups(self):
        assert len(search_text.get_synonyms().groups) >= 100

    def test_expansion_is_symmetric(self):
        synonyms = search_text.get_synonyms()
        assert "最低生活保障" in synonyms.expand("低保")
        assert "低保" in synonyms.expand("最低生活保障")
        assert "个体工商户" in synonyms.expand("个体户")

    def test_term_in_two_groups_gets_both(self):
        synonyms = search_text.SynonymMap([["甲乙", "丙丁"], ["甲乙", "戊己"]])
        assert synonyms.expand("甲乙") == ["丙丁", "戊己"]

    def test_parse_accepts_chinese_separators_and_normalises(self):
        assert search_text.parse_synonyms(["# 注释", "醫保，医疗保险、 ＡＢ", "孤单"]) == [["医保", "医疗保险", "ab"]]

    def test_override_and_reset(self):
        search_text.set_synonym_lines(["甲乙,丙丁"])
        assert search_text.get_synonyms().expand("甲乙") == ["丙丁"]
        assert "甲乙" in search_text.vocabulary()
        search_text.set_synonym_lines(None)
        assert search_text.get_synonyms().expand("甲乙") == []

    def test_elasticsearch_rule_lines(self):
        assert "低保, 最低生活保障, 低保金, 最低生活保障金" in search_text.get_synonyms().lines()

    def test_seed_dictionary_has_hundreds_of_terms(self):
        assert len(search_text._data_lines(search_text.GOV_DICT_PATH)) >= 300
