"""The member's own documents and preparation under /mijn/ (issue 11, point 5): my plan, the invitation, how
the meeting goes, their own version of the guide and their own scores. Like views.py: no id in any URL,
everything from the session's access, and only about the session's own person -- a parent's session never
reads a child's guide or scores, nor the other way round. Every page leaves a read event; the writes go
through the domain functions as the client (filled_in_by / entered_by None), in the request's transaction."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ineen.access import policy
from ineen.conferences import documents, own_guide, self_rating
from ineen.conferences.enums import SelfRatingChannel, SelfRatingQuestion
from ineen.conferences.models import OwnGuide, SelfRating
from ineen.conferences.report import informal
from ineen.conferences.schedule_rules import Conflict

from . import content, session
from .forms import OwnGuideForm, SelfRatingForm
from .views import CLIENT, _page

QUESTIONS = (SelfRatingQuestion.SAFETY, SelfRatingQuestion.LIFE)


def _no_meeting(request, title):
    """No coming conference this member is invited to: a friendly page, not an error."""
    return _page(request, "portal/no_meeting.html", {"title": title})


@require_GET
@policy.access_rule(CLIENT)
@session.client_view
def plan(request):
    access = request.client_access
    content.record_read(request, "mijn plan")
    context = documents.my_plan(access.case, access.person)
    # Only a meeting this member is invited to: the others' dates could tell where someone will be.
    context["next_meeting"] = content.next_meeting(access)
    context.pop("check_whereabouts", None)  # the print page's note for professionals
    return _page(request, "portal/document.html", {**context, "partial": "conferences/documents/_my_plan.html"})


@require_GET
@policy.access_rule(CLIENT)
@session.client_view
def invitation(request):
    access = request.client_access
    content.record_read(request, "uitnodiging")
    conference = content.coming_conference(access)
    if conference is None:
        return _no_meeting(request, _("Uitnodiging"))
    context = documents.invitation(conference, access.person)
    return _page(request, "portal/document.html", {**context, "partial": "conferences/documents/_invitation.html"})


@require_GET
@policy.access_rule(CLIENT)
@session.client_view
def how_it_goes(request):
    access = request.client_access
    content.record_read(request, "zo gaat het gesprek")
    context = documents.how_it_goes(access.person, content.coming_conference(access))
    if context["contact"] is None:
        context["contact"] = documents.contact(access.case)
    return _page(request, "portal/document.html", {**context, "partial": "conferences/documents/_how_it_goes.html"})


@require_http_methods(["GET", "POST"])
@policy.access_rule(CLIENT)
@session.client_view
def preparation(request):
    access = request.client_access
    you = informal(access.person)
    content.record_read(request, "mijn voorbereiding")
    conference = content.coming_conference(access)
    if conference is None:
        return _no_meeting(request, _("Mijn voorbereiding"))
    guide = OwnGuide.objects.filter(conference=conference, person=access.person).first()
    initial = {name: getattr(guide, name) for name in own_guide.FIELDS} if guide else {}
    initial["version"] = guide.version if guide else ""
    form = OwnGuideForm(request.POST or None, initial=initial)
    status, current = 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                own_guide.save_own_guide(
                    actor=request.client_actor,
                    conference=conference,
                    person=access.person,
                    seen_version=data["version"] or None,
                    **{name: data[name] for name in own_guide.FIELDS},
                )
            except Conflict as conflict:
                status, current = 409, conflict.current
                form.add_error(
                    None,
                    _("Er is intussen iets anders opgeslagen. Kijk wat er nu staat. Jouw tekst staat er nog.")
                    if you
                    else _("Er is intussen iets anders opgeslagen. Kijk wat er nu staat. Uw tekst staat er nog."),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Opgeslagen. Dank je wel!") if you else _("Opgeslagen. Dank u wel!"))
                return redirect("portal:preparation")
    if current is not None:
        # The new version to build on: the next save with the member's kept text is not stale again.
        form.data = form.data.copy()
        form.data["version"] = str(current.version)
    return _page(
        request,
        "portal/preparation.html",
        {"form": form, "conference": conference, "guide": guide, "current": current},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@policy.access_rule(CLIENT)
@session.client_view
def scores(request):
    access = request.client_access
    you = informal(access.person)
    content.record_read(request, "mijn cijfers")
    conference = content.coming_conference(access)
    if conference is None:
        return _no_meeting(request, _("Mijn cijfers"))
    # Only this session's own person: never another member's answers (a parent's or a child's).
    saved = {r.question: r for r in SelfRating.objects.filter(conference=conference, person=access.person)}
    initial = {}
    for question in QUESTIONS:
        rating = saved.get(question)
        if rating is not None:
            initial.update({question: str(rating.value), f"{question}_words": rating.words})
        initial[f"{question}_version"] = rating.version if rating else ""
    form = SelfRatingForm(request.POST or None, initial=initial, informal=you)
    status, current = 200, {}
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():  # both answers or neither
                    for question in QUESTIONS:
                        self_rating.record_self_rating(
                            actor=request.client_actor,
                            conference=conference,
                            person=access.person,
                            question=question,
                            value=data[question],
                            words=data[f"{question}_words"],
                            channel=SelfRatingChannel.OWN_ACCESS,
                            seen_version=data[f"{question}_version"] or None,
                        )
            except Conflict as conflict:
                status = 409
                current = {conflict.current.question: conflict.current}
                form.add_error(
                    None,
                    _("Er is intussen een ander cijfer opgeslagen. Kijk wat er nu staat. Jouw keuze staat er nog.")
                    if you
                    else _("Er is intussen een ander cijfer opgeslagen. Kijk wat er nu staat. Uw keuze staat er nog."),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Opgeslagen. Dank je wel!") if you else _("Opgeslagen. Dank u wel!"))
                return redirect("portal:scores")
    if current:
        form.data = form.data.copy()
        for rating in current.values():
            form.data[f"{rating.question}_version"] = str(rating.version)
    questions = [
        {
            "field": form[question],
            "words": form[f"{question}_words"],
            "version": form[f"{question}_version"],
            "saved": saved.get(question),
            "current": current.get(question),
        }
        for question in QUESTIONS
    ]
    return _page(
        request,
        "portal/scores.html",
        {"form": form, "conference": conference, "questions": questions, "scale_help": self_rating.SCALE_HELP},
        status=status,
    )
