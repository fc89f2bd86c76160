"""Disputes of information items (ineen/privacy/disputes.py): recorded on a member's behalf, answered by
the source organisation. Rules: ineen/access/disputes.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ineen.access import policy
from ineen.audit.models import Action

from . import disputes
from .forms_disputes import AnswerForm, DisputeForm


def _text_of(item):
    field = policy.DISPUTABLE[policy.dispute_kind_of(item)][1]
    return getattr(item, field) if field else str(item)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_raise_dispute (chair or team, not emergency, not closed) + item readable")
def dispute_raise(request, public_id, kind, item_id):
    action = Action.CREATE if request.method == "POST" else Action.VIEW
    purpose = "informatie betwisten"
    access = policy.get_case(request, public_id, purpose=purpose, action=action, allow=policy.may_raise_dispute)
    case = access.case
    item = policy.get_disputable_item(access, kind, item_id, purpose=purpose, action=action)
    form = DisputeForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            disputes.raise_dispute(
                case=case,
                item=item,
                person=form.cleaned_data["person"],
                kind=form.cleaned_data["kind"],
                account=form.cleaned_data["account"],
                actor=access.actor,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Vastgelegd. De bron wordt gevraagd de informatie te bevestigen of te corrigeren.")
            )
            return redirect("web:case_household", case.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "privacy/dispute_form.html",
        {"case": case, "item": item, "item_text": _text_of(item), "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + get_dispute (item readable) + may_answer_dispute (source organisation only)")
def dispute_answer(request, public_id, dispute_id):
    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    purpose = "betwisting beantwoorden"
    access = policy.get_case(request, public_id, purpose=purpose, action=action)
    case = access.case
    dispute = policy.get_dispute(access, dispute_id, purpose=purpose, action=action)
    if not policy.may_answer_dispute(request.user, dispute, access.relation):
        raise access.refuse(
            reason="not the source organisation",
            object_type="dispute",
            object_id=dispute.public_id,
            action=action,
            purpose=purpose,
        )
    form = AnswerForm(request.POST or None, initial={"version": dispute.version})
    if request.method == "POST" and form.is_valid():
        try:
            disputes.answer_dispute(
                case=case,
                dispute=dispute,
                state=form.cleaned_data["state"],
                answer=form.cleaned_data["answer"],
                new_text=form.cleaned_data["new_text"],
                version=form.cleaned_data["version"],
                actor=access.actor,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Uw antwoord is vastgelegd."))
            return redirect("web:case_household", case.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "privacy/dispute_answer.html",
        {"case": case, "dispute": dispute, "item": dispute.item, "item_text": _text_of(dispute.item), "form": form},
        status=status,
    )
