"""Mijn werk items of conferences (sections "invitations" and "chaired"; see ineen/web/work_items.py).

One query per section whatever the number of cases, read in Mijn werk's one round trip (two-phase providers,
ineen/web/work_items.py): what is missing is read with EXISTS subqueries on the conference rows, never per
conference. Only conferences of cases the user may see (the request's policy.work_scope, the cases of
policy.cases_for_user), never of a closed case.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ineen.cases.enums import CaseState
from ineen.web.work_items import Pending, WorkItem, label, provider

from .enums import ConferenceState
from .models import Conference, Invitation, PhaseDecision, PreparationInput, ScalingScore

# An ended conference stays on the chair's list this long while its report lacks a part.
REPORT_DAYS = 60
# A live conference this long after its start has not been closed: its report is not final.
LIVE_HOURS = 24


def _visible(scope):
    return Conference.objects.filter(scope.case_q("case")).exclude(case__state=CaseState.CLOSED)


def _kind(kind):
    return label(Conference, "kind", kind)


@provider
def invitation_items(user, scope) -> Pending:
    """Coming conferences I am invited to (not the ones I chair), with my preparation still to do: my
    input on the guide questions and my scaling score. Links to the preparation page."""
    today = timezone.localdate()
    invited = (
        _visible(scope)
        .filter(state=ConferenceState.PLANNED)
        .filter(Exists(Invitation.objects.filter(conference=OuterRef("pk"), user=user, sent_at__isnull=False)))
        .exclude(chair=user)
        .annotate(
            has_input=Exists(PreparationInput.objects.filter(conference=OuterRef("pk"), author=user)),
            has_score=Exists(ScalingScore.objects.filter(conference=OuterRef("pk"), author=user)),
        )
        .order_by("starts_at", "pk")
        .values_list("kind", "public_id", "case__reference", "starts_at", "has_input", "has_score")[:50]
    )

    def build(rows):
        items = []
        for kind, public_id, reference, starts_at, has_input, has_score in rows[0]:
            missing = []
            if not has_input:
                missing.append(_("uw inbreng"))
            if not has_score:
                missing.append(_("uw cijfer"))
            day = timezone.localtime(starts_at).date()
            items.append(
                WorkItem(
                    section="invitations",
                    title=_("Voorbereiden: %(kind)s") % {"kind": _kind(kind)}
                    if missing
                    else _("%(kind)s: voorbereiding gegeven") % {"kind": _kind(kind)},
                    url=reverse("conferences:prepare", args=[public_id]),
                    case_reference=reference,
                    due_on=day,
                    overdue=bool(missing) and day < today,
                    detail=_("Nog te doen: %(what)s") % {"what": _(" en ").join(missing)} if missing else "",
                )
            )
        return items

    return Pending([invited], build)


@provider
def chaired_items(user, scope) -> Pending:
    """Conferences I chair where something is missing: before the meeting nobody invited or invitations not
    sent, no opening summary; after it the meeting not closed, or the report without a phase decision or
    collaboration agreements. Links to where it is done (conference page, preparation overview, workspace)."""
    from ineen.plans.models import CollaborationAgreement

    now = timezone.now()
    today = timezone.localdate()
    professionals = Invitation.objects.filter(conference=OuterRef("pk"), user__isnull=False)
    chaired = (
        _visible(scope)
        .filter(chair=user)
        .filter(
            Q(state=ConferenceState.PLANNED)
            | Q(state=ConferenceState.LIVE, starts_at__lt=now - timedelta(hours=LIVE_HOURS))
            | Q(state=ConferenceState.ENDED, ended_at__gte=now - timedelta(days=REPORT_DAYS))
        )
        .annotate(
            invited=Exists(professionals),
            unsent=Exists(professionals.filter(sent_at__isnull=True)),
            decided=Exists(PhaseDecision.objects.filter(conference=OuterRef("pk"))),
            agreed=Exists(CollaborationAgreement.objects.filter(conference=OuterRef("pk"))),
        )
        .order_by("starts_at", "pk")
        .values_list(
            "state",
            "kind",
            "public_id",
            "case__reference",
            "starts_at",
            "opening_summary",
            "invited",
            "unsent",
            "decided",
            "agreed",
        )[:50]
    )

    def build(rows):
        items = []
        for state, kind, public_id, reference, starts_at, opening_summary, invited, unsent, decided, agreed in rows[0]:
            day = timezone.localtime(starts_at).date()
            kind = _kind(kind)
            if state == ConferenceState.PLANNED:
                missing = []
                if not invited:
                    missing.append(_("nog niemand uitgenodigd"))
                elif unsent:
                    missing.append(_("uitnodigingen nog niet verstuurd"))
                if not opening_summary.strip():
                    missing.append(_("openingssamenvatting ontbreekt"))
                if not missing:
                    continue
                url = reverse("conferences:prepare_overview" if invited else "conferences:detail", args=[public_id])
                title = _("Voorbereiden als voorzitter: %(kind)s") % {"kind": kind}
                overdue = day < today
            elif state == ConferenceState.LIVE:
                missing = [_("overleg nog niet afgesloten, het verslag is niet af")]
                url = reverse("conferences:workspace", args=[public_id])
                title = _("Afsluiten: %(kind)s") % {"kind": kind}
                overdue = True
            else:
                missing = []
                if not decided:
                    missing.append(_("fasebesluit ontbreekt in het verslag"))
                if not agreed:
                    missing.append(_("afspraken over samenwerking ontbreken"))
                if not missing:
                    continue
                # Completed in the workspace (the chair may step back from "afgerond"); the report shows the result.
                url = reverse("conferences:workspace", args=[public_id])
                title = _("Verslag afmaken: %(kind)s") % {"kind": kind}
                overdue = False
            items.append(
                WorkItem(
                    section="chaired",
                    title=title,
                    url=url,
                    case_reference=reference,
                    due_on=day,
                    overdue=overdue,
                    detail=_("Nog te doen: %(what)s") % {"what": "; ".join(str(m) for m in missing)},
                )
            )
        return items

    return Pending([chaired], build)


@provider
def debrief_items(user, scope) -> Pending:
    """My open debriefs (nabespreking) and feedback (terugkoppeling) with household members after a
    conference; overdue ones first, like actions. Links to the conference's clients page."""
    from .models import ClientFollowUp

    today = timezone.localdate()
    open_ones = (
        ClientFollowUp.objects.filter(scope.case_q("conference__case"), owner=user, done_at__isnull=True)
        .exclude(conference__case__state=CaseState.CLOSED)
        .order_by("due_on", "pk")
        .values_list(
            "kind",
            "person__first_name",
            "person__last_name",
            "conference__public_id",
            "conference__case__reference",
            "due_on",
            "conference__kind",
            "conference__starts_at",
        )[:50]
    )

    def build(rows):
        return [
            WorkItem(
                section="debriefs",
                title=_("%(kind)s met %(name)s")
                % {"kind": label(ClientFollowUp, "kind", kind), "name": f"{first} {last}".strip()},  # Person.__str__
                url=reverse("conferences:clients", args=[conference_id]) + "#nabespreking",
                case_reference=reference,
                due_on=due_on,
                overdue=due_on < today,
                detail=_("Na het %(kind)s van %(day)s")
                % {
                    "kind": _kind(conference_kind).lower(),
                    "day": formats.date_format(timezone.localtime(starts_at).date(), "j F Y"),
                },
            )
            for kind, first, last, conference_id, reference, due_on, conference_kind, starts_at in rows[0]
        ]

    return Pending([open_ones], build)
