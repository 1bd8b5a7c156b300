"""Seed the editors' synonym snippet from search/data/synonyms.txt (one group per row)."""

from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("sitesearch", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    groups = [line for line in lines if line and not line.startswith("#") and "," in line]
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=", ".join(t.strip() for t in g.split(","))) for g in groups])


def unseed(apps, schema_editor):
    apps.get_model("sitesearch", "SynonymGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0003_outbox_synonyms_rebuilds")]

    operations = [migrations.RunPython(seed, unseed)]
