"""Disclosure control: the one rule for every count about families that leaves the database.

Surveys (monitor tables) and reports (snapshots, dashboards, exports, PDFs, public pages)
both import it, so the rule lives in one place below both apps.

- cells.py: the small-cell rule for one table (a count below the minimum group size is never
  shown, a share only from a base of 10) and the Cell a template renders.
- lines.py: secondary suppression inside one table, with an exhaustive check that no hidden
  cell has only one possible value.
- linked.py: the whole published set of a snapshot at once (every table, every filter view,
  earlier published snapshots of the same survey), audited the way an attacker would.
"""
