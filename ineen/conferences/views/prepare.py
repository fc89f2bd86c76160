"""Preparing a conference: the participant's page (chosen questions, own input, own score, the
chair's summary) and the chair's side-by-side overview with the opening summary. One URL per action;
the rules live in conferences/prepare.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ineen.access import policy
from ineen.audit.models import Action
from ineen.privacy.enums import Visibility

from .. import clients, prepare
from .. import schedule_forms as f
from ..enums import ConferenceState
from ..models import Invitation
from .schedule import _apply, _workspace_url

TAKE_PART = "get_conference + may_take_part (chair or team member invited to this conference)"
CHAIR = "get_conference + may_chair_conference (chair of the house)"
PURPOSE = "overleg voorbereiden"


def _load(request, public_id, *, allow, update=False):
    return policy.get_conference(
        request,
        public_id,
        purpose=PURPOSE,
        allow=allow,
        action=Action.UPDATE if update else Action.VIEW,
        related=("chair",),
    )


def _rows(conference, user, posted=None, errors=None, conflicts=None, saved=None):
    """Per chosen question: the sub-questions, the user's stored input, and what goes in the form
    (the typed text after a refusal, else the stored text). `saved` ({item pk: version}) carries the
    new version of the questions that were saved in the same post, so saving again is no conflict."""
    stored = prepare.own_inputs(conference, user)
    rows = []
    for node in prepare.questions(conference):
        pk = node.item.pk
        mine = stored.get(pk)
        if posted is not None and f"text_{pk}" in posted:
            text = posted.get(f"text_{pk}", "")
            visibility = posted.get(f"visibility_{pk}", Visibility.TEAM)
            version = posted.get(f"version_{pk}", "0")
        else:
            text = mine.text if mine else ""
            visibility = mine.visibility if mine else Visibility.TEAM
            version = mine.version if mine else 0
        if pk in (saved or {}):
            version = saved[pk]
        conflict = (conflicts or {}).get(pk)
        if conflict is not None:
            version = conflict.version if conflict else 0
        rows.append(
            {
                "node": node,
                "input": mine,
                "text": text,
                "visibility": str(visibility),
                "version": version,
                "error": (errors or {}).get(pk),
                "conflict": conflict,
                "conflicted": pk in (conflicts or {}),
            }
        )
    return rows


def _may_score(conference):
    return conference.state == ConferenceState.PLANNED and not conference.scores_revealed


def _page(request, conference, relation, *, rows=None, score_form=None, refused=False, status=200):
    score = prepare.own_score(conference, request.user)
    ctx = {
        "conference": conference,
        "case": conference.case,
        "relation": relation,
        "may_chair": policy.may_chair_conference(request.user, conference, relation),
        "may_take_part": True,
        "rows": rows if rows is not None else _rows(conference, request.user),
        "visibility_choices": f.VISIBILITY_CHOICES,
        "score": score,
        "scaling_question": prepare.scaling_question(conference),
        "scale": prepare.scale(conference),
        "score_form": score_form
        or f.ScoreForm(initial={"value": score.value, "justification": score.justification} if score else None),
        "is_open": conference.state in prepare.INPUT_STATES,
        "may_score": _may_score(conference),
        "refused": refused,
        "workspace_url": _workspace_url(conference),
    }
    return render(request, "conferences/prepare.html", ctx, status=status)


@require_GET
@login_required
@policy.access_rule(TAKE_PART)
def preparation(request, public_id):
    access = _load(request, public_id, allow=policy.may_take_part)
    conference, relation = access.conference, access.relation
    return _page(request, conference, relation)


def _score_posted(request, score):
    """Whether the post asks to save a score: something was filled in, or an existing score was
    changed (an untouched score is not saved again, so saving the inputs leaves no score audit). A post
    without the score's fields (the page did not show them) leaves the score alone."""
    if "value" not in request.POST and "justification" not in request.POST:
        return False
    value = (request.POST.get("value") or "").strip()
    justification = (request.POST.get("justification") or "").strip()
    if score is None:
        return bool(value or justification)
    return value != str(score.value) or justification != score.justification


