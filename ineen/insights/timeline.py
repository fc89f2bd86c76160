"""A family's timeline (issue 13, point 2): referral, triage, every conference with who was there,
incidents, measures, phase decisions, case director changes, escalations and state changes (closure), in
date order, filtered by what the user may see. Reading only, from the rows that exist.

- Governed items (incidents, legal measures) through `access.split`: what the user may not read is not an
  entry; the organisations holding it are named once ("there is information, contact ...").
- Attendance of a closed part or a young person's own part: `policy.may_see_part_attendance` (chair, case
  director, those invited to that part); others read that the part took place.
- Reasons, notes and free text stay on their own pages: the timeline names what happened and when.

A fixed number of queries whatever the number of conferences (QUALITY.md): the case's own lists
(referral, triages, directors, state changes, escalations) come back as JSON arrays from ONE query on the
case row (report.json_rows); conferences, invitations, incidents and measures are one query each.
"""

import datetime
import json
from dataclasses import dataclass, field
from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ineen.access import policy
from ineen.cases.enums import CaseState, Route, TriageDecision
from ineen.cases.models import Case, CaseDirectorAssignment, CaseStateChange, Referral, Triage
from ineen.conferences.enums import Attendance, ConferenceState, PhaseDecisionKind
from ineen.conferences.models import Conference, Invitation
from ineen.conferences.report import json_rows, meeting_times
from ineen.escalations.enums import Category, EscalationStatus
from ineen.escalations.models import Escalation
from ineen.guide.enums import Phase
from ineen.households.models import Incident, LegalMeasure

PURPOSE = "tijdlijn"
KINDS = {
    "referral": gettext_lazy("Aanmelding"),
    "triage": gettext_lazy("Weegoverleg"),
    "conference": gettext_lazy("Overleg"),
    "phase": gettext_lazy("Fasebesluit"),
    "incident": gettext_lazy("Incident"),
    "measure": gettext_lazy("Maatregel"),
    "director": gettext_lazy("Casusregisseur"),
    "escalation": gettext_lazy("Opschaling"),
    "state": gettext_lazy("Status van de casus"),
}


@dataclass
class PartSeen:
    label: str
    visible: bool
    people: list = field(default_factory=list)  # (name, organisation or "", attendance label)


@dataclass
class Entry:
    kind: str
    when: datetime.datetime
    title: str
    lines: list = field(default_factory=list)
    parts: list = field(default_factory=list)
    public_id: object = None  # a conference's, for its links

    @property
    def kind_label(self):
        return str(KINDS[self.kind])

    @property
    def day(self):
        return timezone.localdate(self.when)

    @property
    def has_time(self):
        return self.kind not in ("incident", "measure")


