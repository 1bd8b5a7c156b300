"""The synonym snippet: seeded from the data file, applied to the query pipeline, reloaded on save."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from search import synonyms
from search import text as search_text
from search.models import SynonymGroup


class TestSeed:
    def test_seeded_with_at_least_100_groups(self, db):
        assert SynonymGroup.objects.count() >= 100
        assert SynonymGroup.objects.filter(terms__contains="低保").exists()
        assert SynonymGroup.objects.filter(terms__contains="个体工商户").exists()


class TestApply:
    def test_saving_a_group_takes_effect_at_query_time(self, db):
        synonyms.apply_synonyms(force=True)
        assert "公厕" not in search_text.get_synonyms()
        SynonymGroup.objects.create(terms="公厕，公共厕所")
        assert "公共厕所" in search_text.get_synonyms().expand("公厕")

    def test_deleting_a_group_takes_effect(self, db):
        group = SynonymGroup.objects.create(terms="公厕，公共厕所")
        group.delete()
        assert "公厕" not in search_text.get_synonyms()

    def test_other_processes_reload_when_the_version_changes(self, db):
        synonyms.apply_synonyms(force=True)
        assert synonyms.apply_synonyms() is False  # nothing changed: no database read
        SynonymGroup.objects.filter(terms__contains="个体户").update(terms="甲方, 乙方")  # update(): no signal
        assert "个体户" in search_text.get_synonyms()
        synonyms.synonyms_changed()  # what another process's save does through the shared cache
        assert "个体户" not in search_text.get_synonyms()

    def test_empty_table_falls_back_to_the_seed_file(self, db):
        SynonymGroup.objects.all().delete()
        synonyms.apply_synonyms(force=True)
        assert "最低生活保障" in search_text.get_synonyms().expand("低保")


class TestValidation:
    @pytest.mark.parametrize("terms", ["低保", "低保，低保", " , "])
    def test_a_group_needs_two_terms(self, db, terms):
        with pytest.raises(ValidationError, match="至少需要两个"):
            SynonymGroup(terms=terms).full_clean()

    def test_chinese_separators_are_accepted(self, db):
        SynonymGroup(terms="公厕、公共厕所，卫生间").full_clean()
