"""Mijn werk items of evaluations (section "evaluations"; see ineen/web/work_items.py): after a conference
ended, its chair and every invited professional get a link to their own questionnaires; the case director
also gets one per invited household member, to fill in together at the debrief. Open for EVALUATION_DAYS
after the conference; due DUE_DAYS after it. Two queries whatever the number of cases, read in Mijn werk's one
round trip (two-phase provider, ineen/web/work_items.py); only conferences of cases the user may see (the
request's policy.work_scope, the cases of policy.cases_for_user), never of a closed case."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.cases.enums import CaseState, TeamRole
from ineen.cases.models import TeamMembership
from ineen.conferences.enums import ConferenceState
from ineen.conferences.models import Conference, Invitation
from ineen.web.work_items import Pending, WorkItem, label, provider

from .models import EvaluationResponse

EVALUATION_DAYS = 30
DUE_DAYS = 7


def pending_conferences(user, since, scope=None):
    """Ended conferences since `since` that `user` chaired or was invited to, without their evaluation.
    `scope`: the request's policy.work_scope (read here when not given)."""
    scope = policy.work_scope(user) if scope is None else scope
    return (
        Conference.objects.filter(scope.case_q("case"), state=ConferenceState.ENDED, ended_at__gte=since)
        .exclude(case__state=CaseState.CLOSED)
        .filter(Q(chair=user) | Exists(Invitation.objects.filter(conference=OuterRef("pk"), user=user)))
        .exclude(Exists(EvaluationResponse.objects.filter(conference=OuterRef("pk"), respondent_user=user)))
    )


@provider
def work_items(user, scope) -> Pending:
    now = timezone.now()
    today = timezone.localdate()
    since = now - timedelta(days=EVALUATION_DAYS)
    mine = (
        pending_conferences(user, since, scope)
        .order_by("ended_at")
        .values_list("public_id", "kind", "case__reference", "ended_at")[:50]
    )
    # Cases I direct (a case-director membership, as before: not only a running one) that I may see.
    directed = TeamMembership.objects.filter(user=user, role=TeamRole.CASE_DIRECTOR).values("case_id")
    people = (
        Invitation.objects.filter(
            scope.case_q("conference__case"),
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
        .order_by("conference__ended_at", "pk")
        .values_list(
            "conference_id",
            "conference__public_id",
            "conference__case__reference",
            "conference__ended_at",
            "person_id",
            "person__public_id",
            "person__first_name",
        )[:50]
    )

    def build(rows):
        items = []
        for public_id, kind, reference, ended_at in rows[0]:
            due = timezone.localtime(ended_at).date() + timedelta(days=DUE_DAYS)
            items.append(
                WorkItem(
                    section="evaluations",
                    title=_("Evalueer het overleg: %(kind)s") % {"kind": label(Conference, "kind", kind)},
                    url=reverse("evaluations:professional", args=[public_id]),
                    case_reference=reference,
                    due_on=due,
                    overdue=due < today,
                    detail=_("Drie korte vragenlijsten, cijfers van 0 tot 10."),
                )
            )
        seen = set()
        for conference_pk, conference_id, reference, ended_at, person_pk, person_id, first_name in rows[1]:
            if (conference_pk, person_pk) in seen:
                continue
            seen.add((conference_pk, person_pk))
            due = timezone.localtime(ended_at).date() + timedelta(days=DUE_DAYS)
            items.append(
                WorkItem(
                    section="evaluations",
                    title=_("Evaluatie met %(name)s bij het nagesprek") % {"name": first_name},
                    url=reverse("evaluations:with_client", args=[conference_id, person_id]),
                    case_reference=reference,
                    due_on=due,
                    overdue=due < today,
                )
            )
        return items

    return Pending([mine, people], build)
