"""The household's own voice (issue 11, points 6 and 9): a member's own scores written down by a
professional (before the meeting with the preparation talk, at the table by the chair), and the young
person's own part of the conference. Views load through the access policy and call
conferences/self_rating.py and conferences/youth.py. A refused form is shown again with the user's input
(400, or 409 on a conflict)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ineen.access import policy
from ineen.households.models import Person

from .. import client_forms as f
from .. import self_rating, youth
from ..enums import ConferenceState, SelfRatingChannel, SelfRatingQuestion
from ..models import SelfRating
from ..report import informal
from .clients import PURPOSE, _apply, _load

RATE = "get_conference + may_record_self_rating (planned: case director or involved professional; live: chair)"
YOUTH_PART = "get_conference + may_chair_conference (chair of the house)"


def _back(conference, person):
    if conference.state == ConferenceState.LIVE:
        return reverse("conferences:workspace", args=[conference.public_id]) + "#scores"
    return reverse("conferences:client_talk", args=[conference.public_id, person.public_id])


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule(RATE)
def rate(request, public_id, person_id):
    post = request.method == "POST"
    access = _load(request, public_id, allow=policy.may_record_self_rating, update=post)
    conference = access.conference
    person = access.related(Person, public_id=person_id, purpose=PURPOSE)
    existing = {r.question: r for r in SelfRating.objects.filter(conference=conference, person=person)}
    young = informal(person)
    channel = (
        SelfRatingChannel.AT_CONFERENCE if conference.state == ConferenceState.LIVE else SelfRatingChannel.PREPARATION
    )
    forms, current, status = {}, {}, 200
    asked = request.POST.get("question") if post else None
    for question in SelfRatingQuestion:
        rating = existing.get(question)
        if post and asked == question.value:
            form = f.SelfRatingForm(request.POST, prefix=question.value)
        else:
            initial = {"value": rating.value, "words": rating.words, "version": rating.version} if rating else None
            form = f.SelfRatingForm(initial=initial, prefix=question.value)
        form.fields["value"].label = self_rating.question_text(question, young)
        forms[question.value] = form
    if post:
        form = forms.get(asked)
        if form is None:
            status = 400
            messages.error(request, _("Kies een vraag."))
        elif form.is_valid():
            try:
                self_rating.record_self_rating(
                    actor=access.actor,
                    conference=conference,
                    person=person,
                    question=asked,
                    value=form.cleaned_data["value"],
                    words=form.cleaned_data["words"],
                    channel=channel,
                    seen_version=form.cleaned_data["version"],
                )
            except self_rating.Conflict as conflict:
                current[asked], status = conflict.current, 409
                form.add_error(None, conflict)
            except ValidationError as error:
                _apply(form, error)
                status = 400
            else:
                messages.success(request, _("Het eigen cijfer is vastgelegd."))
                return redirect(_back(conference, person))
        else:
            status = 400
    questions = [
        {"key": q.value, "form": forms[q.value], "rating": existing.get(q), "current": current.get(q.value)}
        for q in SelfRatingQuestion
    ]
    ctx = {
        "conference": conference,
        "case": conference.case,
        "relation": access.relation,
        "person": person,
        "young": young,
        "questions": questions,
        "back": _back(conference, person),
        "scale_help": self_rating.SCALE_HELP,
    }
    return render(request, "conferences/self_rating.html", ctx, status=status)


@require_POST
@login_required
@policy.access_rule(YOUTH_PART)
def youth_part(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, update=True)
    conference = access.conference
    try:
        youth.add_youth_part(conference=conference, actor=access.actor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Het eigen deel voor de jongere is toegevoegd. Nodig nu de jongere en de professionals uit.")
        )
    return redirect(reverse("conferences:detail", args=[conference.public_id]) + "#aan-tafel")
