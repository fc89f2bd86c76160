"""Mijn werk: the sections of the page people start their day on, and the registry of the apps that fill them.

Every bounded context offers ``work_items(user) -> list[WorkItem]`` (shape and rules in
``ineen/web/work_items.py``). ``PROVIDERS`` lists them as dotted paths, so adding one is one line here and no
import cycle between apps. The page (``web/views/dashboard.py``) asks each provider once and groups the items
per section, in the fixed order of ``SECTIONS``: a section with a key no provider fills yet simply appears once
one does. The providers for plan actions, bottom lines and the triage queue live here (they belong to the
page, not to the plans app, whose own ``work.py`` serves its other sections); the conference ones are in
``ineen/conferences/work.py``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ineen.access import policy
from ineen.accounts.enums import Role
from ineen.cases.enums import CaseState

from .work_items import WorkItem

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


def collect(user, *, is_chair: bool, in_team: bool) -> list[ShownSection]:
    """All work items of this user, per section, overdue first and then by date. Items whose section key
    is unknown are shown last under their key (a new provider before its heading is added here)."""
    items: dict[str, list[WorkItem]] = {}
    for entry in PROVIDERS:
        for item in _provider(entry)(user):
            items.setdefault(item.section, []).append(item)
    shown = []
    known = {section.key for section in SECTIONS}
    extra = [Section(key, key) for key in items if key not in known]
    for section in [*SECTIONS, *extra]:
        found = sorted(items.get(section.key, []), key=lambda i: (not i.overdue, i.due_on is None, i.due_on))
        applies = (section.for_chair and is_chair) or (section.for_team and in_team)
        if found or (applies and section.empty):
            shown.append(ShownSection(section, found))
    return shown


# --- providers of the page itself ---------------------------------------------------------------------


def triage_items(user) -> list[WorkItem]:
    """Referrals waiting for a triage decision in the safety houses this user chairs (one query). The
    household's name stays in the line, as it did on the old queue: the chair recognises a referral by it."""
    chaired = policy.houses_with_role(user, [Role.CHAIR])
    if not chaired:
        return []
    waiting = (
        policy.cases_for_user(user)
        .filter(safety_house_id__in=chaired, state__in=[CaseState.REFERRED, CaseState.IN_TRIAGE])
        .select_related("household", "safety_house")
        .order_by("opened_at")[:50]
    )
    return [
        WorkItem(
            section="triage",
            title=_("Aanmelding beoordelen") if case.state == CaseState.REFERRED else _("Weegoverleg afronden"),
            url=reverse("web:triage", args=[case.public_id]),
            case_reference=case.reference,
            detail=_("%(household)s, %(house)s, aangemeld op %(date)s")
            % {
                "household": case.household.name,
                "house": case.safety_house.code.upper(),
                "date": _date(timezone.localtime(case.opened_at).date()),
            },
        )
        for case in waiting
    ]


def _date(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def action_items(user) -> list[WorkItem]:
    """My open plan actions in every case I may see, overdue ones marked (one query)."""
    from ineen.plans.enums import ActionStatus
    from ineen.plans.models import PlanAction

    today = timezone.localdate()
    rows = (
        PlanAction.objects.filter(owner=user, status=ActionStatus.OPEN, case__in=policy.cases_for_user(user))
        .exclude(case__state=CaseState.CLOSED)
        .select_related("case")
        .order_by("due_on", "pk")[:100]
    )
    return [
        WorkItem(
            section="actions",
            title=Truncator(action.what).chars(90),
            url=reverse("plans:plan", args=[action.case.public_id]) + f"#actie-{action.public_id}",
            case_reference=action.case.reference,
            due_on=action.due_on,
            overdue=action.due_on < today,
            detail=_("Doorgeschoven uit een eerder overleg") if action.carried_over_from_id else "",
        )
        for action in rows
    ]


def bottom_line_items(user) -> list[WorkItem]:
    """Bottom lines I guard that still apply, in open cases I may see (one query)."""
    from ineen.plans.enums import BottomLineStatus
    from ineen.plans.models import BottomLine

    rows = (
        BottomLine.objects.filter(guardian=user, status=BottomLineStatus.ACTIVE, case__in=policy.cases_for_user(user))
        .exclude(case__state=CaseState.CLOSED)
        .select_related("case")
        .order_by("created_at", "pk")[:100]
    )
    return [
        WorkItem(
            section="bottom_lines",
            title=Truncator(line.text).chars(90),
            url=reverse("plans:plan", args=[line.case.public_id]) + f"#bodemeis-{line.public_id}",
            case_reference=line.case.reference,
        )
        for line in rows
    ]
