"""Plain-language documents for one household member (issue 11, point 4): the invitation letter, how the
meeting goes (the leaflet's steps), their own version of the guide to fill in, and "my plan". Reading
only; each returns a template context for the content partials in templates/conferences/documents/
(`<article>`s without a base), so the professionals' print pages and a later client portal include the
same partials.

What a document may show is decided here, in the queries, not in the templates:
- actions and bottom lines only in their client wording (`client_wording`); without one the document says
  the contact person will explain -- NEVER the professionals' text (`what`, `text`);
- the owner of an action as in the client report: hidden for criminal-chain organisations that sat only
  at the closed part (report._closed_only);
- bottom lines only when they concern this person, or the whole household (no one named);
- who comes to the meeting as organisations only, never those who sit only at the closed part, never
  the criminal chain;
- never notes (of any part), never items that are not client-shareable, never another member's address.
"""

from types import SimpleNamespace

from django.db.models import BooleanField, Case, Exists, OuterRef, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ineen.access import policy
from ineen.accounts.enums import Chain
from ineen.cases.models import CaseDirectorAssignment
from ineen.households.models import Person
from ineen.plans.enums import ActionStatus, BottomLineStatus, Towards
from ineen.plans.models import BottomLine, PlanAction

from .enums import ConferenceState, PartKind
from .models import Conference, Invitation, OwnGuide
from .report import _closed_only, _unless, informal, meeting_times

PURPOSE = "documenten voor cliënt"
# The guide's questions in the client's own voice (the same for "je" and "u").
QUESTIONS = (
    ("worries", gettext_lazy("Waar maak ik me zorgen over?")),
    ("going_well", gettext_lazy("Wat gaat er goed?")),
    ("needs", gettext_lazy("Wat heb ik nodig?")),
    ("ideas", gettext_lazy("Mijn ideeën: wat zou kunnen helpen?")),
)
KINDS = ("uitnodiging", "zo-gaat-het", "eigen-versie", "mijn-plan")


def contact(case, chair=None):
    """ "My contact person": the active case director (name, organisation, work phone, e-mail); without
    one, the chair (`chair`, or the chair of the case's latest conference). One or two queries."""
    assignment = (
        CaseDirectorAssignment.objects.filter(case=case, ended_at__isnull=True)
        .select_related("director", "organisation")
        .order_by("-started_at")
        .first()
    )
    if assignment is not None:
        user, organisation, is_director = assignment.director, assignment.organisation, True
    else:
        if chair is None:
            latest = Conference.objects.filter(case=case).select_related("chair__organisation").order_by("-starts_at")
            chair = getattr(latest.first(), "chair", None)
        if chair is None:
            return None
        user, organisation, is_director = chair, chair.organisation, False
    return SimpleNamespace(
        name=user.get_full_name() or user.email,
        first_name=user.first_name or user.get_full_name() or user.email,
        organisation=organisation.name if organisation else "",
        phone=user.work_phone,
        email=user.email,
        is_director=is_director,
    )


def _base(person, case, chair=None):
    return {"person": person, "case": case, "informal": informal(person), "contact": contact(case, chair)}


def invitation(conference, person):
    """The invitation letter: when, where or online, that they may bring someone they trust, the
    preparation talk, an interpreter if needed, which organisations will be there, the contact person."""
    own_parts = Invitation.objects.filter(conference=conference, person=person).values("part_id")
    others = Invitation.objects.filter(conference=conference, user__isnull=False).exclude(part__kind=PartKind.CLOSED)
    if own_parts.exists():
        others = others.filter(part_id__in=own_parts)
    organisations = sorted(
        set(
            others.exclude(user__organisation__chain=Chain.CRIMINAL)
            .exclude(user__organisation__isnull=True)
            .values_list("user__organisation__name", flat=True)
        )
    )
    mine = Invitation.objects.filter(conference=conference, person=person).first()
    return {
        **_base(person, conference.case, conference.chair),
        "conference": conference,
        # A member who is not invited (kept apart) must not learn when and where the others meet.
        "invited": mine is not None,
        "times": meeting_times(conference) if mine is not None else None,
        "organisations": organisations,
        "trusted_person": mine.trusted_person if mine else "",
        "interpreter": person.needs_interpreter,
        "language": person.language,
    }


