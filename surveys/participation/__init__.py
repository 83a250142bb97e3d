"""The participation monitor (issue 6): who has answered so far, and where answers are missing.

Online surveys reach the better-off first, so staff compare the responses with the district:
per Bezirksregion (the family block's home-area question) against the children living there
and their child-poverty share, per channel against the benefits families receive, per
language and target group, and against the targets staff set.

Every count is made in the database in a handful of grouped queries, whatever the number of
responses or areas. Children, child poverty and the "high child poverty" rule are the gap
view's (offerings.gaps), so both pages name the same areas. Everything that describes families
goes through the small-cell rule of mitwirkung.disclosure.cells; responses per collection point are
participation numbers, shown in full as on the responses page.
"""

from surveys.participation.areas import AreaRow, AreaTable
from surveys.participation.channels import ChannelRow, ChannelTable, GroupRow
from surveys.participation.family import BENEFIT_CODES
from surveys.participation.formatting import count_text, percent_text, rate_text
from surveys.participation.monitor import Monitor, PointRow, participation
from surveys.participation.targets import TargetProgress, target_label

__all__ = [
    "BENEFIT_CODES",
    "AreaRow",
    "AreaTable",
    "ChannelRow",
    "ChannelTable",
    "GroupRow",
    "Monitor",
    "PointRow",
    "TargetProgress",
    "count_text",
    "participation",
    "percent_text",
    "rate_text",
    "target_label",
]
