"""Attachments (bijlagen) of a case: add, download, remove. The file rules are in cases/attachments.py;
who may read which file is the access policy's (policy.get_attachment: the item rules of notes)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ineen.access import policy
from ineen.audit import events
from ineen.audit.models import Action
from ineen.cases import actions
from ineen.cases.attachments import Refused, storage, stored_digest
from ineen.web import forms

log = logging.getLogger(__name__)


def _back(case):
    return reverse("web:case_attachments", args=[case.public_id])


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_edit_household (chair or active team member)")
def attachment_add(request, public_id):
    case, _relation = policy.get_case(
        request,
        public_id,
        purpose="bijlage",
        action=Action.CREATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_edit_household,
    )
    form = forms.AttachmentForm(
        request.POST or None,
        request.FILES or None,
        household=case.household,
        case=case,
        too_large=bool(getattr(request, "upload_too_large", None)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_attachment(
                case=case,
                attachment=form.save(commit=False),
                upload=form.cleaned_data["upload"],
                by=request.user,
                request=request,
                concerns=form.cleaned_data["concerns"],
                shared_with=form.cleaned_data["shared_with"],
            )
        except Refused as error:
            form.add_error("upload", str(error))
        else:
            messages.success(request, _("De bijlage is opgeslagen."))
            return redirect(_back(case))
    return render(request, "web/attachment_form.html", {"case": case, "form": form}, status=400 if form.errors else 200)


@require_GET
@login_required
@policy.access_rule("get_case + get_attachment (item rules: source, visibility, consent)")
def attachment_download(request, public_id, attachment_id):
    case, relation = policy.get_case(request, public_id, purpose="bijlage")
    attachment = policy.get_attachment(request, case, attachment_id, purpose="bijlage", relation=relation)
    subject = actions.attachment_subject(attachment, list(attachment.concerns.all()))
    # The file must still be the one that was uploaded (a change on disk is refused, and logged).
    if stored_digest(attachment.file.name) != attachment.sha256:
        log.error("attachment %s: stored file missing or changed since upload", attachment.public_id)
        events.record(
            request=request,
            action=Action.VIEW,
            subject=subject,
            purpose="bijlage",
            role=relation,
            detail="integrity check failed: file missing or changed",
        )
        return render(request, "web/attachment_unavailable.html", {"case": case, "attachment": attachment}, status=409)
    events.record(
        request=request, action=Action.VIEW, subject=subject, purpose="bijlage", role=relation, detail="download"
    )
    response = FileResponse(
        storage().open(attachment.file.name, "rb"),
        as_attachment=True,
        filename=attachment.file_name,
        content_type=attachment.content_type,
    )
    # Never rendered in our origin, even if a browser ignored the download disposition.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + get_attachment + may_remove_attachment (chair, or the uploader in the team)")
def attachment_remove(request, public_id, attachment_id):
    action = Action.DELETE if request.method == "POST" else Action.VIEW
    case, relation = policy.get_case(
        request, public_id, purpose="bijlage", action=action, allow=policy.may_edit_household
    )
    attachment = policy.get_attachment(
        request, case, attachment_id, purpose="bijlage", action=action, relation=relation
    )
    if not policy.may_remove_attachment(request.user, attachment, relation):
        raise policy.NotVisible(
            action=action,
            subject=actions.attachment_subject(attachment, []),
            purpose="bijlage",
            role=relation,
            reason="relation not allowed",
        )
    form = forms.AttachmentRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.remove_attachment(
            attachment=attachment, by=request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, _("De bijlage is verwijderd."))
        return redirect(_back(case))
    return render(
        request,
        "web/attachment_remove.html",
        {"case": case, "attachment": attachment, "form": form},
        status=400 if form.errors else 200,
    )
