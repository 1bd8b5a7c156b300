"""Two reviewers approving the same page at once: one wins, the other gets a clear 400 (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from wagtail.models import Page, PageLogEntry

from cms.workflow import services
from cms.workflow.actions import ApproveAction
from cms.workflow.roles import REVIEWERS
from tests.factories import make_item, make_tree, make_user


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_approvals_publish_once(monkeypatch):
    tree = make_tree()
    editor = make_user("c-editor", "编辑")
    first_reviewer = make_user("c-reviewer-1", REVIEWERS)
    second_reviewer = make_user("c-reviewer-2", REVIEWERS)
    item = make_item(tree[-1], publish=False, owner=editor)
    services.perform_transition(item, editor, "submit")

    inside = threading.Event()
    release = threading.Event()
    original_perform = ApproveAction.perform

    def slow_perform(self):
        # The first approval holds the page row while the second one tries to start.
        if not inside.is_set():
            inside.set()
            release.wait(timeout=2)
        return original_perform(self)

    monkeypatch.setattr(ApproveAction, "perform", slow_perform)
    outcomes: dict[str, object] = {}

    def approve(key, user):
        try:
            outcomes[key] = services.perform_transition(Page.objects.get(pk=item.pk), user, "approve")
        except Exception as exc:  # the outcome is what the test inspects
            outcomes[key] = exc
        finally:
            connection.close()

    first = threading.Thread(target=approve, args=("first", first_reviewer))
    first.start()
    assert inside.wait(timeout=10)
    second = threading.Thread(target=approve, args=("second", second_reviewer))
    second.start()
    second.join(timeout=0.5)  # it is blocked on the row lock, not finished
    release.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert outcomes["first"] == "published"
    assert isinstance(outcomes["second"], services.TransitionError)
    assert not isinstance(outcomes["second"], services.TransitionForbidden)
    assert "不在待审核状态" in outcomes["second"].message
    assert PageLogEntry.objects.filter(page_id=item.pk, action="wagtail.publish").count() == 1
