"""Mijn werk items of evaluations (section "evaluations"; see ineen/web/work_items.py): after a conference
ended, its chair and every invited professional get a link to their own questionnaires; the case director
also gets one per invited household member, to fill in together at the debrief. Open for EVALUATION_DAYS
after the conference; due DUE_DAYS after it. Two queries whatever the number of cases; only conferences of
cases the user may see (policy.cases_for_user), never of a closed case."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.cases.enums import CaseState, TeamRole
from ineen.conferences.enums import ConferenceState
from ineen.conferences.models import Conference, Invitation
from ineen.web.work_items import WorkItem

from .models import EvaluationResponse

EVALUATION_DAYS = 30
DUE_DAYS = 7


def pending_conferences(user, since):
    """Ended conferences since `since` that `user` chaired or was invited to, without their evaluation."""
    return (
        Conference.objects.filter(
            case__in=policy.cases_for_user(user), state=ConferenceState.ENDED, ended_at__gte=since
        )
        .exclude(case__state=CaseState.CLOSED)
        .filter(Q(chair=user) | Exists(Invitation.objects.filter(conference=OuterRef("pk"), user=user)))
        .exclude(Exists(EvaluationResponse.objects.filter(conference=OuterRef("pk"), respondent_user=user)))
    )


def work_items(user) -> list[WorkItem]:
    now = timezone.now()
    today = timezone.localdate()
    since = now - timedelta(days=EVALUATION_DAYS)
    items = []
    for conference in pending_conferences(user, since).select_related("case").order_by("ended_at")[:50]:
        due = timezone.localtime(conference.ended_at).date() + timedelta(days=DUE_DAYS)
        items.append(
            WorkItem(
                section="evaluations",
                title=_("Evalueer het overleg: %(kind)s") % {"kind": conference.get_kind_display()},
                url=reverse("evaluations:professional", args=[conference.public_id]),
                case_reference=conference.case.reference,
                due_on=due,
                overdue=due < today,
                detail=_("Drie korte vragenlijsten, cijfers van 0 tot 10."),
            )
        )
    directed = policy.cases_for_user(user).filter(team__user=user, team__role=TeamRole.CASE_DIRECTOR)
    people = (
        Invitation.objects.filter(
            person__isnull=False,
            conference__case__in=directed,
            conference__state=ConferenceState.ENDED,
            conference__ended_at__gte=since,
        )
        .exclude(conference__case__state=CaseState.CLOSED)
        .exclude(
            Exists(
                EvaluationResponse.objects.filter(
                    conference=OuterRef("conference"), respondent_person=OuterRef("person")
                )
            )
        )
        .select_related("conference__case", "person")
        .order_by("conference__ended_at", "pk")[:50]
    )
    seen = set()
    for invitation in people:
        conference = invitation.conference
        if (conference.pk, invitation.person_id) in seen:
            continue
        seen.add((conference.pk, invitation.person_id))
        due = timezone.localtime(conference.ended_at).date() + timedelta(days=DUE_DAYS)
        items.append(
            WorkItem(
                section="evaluations",
                title=_("Evaluatie met %(name)s bij het nagesprek") % {"name": invitation.person.first_name},
                url=reverse("evaluations:with_client", args=[conference.public_id, invitation.person.public_id]),
                case_reference=conference.case.reference,
                due_on=due,
                overdue=due < today,
            )
        )
    return items
