"""Everything a snapshot publishes about families, protected together, and together with the
earlier published reports of the same survey (mitwirkung.disclosure.linked does the proof).

The tables are first built and protected one by one (reach, barriers, respondents …); this
module then writes every published count as a sum of the same unknowns, adds the counts a
reader can work out without their being published (complements, differences of stages, the
families who did not say whether they receive benefits, the families new since an earlier
report), and lets the linked audit hide whatever a reader could still narrow down.

The unknowns. Responses fall into "atoms": the responses of this snapshot, and where earlier
published snapshots of the survey exist, the pieces in which the snapshots overlap (those
only in the earlier one, in both, only in this one). Within an atom every count is split by
one dimension at a time — benefits (with, without, not stated; the view of all respondents
and the benefit groups), language, collection point, home area, single parent, three or
more children, channel — and each dimension's values add up to the same total. Only
one-dimensional views are published, so nothing else links two dimensions. The reach
answers split each count further into does not know it, knows it but does not use it, uses
it and finds it very helpful, uses it otherwise, no answer; the barrier and "what is
missing" counts are bounded by the families they are a part of.

What is withheld. A view with fewer families than the minimum group size, or with fewer
than that outside it, is not published; a view's funnel or barrier table of which the
audit would hide most is not published either, and the audit runs again without it.
"""

from __future__ import annotations

from reports.aggregation.linked.atoms import Atom, atoms_for, current_atom
from reports.aggregation.linked.protect import Outcome, count_hidden, one_marker, protect_snapshot
from reports.aggregation.linked.vocabulary import CannotProtectTogether, Snapshot, slice_of

__all__ = [
    "Atom",
    "CannotProtectTogether",
    "Outcome",
    "Snapshot",
    "atoms_for",
    "count_hidden",
    "current_atom",
    "one_marker",
    "protect_snapshot",
    "slice_of",
]
