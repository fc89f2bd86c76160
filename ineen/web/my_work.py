"""Mijn werk: the sections of the page people start their day on, and the registry of the apps that fill them.

Every bounded context offers ``work_items(user) -> list[WorkItem]`` (shape and rules in
``ineen/web/work_items.py``). ``PROVIDERS`` lists them as dotted paths, so adding one is one line here and no
import cycle between apps. The page (``web/views/dashboard.py``) reads the cases the user may see once
(``policy.work_scope``), asks each provider once for its querysets, reads them all in one round trip together
with the page's own lists (``gather``; two-phase providers, see work_items.py) and groups the items per
section, in the fixed order of ``SECTIONS``: a section with a key no provider fills yet simply appears once
one does. The providers for plan actions, bottom lines and the triage queue live here (they belong to the
page, not to the plans app, whose own ``work.py`` serves its other sections); the conference ones are in
``ineen/conferences/work.py``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ineen.access import policy
from ineen.cases.enums import CaseState

from .work_items import Pending, WorkItem, provider, resolve

PROVIDERS: list[str | Callable[..., list[WorkItem]]] = [
    "ineen.web.my_work.triage_items",
    "ineen.web.my_work.action_items",
    "ineen.web.my_work.bottom_line_items",
    "ineen.conferences.work.chaired_items",
    "ineen.conferences.work.invitation_items",
    "ineen.conferences.work.debrief_items",
    "ineen.escalations.work.work_items",
    "ineen.plans.work.work_items",
    "ineen.cases.work.work_items",
    "ineen.privacy.work.dispute_items",
    "ineen.privacy.work.signal_items",
    "ineen.evaluations.work.work_items",
]


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    empty: str = ""  # friendly empty state; without one the section only shows when it has items
    for_chair: bool = False  # only for chairs (procesregisseurs)
    for_team: bool = False  # for everyone who works in cases (always shown, with the empty state)
    due_label: str = gettext_lazy("Datum")  # what an item's date means in this section


# The order people work in: what waits for a decision today first, then their own commitments, then reading.
SECTIONS = [
    Section(
        "triage",
        gettext_lazy("Aanmeldingen voor het weegoverleg"),
        gettext_lazy("Er wachten geen aanmeldingen."),
        for_chair=True,
    ),
    Section(
        "actions",
        gettext_lazy("Mijn acties"),
        gettext_lazy("U heeft geen open acties. Goed bijgehouden!"),
        for_team=True,
        due_label=gettext_lazy("Klaar uiterlijk"),
    ),
    Section(
        "debriefs",
        gettext_lazy("Nabespreking en terugkoppeling met cliënten"),
        due_label=gettext_lazy("Klaar uiterlijk"),
    ),
    Section("breaches", gettext_lazy("Niet nagekomen bodemeisen die opvolging vragen")),
    Section("escalations", gettext_lazy("Opschalingen")),
    Section("plan_changes", gettext_lazy("Planwijzigingen die op uw antwoord wachten")),
    Section("disputes", gettext_lazy("Betwiste of verouderde informatie"), due_label=gettext_lazy("Betwist op")),
    Section("signals", gettext_lazy("Signalen"), due_label=gettext_lazy("Wordt 18 op")),
    Section(
        "chaired",
        gettext_lazy("Overleggen die ik voorzit"),
        gettext_lazy("U heeft geen geplande overleggen waarin nog iets ontbreekt."),
        for_chair=True,
        due_label=gettext_lazy("Overleg op"),
    ),
    Section(
        "invitations",
        gettext_lazy("Overleggen waarvoor ik ben uitgenodigd"),
        gettext_lazy("U bent niet uitgenodigd voor een komend overleg."),
        for_team=True,
        due_label=gettext_lazy("Overleg op"),
    ),
    Section("bottom_lines", gettext_lazy("Bodemeisen die ik bewaak")),
    Section("plan_reviews", gettext_lazy("Planevaluaties met het gezin")),
    Section("handovers", gettext_lazy("Overdrachtsnotities om te lezen")),
    Section("closures", gettext_lazy("Nazorg: controles na afsluiten")),
    Section("evaluations", gettext_lazy("Evaluaties van overleggen"), due_label=gettext_lazy("Graag uiterlijk")),
]


@dataclass
class ShownSection:
    section: Section
    items: list[WorkItem] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def _provider(entry):
    return import_string(entry) if isinstance(entry, str) else entry


def gather(user, scope, extra: Sequence[QuerySet] = ()) -> tuple[list[WorkItem], list[list]]:
    """The items of every provider, and the rows of the page's `extra` values_list querysets: the
    two-phase providers' querysets and `extra` are read in one round trip (work_items.py, batch.py)."""
    pending = []
    for entry in PROVIDERS:
        found = _provider(entry)
        two_phase = getattr(found, "pending", None)
        pending.append(two_phase(user, scope) if two_phase else found(user))
    *provided, rows = resolve([*pending, Pending(extra, lambda rows: rows)])
    return [item for items in provided for item in items], rows


