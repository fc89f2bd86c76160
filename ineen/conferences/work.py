"""Mijn werk items of conferences (sections "invitations" and "chaired"; see ineen/web/work_items.py).

One query per section whatever the number of cases: what is missing is read with EXISTS subqueries on the
conference rows, never per conference. Only conferences of cases the user may see (policy.cases_for_user),
never of a closed case.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.cases.enums import CaseState
from ineen.web.work_items import WorkItem

from .enums import ConferenceState
from .models import Conference, Invitation, PhaseDecision, PreparationInput, ScalingScore

# An ended conference stays on the chair's list this long while its report lacks a part.
REPORT_DAYS = 60
# A live conference this long after its start has not been closed: its report is not final.
LIVE_HOURS = 24


def _visible(user):
    return Conference.objects.filter(case__in=policy.cases_for_user(user)).exclude(case__state=CaseState.CLOSED)


def invitation_items(user) -> list[WorkItem]:
    """Coming conferences I am invited to (not the ones I chair), with my preparation still to do: my
    input on the guide questions and my scaling score. Links to the preparation page."""
    today = timezone.localdate()
    rows = (
        _visible(user)
        .filter(state=ConferenceState.PLANNED)
        .filter(Exists(Invitation.objects.filter(conference=OuterRef("pk"), user=user, sent_at__isnull=False)))
        .exclude(chair=user)
        .annotate(
            has_input=Exists(PreparationInput.objects.filter(conference=OuterRef("pk"), author=user)),
            has_score=Exists(ScalingScore.objects.filter(conference=OuterRef("pk"), author=user)),
        )
        .select_related("case")
        .order_by("starts_at", "pk")[:50]
    )
    items = []
    for conference in rows:
        missing = []
        if not conference.has_input:
            missing.append(_("uw inbreng"))
        if not conference.has_score:
            missing.append(_("uw cijfer"))
        day = timezone.localtime(conference.starts_at).date()
        items.append(
            WorkItem(
                section="invitations",
                title=_("Voorbereiden: %(kind)s") % {"kind": conference.get_kind_display()}
                if missing
                else _("%(kind)s: voorbereiding gegeven") % {"kind": conference.get_kind_display()},
                url=reverse("conferences:prepare", args=[conference.public_id]),
                case_reference=conference.case.reference,
                due_on=day,
                overdue=bool(missing) and day < today,
                detail=_("Nog te doen: %(what)s") % {"what": _(" en ").join(missing)} if missing else "",
            )
        )
    return items


def chaired_items(user) -> list[WorkItem]:
    """Conferences I chair where something is missing: before the meeting nobody invited or invitations not
    sent, no opening summary; after it the meeting not closed, or the report without a phase decision or
    collaboration agreements. Links to where it is done (conference page, preparation overview, workspace)."""
    from ineen.plans.models import CollaborationAgreement

    now = timezone.now()
    today = timezone.localdate()
    professionals = Invitation.objects.filter(conference=OuterRef("pk"), user__isnull=False)
    rows = (
        _visible(user)
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
        .select_related("case")
        .order_by("starts_at", "pk")[:50]
    )
    items = []
    for conference in rows:
        day = timezone.localtime(conference.starts_at).date()
        kind = conference.get_kind_display()
        if conference.state == ConferenceState.PLANNED:
            missing = []
            if not conference.invited:
                missing.append(_("nog niemand uitgenodigd"))
            elif conference.unsent:
                missing.append(_("uitnodigingen nog niet verstuurd"))
            if not conference.opening_summary.strip():
                missing.append(_("openingssamenvatting ontbreekt"))
            if not missing:
                continue
            url = reverse(
                "conferences:prepare_overview" if conference.invited else "conferences:detail",
                args=[conference.public_id],
            )
            title = _("Voorbereiden als voorzitter: %(kind)s") % {"kind": kind}
            overdue = day < today
        elif conference.state == ConferenceState.LIVE:
            missing = [_("overleg nog niet afgesloten, het verslag is niet af")]
            url = reverse("conferences:workspace", args=[conference.public_id])
            title = _("Afsluiten: %(kind)s") % {"kind": kind}
            overdue = True
        else:
            missing = []
            if not conference.decided:
                missing.append(_("fasebesluit ontbreekt in het verslag"))
            if not conference.agreed:
                missing.append(_("afspraken over samenwerking ontbreken"))
            if not missing:
                continue
            # Completed in the workspace (the chair may step back from "afgerond"); the report shows the result.
            url = reverse("conferences:workspace", args=[conference.public_id])
            title = _("Verslag afmaken: %(kind)s") % {"kind": kind}
            overdue = False
        items.append(
            WorkItem(
                section="chaired",
                title=title,
                url=url,
                case_reference=conference.case.reference,
                due_on=day,
                overdue=overdue,
                detail=_("Nog te doen: %(what)s") % {"what": "; ".join(str(m) for m in missing)},
            )
        )
    return items


def debrief_items(user) -> list[WorkItem]:
    """My open debriefs (nabespreking) and feedback (terugkoppeling) with household members after a
    conference; overdue ones first, like actions. One query. Links to the conference's clients page."""
    from .models import ClientFollowUp

    today = timezone.localdate()
    rows = (
        ClientFollowUp.objects.filter(owner=user, done_at__isnull=True, conference__in=_visible(user))
        .select_related("conference__case", "person")
        .order_by("due_on", "pk")[:50]
    )
    return [
        WorkItem(
            section="debriefs",
            title=_("%(kind)s met %(name)s") % {"kind": fu.get_kind_display(), "name": fu.person},
            url=reverse("conferences:clients", args=[fu.conference.public_id]) + "#nabespreking",
            case_reference=fu.conference.case.reference,
            due_on=fu.due_on,
            overdue=fu.due_on < today,
            detail=_("Na het %(kind)s van %(day)s")
            % {
                "kind": fu.conference.get_kind_display().lower(),
                "day": formats.date_format(timezone.localtime(fu.conference.starts_at).date(), "j F Y"),
            },
        )
        for fu in rows
    ]
