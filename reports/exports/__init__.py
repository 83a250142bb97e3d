"""Data exports of a report snapshot: every table flat, as JSON, XLSX and CSV (issue #8)."""
