"""What "Mijn werk" shows: one shape for every kind of work item, whichever app it comes from.

Each bounded context that gives people work between meetings (plans, escalations, cases, conferences…)
offers a function ``work_items(user) -> list[WorkItem]`` in its own ``work.py``; the Mijn werk page
(`web/views/dashboard.py`) collects them per section. Providers must (1) only return items of cases the user
may see (ask ``ineen.access.policy``), (2) stay within a fixed number of queries whatever the number of
cases (Mijn werk has a query budget for a user in 40 cases), and (3) put no more case content in the item
than the link text needs: the page is the user's own work list, the case page is where case data is read.

To keep the page at a few round trips (issue 12), a provider is written in two phases with ``@provider``:
``pending(user, scope) -> Pending | list[WorkItem]`` filters by ``scope`` (``policy.work_scope``: the cases
the user may see, read once per request) and returns its ``values_list`` querysets without running them,
plus a ``build(rows)`` that turns their rows into items. ``my_work.collect`` runs the querysets of every
provider in one statement (``ineen/web/batch.py``). The decorated function is still
``work_items(user, scope=None) -> list[WorkItem]`` for direct callers; a plain function of that shape
works too (one round trip of its own).
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

from .batch import fetch


@dataclass(frozen=True)
class WorkItem:
    section: str  # key of the Mijn werk section, e.g. "actions", "bottom_lines", "plan_changes", "escalations"
    title: str  # what to do, in the user's language ("Actie: …", "Reageer op planwijziging")
    url: str  # where it is done: a direct link to the page or form
    case_reference: str = ""  # the case's reference (kenmerk), shown as context; never names
    due_on: date | None = None
    overdue: bool = False
    detail: str = ""  # one short line (state, who waits), no case content beyond the title


@dataclass(frozen=True)
class Pending:
    """Work items still to be read: `build` gets the rows of `querysets`, in their order, one list each."""

    querysets: Sequence[QuerySet[Any]]
    build: Callable[[list[list[Any]]], list[WorkItem]]


def resolve(pending: Sequence["Pending | list[WorkItem]"]) -> list[list[WorkItem]]:
    """The items of each pending provider, with the querysets of all of them read in one round trip."""
    rows = fetch([qs for p in pending if isinstance(p, Pending) for qs in p.querysets])
    items, start = [], 0
    for p in pending:
        if isinstance(p, Pending):
            items.append(p.build(rows[start : start + len(p.querysets)]))
            start += len(p.querysets)
        else:
            items.append(p)
    return items


def provider(pending: Callable[[Any, Any], "Pending | list[WorkItem]"]) -> Callable[..., list[WorkItem]]:
    """`work_items(user, scope=None) -> list[WorkItem]` from a two-phase `pending(user, scope)`; the page
    finds the two-phase form as `.pending` and batches it with the others."""

    @functools.wraps(pending)
    def work_items(user: Any, scope: Any = None) -> list[WorkItem]:
        from ineen.access import policy

        two_phase = work_items.pending  # type: ignore[attr-defined]  # looked up per call: replaceable in tests
        (items,) = resolve([two_phase(user, policy.work_scope(user) if scope is None else scope)])
        return items

    work_items.pending = pending  # type: ignore[attr-defined]
    return work_items


def label(model: type[Model], field_name: str, value: Any) -> Any:
    """What `instance.get_<field>_display()` shows, for a value read with values_list (in the active language)."""
    return force_str(_choices(model, field_name).get(make_hashable(value), value), strings_only=True)


@functools.cache
def _choices(model: type[Model], field_name: str) -> dict[Any, Any]:
    # The labels stay lazy (translated when shown); hashing them, as get_FOO_display's make_hashable of
    # all choices does, would translate every label on every call.
    return {make_hashable(value): text for value, text in model._meta.get_field(field_name).flatchoices}
