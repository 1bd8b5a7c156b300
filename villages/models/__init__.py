"""Models of the villages app: villages, their notice boards and notices, and the review tasks."""

from villages.models.pages import (
    NoticeCategory,
    NoticeKind,
    PeriodUnit,
    VillageBoardPage,
    VillageNoticeAttachment,
    VillageNoticePage,
    VillagesIndexPage,
)
from villages.models.review import TownshipNoticeReviewTask, VillageCommitteeReviewTask
from villages.models.villages import NaturalVillage, Village

__all__ = [
    "NaturalVillage",
    "NoticeCategory",
    "NoticeKind",
    "PeriodUnit",
    "TownshipNoticeReviewTask",
    "Village",
    "VillageBoardPage",
    "VillageCommitteeReviewTask",
    "VillageNoticeAttachment",
    "VillageNoticePage",
    "VillagesIndexPage",
]
