"""The reports app's tables: frozen snapshots, PDFs made from them, their publication."""

from reports.models.document import ReportDocument
from reports.models.publication import PublicationEvent
from reports.models.snapshot import ReportSnapshot

__all__ = ["PublicationEvent", "ReportDocument", "ReportSnapshot"]
