"""What waits for a unit head: the innovations an operator submitted that need the head's approval.

The home page calls `awaiting_head_for(user)` so the head's card "Periksa dan setujui pengajuan
unit" leads to real work (issue 16); it is empty for everybody but a unit head.
"""

from accounts.rules import is_head

from .enums import Status
from .models import Innovation


def awaiting_head_for(user, limit=20):
    """The user's unit's innovations waiting for their approval, oldest change first."""
    if not is_head(user) or user.unit_id is None:
        return []
    return list(
        Innovation.objects.visible_to(user)
        .filter(unit_id=user.unit_id, status=Status.AWAITING_HEAD)
        .only("id", "code", "title", "updated_at", "status")
        .order_by("updated_at", "id")[:limit]
    )