def _when(value):
    """A datetime from json_rows (SQLite: naive UTC text; PostgreSQL: ISO with offset)."""
    if not value:
        return None
    parsed = datetime.datetime.fromisoformat(value.replace(" ", "T"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _on(day):
    """A date as the start of that day, local time, to sort among the datetimes."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _rows(text):
    return json.loads(text) if text else []


def _label(choices, value):
    return str(dict(choices).get(value, value or ""))


def _case_lists(case):
    """The case's own lists: ONE query on the case row."""
    lists = {
        "referral": json_rows(Referral.objects.all(), "case", at="submitted_at", org="referring_organisation__name"),
        "triages": json_rows(
            Triage.objects.filter(decided_at__isnull=False), "case", at="decided_at", decision="decision", route="route"
        ),
        "directors": json_rows(
            CaseDirectorAssignment.objects.all(),
            "case",
            at="started_at",
            ended="ended_at",
            first="director__first_name",
            last="director__last_name",
            org="organisation__name",
        ),
        "states": json_rows(
            CaseStateChange.objects.all(), "case", at="changed_at", from_state="from_state", to="to_state"
        ),
        "escalations": json_rows(
            Escalation.objects.all(),
            "case",
            at="raised_at",
            category="category",
            status="status",
            org="organisation__name",
            resolved="resolved_on",
        ),
    }
    annotations = {f"tl_{k}": v for k, v in lists.items()}
    row = Case.objects.filter(pk=case.pk).annotate(**annotations).values(*annotations).get()
    return {k: _rows(row[f"tl_{k}"]) for k in lists}


def _case_entries(case):
    lists = _case_lists(case)
    entries = []
    for r in lists["referral"]:
        entries.append(Entry("referral", _when(r["at"]), _("Aangemeld door %(org)s") % {"org": r["org"]}))
    for r in lists["triages"]:
        title = _label(TriageDecision.choices, r["decision"])
        lines = [_("Route: %(route)s") % {"route": _label(Route.choices, r["route"])}] if r["route"] else []
        entries.append(Entry("triage", _when(r["at"]), _("Besluit weegoverleg: %(d)s") % {"d": title}, lines))
    for r in lists["directors"]:
        name = f"{r['first'] or ''} {r['last'] or ''}".strip()
        entries.append(
            Entry("director", _when(r["at"]), _("Casusregisseur: %(name)s (%(org)s)") % {"name": name, "org": r["org"]})
        )
    for r in lists["states"]:
        to = _label(CaseState.choices, r["to"])
        title = _("Casus afgesloten") if r["to"] == CaseState.CLOSED else _("Status: %(to)s") % {"to": to}
        entries.append(Entry("state", _when(r["at"]), title))
    for r in lists["escalations"]:
        lines = [_("Status: %(s)s") % {"s": _label(EscalationStatus.choices, r["status"])}]
        if r["resolved"]:
            lines.append(
                _("Afgerond op %(d)s") % {"d": datetime.date.fromisoformat(r["resolved"][:10]).strftime("%d-%m-%Y")}
            )
        title = _("Opgeschaald (%(cat)s) naar %(org)s") % {
            "cat": _label(Category.choices, r["category"]),
            "org": r["org"] or "—",
        }
        entries.append(Entry("escalation", _when(r["at"]), title, lines))
    return entries


def _conference_entries(access):
    case, user = access.case, access.user
    conferences = list(
        Conference.objects.filter(case=case).select_related("phase_decision").order_by("starts_at", "pk")
    )
    invitations = list(
        Invitation.objects.filter(conference__case=case)
        .select_related("part", "user__organisation", "person")
        .order_by("part__order", "pk")
    )
    mine = {inv.part_id for inv in invitations if inv.user_id == user.pk}
    by_conference = {}
    for inv in invitations:
        by_conference.setdefault(inv.conference_id, {}).setdefault(inv.part_id, (inv.part, []))[1].append(inv)
    entries = []
    for conference in conferences:
        times = meeting_times(conference)
        title = _("%(kind)s over %(phase)s") % {
            "kind": conference.get_kind_display(),
            "phase": conference.get_phase_display(),
        }
        lines = []
        if conference.state != ConferenceState.ENDED:
            lines.append(_("Status: %(s)s") % {"s": conference.get_state_display()})
        parts = []
        for part, rows in by_conference.get(conference.pk, {}).values():
            seen = PartSeen(label=str(part.get_kind_display()), visible=False)
            if policy.may_see_part_attendance(user, part.kind, access.relation, mine, part.pk):
                seen.visible = True
                for inv in rows:
                    who = inv.user or inv.person
                    org = inv.user.organisation.name if inv.user_id and inv.user.organisation_id else _("gezinslid")
                    name = who.get_full_name() if inv.user_id else str(inv.person)
                    seen.people.append((name, org, _label(Attendance.choices, inv.attendance)))
            parts.append(seen)
        when = times.start or times.end
        entries.append(Entry("conference", when, title, lines, parts, public_id=conference.public_id))
        decision = getattr(conference, "phase_decision", None)
        if decision is not None:
            text = decision.get_decision_display()
            if decision.decision in (PhaseDecisionKind.FORWARD, PhaseDecisionKind.BACK) and decision.to_phase:
                text = f"{text}: {Phase(decision.to_phase).label}"
            entries.append(
                Entry(
                    "phase",
                    decision.decided_at,
                    _("Fasebesluit: %(d)s") % {"d": text},
                    [_("In de fase %(p)s") % {"p": Phase(decision.from_phase).label}],
                )
            )
    return entries


def _item_entries(access):
    incidents = access.split(Incident.objects.order_by("date", "pk"))
    measures = access.split(LegalMeasure.objects.select_related("person").order_by("starts_on", "pk"))
    entries = []
    for incident in incidents.readable:
        types = ", ".join(str(t) for t in incident.violence_type_labels()) or _("soort niet vastgelegd")
        entries.append(Entry("incident", _on(incident.date), _("Incident: %(types)s") % {"types": types}))
    undated = []
    for measure in measures.readable:
        title = _("%(kind)s voor %(person)s") % {
            "kind": measure.get_kind_display(),
            "person": measure.person.first_name,
        }
        lines = [str(measure.get_category_display())]
        if measure.ends_on:
            lines.append(_("Tot %(d)s") % {"d": measure.ends_on.strftime("%d-%m-%Y")})
        if measure.starts_on:
            entries.append(Entry("measure", _on(measure.starts_on), title, lines))
        else:
            undated.append(title)
    withheld = sorted({*incidents.withheld_names, *measures.withheld_names})
    return entries, undated, withheld


def timeline(access, kinds=None):
    """The entries the user may see, oldest first, of `kinds` (all when None or empty)."""
    chosen = [k for k in (kinds or []) if k in KINDS] or list(KINDS)
    entries = [*_case_entries(access.case), *_conference_entries(access)]
    items, undated, withheld = _item_entries(access)
    entries += items
    entries = [e for e in entries if e.when is not None and e.kind in chosen]
    entries.sort(key=lambda e: (e.when, list(KINDS).index(e.kind)))
    return {
        "entries": entries,
        "undated_measures": undated if "measure" in chosen else [],
        "withheld": withheld,
        "kinds": [(k, str(v), k in chosen) for k, v in KINDS.items()],
        "filtered": len(chosen) < len(KINDS),
    }
