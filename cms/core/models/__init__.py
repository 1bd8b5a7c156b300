from .calendar import CalendarDay, CalendarYear
from .organisation import Organisation
from .sequences import IndexNumberSequence
from .township import DEFAULT_INDEX_NUMBER_PATTERN, TownshipPage

__all__ = [
    "CalendarDay",
    "CalendarYear",
    "DEFAULT_INDEX_NUMBER_PATTERN",
    "IndexNumberSequence",
    "Organisation",
    "TownshipPage",
]
