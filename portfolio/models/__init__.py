"""The portfolio's records: decrees, monitoring reports and their schedule, replications, and
the legacy archive's import jobs. Files are the innovation's attachments (`innovations`), so
one upload check, one permission-checked download and the IID evidence count serve them all."""

from .decrees import EXPIRING_WITHIN_DAYS, Decree
from .imports import LegacyImport, LegacyImportRow
from .monitoring import MonitoringReport, MonitoringSchedule
from .replications import Replication

__all__ = [
    "EXPIRING_WITHIN_DAYS",
    "Decree",
    "LegacyImport",
    "LegacyImportRow",
    "MonitoringReport",
    "MonitoringSchedule",
    "Replication",
]