def how_it_goes(person, conference=None):
    """How the meeting goes: the leaflet's steps, for this reader ("je" or "u"). No query but the contact."""
    case = conference.case if conference is not None else None
    return {
        "person": person,
        "informal": informal(person),
        "conference": conference,
        "contact": contact(case, conference.chair) if case is not None else None,
    }


def own_guide_form(conference, person):
    """The client's own version of the guide: blank to print and fill in, or with the saved answers."""
    guide = OwnGuide.objects.filter(conference=conference, person=person).first()
    questions = [
        SimpleNamespace(field=field, question=question, answer=getattr(guide, field, "") if guide else "")
        for field, question in QUESTIONS
    ]
    return {
        **_base(person, conference.case, conference.chair),
        "conference": conference,
        "guide": guide,
        "questions": questions,
    }


def _concerns_reader(person):
    """A bottom line for the whole household (no one named), or naming this person."""
    named = BottomLine.concerns.through.objects.filter(bottomline_id=OuterRef("pk"))
    return ~Exists(named) | Exists(named.filter(person_id=person.pk))


def my_plan(case, person):
    """My plan: the actions towards the family (not cancelled) in words for this reader, who does what
    and when; the bottom lines that concern me; when we meet again; my contact person."""
    hidden = _closed_only("owner_organisation_id")
    actions = list(
        PlanAction.objects.filter(case=case, towards=Towards.FAMILY)
        .exclude(status__in=(ActionStatus.CANCELLED, ActionStatus.CARRIED_OVER))
        .annotate(
            hidden=Case(When(hidden, then=Value(True)), default=Value(False), output_field=BooleanField()),
            owner_first=_unless(hidden, "owner__first_name"),
            owner_last=_unless(hidden, "owner__last_name"),
            organisation=_unless(hidden, "owner_organisation__name"),
        )
        .values("id", "client_wording", "due_on", "status", "hidden", "owner_first", "owner_last", "organisation")
        .order_by("due_on", "pk")
    )
    rows = [
        SimpleNamespace(
            wording=a["client_wording"].strip(),
            due_on=a["due_on"],
            done=a["status"] == ActionStatus.DONE,
            hidden=a["hidden"],
            owner=f"{a['owner_first']} {a['owner_last']}".strip(),
            organisation=a["organisation"],
        )
        for a in actions
    ]
    lines = [
        SimpleNamespace(wording=text.strip())
        for text in BottomLine.objects.filter(case=case)
        .exclude(status=BottomLineStatus.ENDED)
        .filter(_concerns_reader(person))
        .order_by("pk")
        .values_list("client_wording", flat=True)
    ]
    following = (
        # Only a meeting this member is invited to: a member kept apart must not learn when the others meet.
        Conference.objects.filter(
            case=case, state=ConferenceState.PLANNED, starts_at__gt=timezone.now(), invitations__person=person
        )
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    other_confidential = (
        Person.objects.filter(policy.protected_q(), household_id=case.household_id).exclude(pk=person.pk).exists()
    )
    return {
        **_base(person, case),
        "actions": rows,
        "bottom_lines": lines,
        "next_meeting": timezone.localtime(following) if following else None,
        # Screen only, for whoever prints: a wording could still say where someone stays.
        "check_whereabouts": other_confidential,
    }


def context_for(kind, conference, person):
    """The context of document `kind` (one of KINDS) for `person`, from `conference`."""
    if kind == "uitnodiging":
        return invitation(conference, person)
    if kind == "zo-gaat-het":
        return how_it_goes(person, conference)
    if kind == "eigen-versie":
        return own_guide_form(conference, person)
    return my_plan(conference.case, person)
