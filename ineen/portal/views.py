"""The client's own pages under /mijn/ (issue 11, point 5). No URL here carries a person, case or item id
that decides what is shown: everything comes from the session's access (session.client_view). The code page
is the same for every token until a correct code is given, so it tells nothing about a link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ineen.access import policy
from ineen.access.actor import Actor
from ineen.audit import events
from ineen.audit.models import Action
from ineen.conferences import documents
from ineen.conferences.report import informal
from ineen.evaluations import actions as evaluation_actions
from ineen.evaluations.enums import CLIENT_KINDS, Kind
from ineen.evaluations.forms import EvaluationForm
from ineen.privacy import disputes
from ineen.privacy.enums import RaisedVia

from . import actions, content, session
from .forms import ClientDisputeForm, CodeForm

CODE = "portal: link token + code (actions.check_code; lock after 5, per-address ceiling); no professional session"
CLIENT = "portal: session.client_view (live access of this session; own person and case only; no professional)"
OPEN = "portal: no data; no professional session"


def _page(request, template, context, status=200):
    access = getattr(request, "client_access", None)
    ctx = {"informal": informal(access.person) if access else False, "access": access, **context}
    return session.no_store(render(request, template, ctx, status=status))


@require_http_methods(["GET", "POST"])
@policy.access_rule(CODE)
def code(request, token):
    if request.user.is_authenticated:
        raise session.professional_refusal(request)
    form = CodeForm(request.POST or None)
    status, notice = 200, ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            check = actions.check_code(
                token=token, code=form.cleaned_data["code"], actor=Actor.from_request(request, channel="client")
            )
            if check.ok:
                session.start(request, check.access)
                return redirect("portal:home")
            if check.locked:
                notice = _(
                    "U hebt te vaak een verkeerde code ingevuld. Wacht 15 minuten en probeer het dan opnieuw. "
                    "Lukt het niet? Bel uw casusregisseur."
                )
            elif check.ended:
                notice = _("Deze link werkt niet meer. Vraag uw casusregisseur om een nieuwe link en code.")
            else:
                form.add_error("code", _("Deze code klopt niet. Kijk goed of u alle letters en cijfers goed hebt."))
    return _page(request, "portal/code.html", {"form": form, "notice": notice}, status=status)


@require_GET
@policy.access_rule(OPEN)
def signed_out(request):
    if request.user.is_authenticated:
        raise session.professional_refusal(request)
    return _page(request, "portal/signed_out.html", {})


@require_POST
@policy.access_rule(OPEN)
def logout(request):
    if request.user.is_authenticated:
        raise session.professional_refusal(request)
    access = session.current_access(request)
    if access is not None:
        events.record(
            actor=actions.client_actor(access, origin_ip=request.META.get("REMOTE_ADDR"), path=request.path),
            action=Action.VIEW,
            subject=actions.subject(access),
            purpose=actions.PURPOSE,
            detail="uitgelogd",
        )
    session.end(request)
    return redirect("portal:signed_out")


@require_GET
@policy.access_rule(CLIENT)
@session.client_view
def home(request):
    access = request.client_access
    content.record_read(request, "start")
    coming = content.coming_conference(access)
    return _page(
        request,
        "portal/home.html",
        {
            "person": access.person,
            "next_meeting": content.next_meeting(access),
            "contact": documents.contact(access.case),
            "sections": content.sections(access, coming),
        },
    )


@require_http_methods(["GET", "POST"])
@policy.access_rule(CLIENT)
@session.client_view
def dispute(request):
    access = request.client_access
    you = informal(access.person)
    items = content.disputable_items(access)
    post = request.method == "POST"
    content.record_read(request, "klopt er iets niet: lijst", action=Action.LIST)
    form = ClientDisputeForm(request.POST or None, items=items, informal=you)
    status = 200
    if post:
        status = 400
        if form.is_valid():
            item = next(i for i in items if i.portal_key == form.cleaned_data["item"])
            try:
                disputes.raise_dispute(
                    case=access.case,
                    item=item,
                    person=access.person,
                    kind=form.cleaned_data["kind"],
                    account=form.cleaned_data["account"],
                    actor=request.client_actor,
                    via=RaisedVia.CLIENT,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("Dank je. We vragen de organisatie om het na te kijken.")
                    if you
                    else _("Dank u. We vragen de organisatie om het na te kijken."),
                )
                return redirect("portal:dispute")
    policy.attach_disputes(items)
    return _page(request, "portal/dispute.html", {"form": form, "items": items}, status=status)


@require_http_methods(["GET", "POST"])
@policy.access_rule(CLIENT)
@session.client_view
def evaluation(request):
    access = request.client_access
    conference = content.conference_to_evaluate(access)
    content.record_read(request, "evaluatie", action=Action.CREATE if request.method == "POST" else Action.VIEW)
    if conference is None:
        return _page(request, "portal/evaluation_none.html", {})
    kinds = [str(k) for k in CLIENT_KINDS]
    grouped = evaluation_actions.items(evaluation_actions.current_version(), kinds)
    form = EvaluationForm(request.POST or None, grouped=grouped)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                evaluation_actions.submit_by_client(
                    conference=conference,
                    actor=request.client_actor,
                    person=access.person,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 409
            else:
                messages.success(request, _("Dank je wel!") if informal(access.person) else _("Dank u wel!"))
                return redirect("portal:home")
    headings = [dict(Kind.choices)[kind] for kind in form.grouped]
    return _page(
        request,
        "portal/evaluation.html",
        {"form": form, "conference": conference, "sections": zip(headings, form.sections(), strict=True)},
        status=status,
    )
