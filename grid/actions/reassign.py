"""改派: an appeal returned by its handler goes to another handling unit or worker."""

from __future__ import annotations

from grid.actions.dispatch import DispatchAction
from grid.models import AppealStatus


class ReassignAction(DispatchAction):
    """Dispatch again after 退单; the same choices as 派单."""

    name = "reassign"
    title = "改派"
    from_statuses = frozenset({AppealStatus.RETURNED})