def sections(items: Sequence[WorkItem], *, is_chair: bool, in_team: bool) -> list[ShownSection]:
    """The items per section, overdue first and then by date. Items whose section key is unknown are
    shown last under their key (a new provider before its heading is added here)."""
    per_section: dict[str, list[WorkItem]] = {}
    for item in items:
        per_section.setdefault(item.section, []).append(item)
    shown = []
    known = {section.key for section in SECTIONS}
    extra = [Section(key, key) for key in per_section if key not in known]
    for section in [*SECTIONS, *extra]:
        found = sorted(per_section.get(section.key, []), key=lambda i: (not i.overdue, i.due_on is None, i.due_on))
        applies = (section.for_chair and is_chair) or (section.for_team and in_team)
        if found or (applies and section.empty):
            shown.append(ShownSection(section, found))
    return shown


def collect(user, *, is_chair: bool, in_team: bool, scope=None) -> list[ShownSection]:
    """All work items of this user, per section (see `sections`)."""
    items, _rows = gather(user, policy.work_scope(user) if scope is None else scope)
    return sections(items, is_chair=is_chair, in_team=in_team)


# --- providers of the page itself ---------------------------------------------------------------------


@provider
def triage_items(user, scope) -> Pending | list[WorkItem]:
    """Referrals waiting for a triage decision in the safety houses this user chairs. The household's name
    stays in the line, as it did on the old queue: the chair recognises a referral by it."""
    from ineen.cases.models import Case

    if not scope.chaired:
        return []
    waiting = (
        Case.objects.filter(scope.case_q(""))
        .filter(safety_house_id__in=scope.chaired, state__in=[CaseState.REFERRED, CaseState.IN_TRIAGE])
        .order_by("opened_at")
        .values_list("state", "public_id", "reference", "household__name", "safety_house__code", "opened_at")[:50]
    )

    def build(rows):
        return [
            WorkItem(
                section="triage",
                title=_("Aanmelding beoordelen") if state == CaseState.REFERRED else _("Weegoverleg afronden"),
                url=reverse("web:triage", args=[public_id]),
                case_reference=reference,
                detail=_("%(household)s, %(house)s, aangemeld op %(date)s")
                % {"household": household, "house": house.upper(), "date": _date(timezone.localtime(opened).date())},
            )
            for state, public_id, reference, household, house, opened in rows[0]
        ]

    return Pending([waiting], build)


def _date(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


@provider
def action_items(user, scope) -> Pending:
    """My open plan actions in every case I may see, overdue ones marked."""
    from ineen.plans.enums import ActionStatus
    from ineen.plans.models import PlanAction

    today = timezone.localdate()
    mine = (
        PlanAction.objects.filter(scope.case_q("case"), owner=user, status=ActionStatus.OPEN)
        .exclude(case__state=CaseState.CLOSED)
        .order_by("due_on", "pk")
        .values_list("what", "public_id", "case__public_id", "case__reference", "due_on", "carried_over_from_id")[:100]
    )

    def build(rows):
        return [
            WorkItem(
                section="actions",
                title=Truncator(what).chars(90),
                url=reverse("plans:plan", args=[case_id]) + f"#actie-{public_id}",
                case_reference=reference,
                due_on=due_on,
                overdue=due_on < today,
                detail=_("Doorgeschoven uit een eerder overleg") if carried_over else "",
            )
            for what, public_id, case_id, reference, due_on, carried_over in rows[0]
        ]

    return Pending([mine], build)


@provider
def bottom_line_items(user, scope) -> Pending:
    """Bottom lines I guard that still apply, in open cases I may see."""
    from ineen.plans.enums import BottomLineStatus
    from ineen.plans.models import BottomLine

    guarded = (
        BottomLine.objects.filter(scope.case_q("case"), guardian=user, status=BottomLineStatus.ACTIVE)
        .exclude(case__state=CaseState.CLOSED)
        .order_by("created_at", "pk")
        .values_list("text", "public_id", "case__public_id", "case__reference")[:100]
    )

    def build(rows):
        return [
            WorkItem(
                section="bottom_lines",
                title=Truncator(text).chars(90),
                url=reverse("plans:plan", args=[case_id]) + f"#bodemeis-{public_id}",
                case_reference=reference,
            )
            for text, public_id, case_id, reference in rows[0]
        ]

    return Pending([guarded], build)
