"""The reports app's tables: frozen snapshots, PDFs made from them, their publication, and
step 5 of the cycle: findings, decisions and the yearly cycle."""

from reports.models.adaptation import Decision, Finding, FindingComment
from reports.models.cycle import StrategyCycle
from reports.models.document import ReportDocument
from reports.models.publication import PublicationEvent
from reports.models.snapshot import ReportSnapshot

__all__ = [
    "Decision",
    "Finding",
    "FindingComment",
    "PublicationEvent",
    "ReportDocument",
    "ReportSnapshot",
    "StrategyCycle",
]
