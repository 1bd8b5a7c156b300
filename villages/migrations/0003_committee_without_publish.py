"""Village committees lose publish_page on their board: they publish only by approving (villages.permissions)."""

from django.db import migrations


def revoke_committee_publish(apps, schema_editor):
    Village = apps.get_model("villages", "Village")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    committee_groups = Village.objects.exclude(committee_group=None).values_list("committee_group", flat=True)
    GroupPagePermission.objects.filter(
        group__in=list(committee_groups), permission__codename="publish_page"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("villages", "0002_villagecommitteereviewtask_villagesindexpage_and_more"),
    ]

    operations = [migrations.RunPython(revoke_committee_publish, migrations.RunPython.noop)]