def _save(request, public_id):
    """One form on the page holds the score and every question, so no button loses what was typed
    elsewhere on the page: each question is saved on its own (those refused, or changed elsewhere
    meanwhile, come back with the typed text kept and a message), the score when it was filled in or
    changed. On any refusal the whole page comes back as typed."""
    access = _load(request, public_id, allow=policy.may_take_part, update=True)
    conference, relation = access.conference, access.relation
    by_pk = {node.item.pk: node.item for node in prepare.questions(conference)}
    errors, conflicts, saved = {}, {}, {}
    for pk, item in by_pk.items():
        if f"text_{pk}" not in request.POST:
            continue
        try:
            result = prepare.save_input(
                conference=conference,
                actor=access.actor,
                item=item,
                text=request.POST.get(f"text_{pk}", ""),
                seen_version=request.POST.get(f"version_{pk}", "0"),
                visibility=request.POST.get(f"visibility_{pk}", Visibility.TEAM),
            )
            saved[pk] = result.version if result else 0
        except prepare.Conflict as error:
            conflicts[pk] = error.current
            errors[pk] = " ".join(error.messages)
        except ValidationError as error:
            errors[pk] = " ".join(error.messages)
    score_form, score_saved = None, False
    # A score typed while the meeting began (or the scores were revealed) is refused by save_score and
    # comes back in the form with the reason, not dropped.
    if _score_posted(request, prepare.own_score(conference, request.user)):
        score_form = f.ScoreForm(request.POST)
        if score_form.is_valid():
            try:
                prepare.save_score(conference=conference, actor=access.actor, **score_form.cleaned_data)
                score_saved = True
            except ValidationError as error:
                _apply(score_form, error)
    score_refused = score_form is not None and not score_saved
    if errors or score_refused:
        if not score_refused:
            score_form = None  # saved or untouched: the page shows the stored score
        return _page(
            request,
            conference,
            relation,
            status=409 if conflicts else 400,
            rows=_rows(conference, request.user, posted=request.POST, errors=errors, conflicts=conflicts, saved=saved),
            score_form=score_form,
            refused=True,
        )
    if saved:
        messages.success(request, _("Uw inbreng is opgeslagen."))
    if score_saved:
        messages.success(request, _("Uw cijfer is opgeslagen. Niemand ziet het vóór het overleg."))
    anchor = "#cijfer" if request.POST.get("naar") == "cijfer" else "#inbreng"
    return redirect(reverse("conferences:prepare", args=[conference.public_id]) + anchor)


@require_POST
@login_required
@policy.access_rule(TAKE_PART)
def save_inputs(request, public_id):
    """The preparation form: the answers and the score together (see _save)."""
    return _save(request, public_id)


def _overview(request, conference, relation, *, form=None, current=None, status=200):
    invitations = list(
        Invitation.objects.filter(conference=conference, user__isnull=False).select_related("user__organisation")
    )
    ctx = {
        "conference": conference,
        "case": conference.case,
        "relation": relation,
        "may_chair": True,
        "may_take_part": True,
        "overview": prepare.overview(conference, request.user, invitations),
        "client_rows": clients.client_rows(conference),
        "form": form or f.SummaryForm(initial={"text": conference.opening_summary, "version": conference.version}),
        "current": current,
        "conflict": current is not None,
        "scale": prepare.scale(conference),
        "workspace_url": _workspace_url(conference),
    }
    return render(request, "conferences/prepare_overview.html", ctx, status=status)


@require_GET
@login_required
@policy.access_rule(CHAIR)
def overview(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference)
    conference, relation = access.conference, access.relation
    return _overview(request, conference, relation)


@require_POST
@login_required
@policy.access_rule(CHAIR)
def save_summary(request, public_id):
    access = _load(request, public_id, allow=policy.may_chair_conference, update=True)
    conference, relation = access.conference, access.relation
    form = f.SummaryForm(request.POST)
    if form.is_valid():
        try:
            prepare.save_opening_summary(
                conference=conference,
                actor=access.actor,
                text=form.cleaned_data["text"],
                seen_version=form.cleaned_data["version"],
            )
        except prepare.Conflict as error:
            # The typed text stays in the form, the stored one is shown next to it; saving again after
            # comparing them replaces the stored one knowingly (the form now carries the new version).
            conference.refresh_from_db()
            data = request.POST.copy()
            data["version"] = str(conference.version)
            form = f.SummaryForm(data)
            form.is_valid()
            form.add_error(None, error)
            return _overview(request, conference, relation, form=form, current=error.current or "", status=409)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("De openingssamenvatting is opgeslagen; de deelnemers kunnen haar lezen."))
            return redirect(reverse("conferences:prepare_overview", args=[conference.public_id]) + "#samenvatting")
    return _overview(request, conference, relation, form=form, status=400)
