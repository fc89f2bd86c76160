"""What "Mijn werk" shows: one shape for every kind of work item, whichever app it comes from.

Each bounded context that gives people work between meetings (plans, escalations, cases, conferences…)
offers a function ``work_items(user) -> list[WorkItem]`` in its own ``work.py``; the Mijn werk page
(`web/views/dashboard.py`) collects them per section. Providers must (1) only return items of cases the user
may see (ask ``ineen.access.policy``), (2) stay within a fixed number of queries whatever the number of
cases (Mijn werk has a query budget for a user in 40 cases), and (3) put no more case content in the item
than the link text needs: the page is the user's own work list, the case page is where case data is read.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class WorkItem:
    section: str  # key of the Mijn werk section, e.g. "actions", "bottom_lines", "plan_changes", "escalations"
    title: str  # what to do, in the user's language ("Actie: …", "Reageer op planwijziging")
    url: str  # where it is done: a direct link to the page or form
    case_reference: str = ""  # the case's reference (kenmerk), shown as context; never names
    due_on: date | None = None
    overdue: bool = False
    detail: str = ""  # one short line (state, who waits), no case content beyond the title
