"""Seed the working-day calendar (holidays and make-up workdays) from chinesecalendar.

Stores, for every year the installed package covers, only the dates that differ from
the Mon–Fri rule; see cms/core/services/calendar_seed.py. Years already present are left
alone, so re-running on a database edited by hand changes nothing. Reversing removes
only the years this migration can seed.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from cms.core.services.calendar_seed import seed_calendar

    seed_calendar(
        year_model=apps.get_model("core", "CalendarYear"),
        day_model=apps.get_model("core", "CalendarDay"),
        notify=False,
    )


def unseed(apps, schema_editor):
    from cms.core.services.calendar_seed import covered_years

    CalendarYear = apps.get_model("core", "CalendarYear")
    CalendarYear.objects.filter(year__in=covered_years(), source__startswith="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
