"""Reads of the villages app: the public board, the sign-off of a notice."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import TaskState

from villages.models import NoticeCategory, VillageCommitteeReviewTask, VillageNoticePage


def public_notices(board) -> QuerySet:
    """Live, unrestricted notices of one board whose posting has started."""
    today = timezone.localdate()
    return (
        VillageNoticePage.objects.child_of(board)
        .live()
        .public()
        .filter(posting_start__lte=today)
        .order_by("-posting_start", "-pk")
    )


def board_notices(board, params) -> dict:
    """The board page's context: current or archived notices, filtered by 类别 and 年度/期间."""
    today = timezone.localdate()
    notices = public_notices(board)
    category = params.get("category") or ""
    if category in NoticeCategory.values:
        notices = notices.filter(category=category)
    else:
        category = ""
    year = params.get("year") or ""
    if str(year).isdigit():
        notices = notices.filter(period_year=int(year))
    else:
        year = ""
    archive = params.get("archive") == "1"
    current = Q(posting_end__isnull=True) | Q(posting_end__gte=today)
    notices = notices.exclude(current) if archive else notices.filter(current)
    years = (
        VillageNoticePage.objects.child_of(board)
        .live()
        .order_by("-period_year")
        .values_list("period_year", flat=True)
        .distinct()
    )
    return {
        "notices": list(notices),
        "categories": NoticeCategory.choices,
        "selected_category": category,
        "selected_year": str(year),
        "years": list(years),
        "archive": archive,
    }


def committee_sign_off(notice: VillageNoticePage) -> dict | None:
    """{"name", "at"} of the committee member who approved the latest workflow, or None."""
    state = (
        TaskState.objects.filter(
            workflow_state__object_id=str(notice.pk),
            task__in=VillageCommitteeReviewTask.objects.all(),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if state is None or state.finished_by is None:
        return None
    user = state.finished_by
    name = (user.last_name + user.first_name).strip() or user.get_full_name() or user.get_username()
    return {"name": name, "at": timezone.localtime(state.finished_at), "comment": state.comment}
