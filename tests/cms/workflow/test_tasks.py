"""Scheduled publishing and expiry through the Celery task (eager in tests)."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Page, Revision

from cms.workflow import services
from cms.workflow.tasks import publish_scheduled_pages
from tests.factories import make_item


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


@pytest.mark.django_db
class TestPublishScheduledPages:
    def test_approved_page_goes_live_when_go_live_at_has_passed(self, tree, editor, reviewer):
        item = make_item(tree[-1], "定时发布的通知", publish=False, owner=editor)
        item.go_live_at = timezone.now() + dt.timedelta(days=1)
        item.save_revision(user=editor)
        services.perform_transition(item, editor, "submit")
        services.perform_transition(item, reviewer, "approve", "同意，明天发布")

        item = fresh(item)
        assert not item.live
        assert item.approved_schedule
        # A day passes: move the approved schedule (and the go_live_at it carries) into the past.
        past = timezone.now() - dt.timedelta(minutes=1)
        revision = Revision.page_revisions.get(object_id=str(item.pk), approved_go_live_at__isnull=False)
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])

        publish_scheduled_pages.delay()

        item = fresh(item)
        assert item.live
        assert services.review_state(item) == "published"
        assert services.workflow_history(item)[-1]["action"] == "scheduled_publish"

    def test_unapproved_draft_never_goes_live(self, tree, editor):
        item = make_item(tree[-1], "未审核的草稿", publish=False, owner=editor)
        item.go_live_at = timezone.now() - dt.timedelta(days=1)
        item.save_revision(user=editor)

        publish_scheduled_pages.delay()

        assert not fresh(item).live

    def test_live_page_comes_down_after_expire_at(self, tree, editor):
        item = make_item(tree[-1], "已到期的通知", owner=editor)
        Page.objects.filter(pk=item.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))

        publish_scheduled_pages.delay()

        item = fresh(item)
        assert not item.live
        assert item.expired
        assert services.review_state(item) == "expired"
        last = services.workflow_history(item)[-1]
        assert (last["action"], last["title"], last["actor"]) == ("expire", "到期下线", "系统")

    def test_task_is_registered_under_the_beat_schedule_name(self):
        from django.conf import settings

        from cms.celery import app

        name = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-pages"]["task"]
        assert name == "cms.workflow.tasks.publish_scheduled_pages"
        assert app.tasks[name].name == publish_scheduled_pages.name == name
