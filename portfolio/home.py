"""The unit's home page: the monitoring reports it owes now.

The home view calls `monitoring_for_home(user)` and renders `portfolio/_home_monitoring.html`
with it; everything else of the home page stays the home view's.
"""

from innovations.models import Innovation

from .enums import ObligationStatus
from .monitoring import obligations

HOME_ROWS = 5


def monitoring_for_home(user, today=None):
    """{"rows": the first due or overdue reports, "due": n, "overdue": n} for this user's
    innovations (unit staff: their unit's; region roles: none, they have the dashboard)."""
    if not user.is_authenticated or not user.unit_id:
        return None
    base = Innovation.objects.visible_to(user)
    owed = obligations(base, today=today)
    rows = list(owed[:HOME_ROWS])
    overdue = sum(1 for row in rows if row["state"] == ObligationStatus.OVERDUE)
    total = len(rows) if len(rows) < HOME_ROWS else owed.count()
    if total > len(rows):
        overdue = obligations(base, today=today, states=(ObligationStatus.OVERDUE,)).count()
    return {"rows": rows, "total": total, "overdue": overdue, "due": total - overdue}
