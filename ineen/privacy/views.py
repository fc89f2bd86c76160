"""Privacy views: consent registry, confidential addresses, transparency to clients, emergency access."""

from allauth.account.internal.flows.reauthentication import is_reauthentication_required
from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ineen.access import policy
from ineen.accounts.enums import Role
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.cases.models import Case
from ineen.privacy import actions
from ineen.privacy.transparency import client_access_log, shared_about, who_looked

from . import emergency
from .forms import (
    BreakGlassForm,
    BreakGlassReviewForm,
    ConfidentialAddressForm,
    ConfidentialAddressRemoveForm,
    ConsentForm,
)
from .models import BreakGlassAccess, ConfidentialAddress, Consent


def _require_recent_login(request):
    """Re-authentication before sensitive steps (reveal an address, exports, role changes)."""
    if is_reauthentication_required(request, app=""):
        raise ReauthenticationRequired()


def _person(access, person_id):
    return access.related(access.household.members, public_id=person_id, purpose="gezinslid")


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_manage_privacy (chair or case director); POST: may_change_privacy (not closed)")
def privacy_overview(request, public_id):
    access = policy.get_case(
        request,
        public_id,
        purpose="privacybeheer",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_change_privacy if request.method == "POST" else policy.may_manage_privacy,
    )
    case, _rel = access.case, access.relation
    form = ConsentForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        actions.record_consent(case=case, actor=access.actor, **form.cleaned_data)
        messages.success(request, _("De toestemming is vastgelegd."))
        return redirect("privacy:overview", case.public_id)
    # Members (and their consents) as seen through this case: never one added through a later case.
    shown = policy.household_records(case, case.household.members.all())
    consents = Consent.objects.filter(person__in=shown).select_related("person", "organisation", "recorded_by")
    members = list(
        policy.with_guardianship(request.user, shown).annotate(
            has_record=Exists(ConfidentialAddress.objects.filter(person=OuterRef("pk")))
        )
    )
    for member in members:
        member.protected = member.has_confidential_address or member.has_record
    return render(
        request,
        "privacy/overview.html",
        {
            "case": case,
            "form": form,
            "consents": consents,
            "members": members,
            "today": timezone.localdate(),
            "may_change": policy.may_change_privacy(request.user, case, _rel),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
@policy.access_rule("get_case + may_change_privacy (chair or case director; not a closed case)")
def consent_withdraw(request, public_id, consent_id):
    access = policy.get_case(
        request, public_id, purpose="toestemming", action=Action.UPDATE, allow=policy.may_change_privacy
    )
    case, _rel = access.case, access.relation
    consent = access.related(Consent, public_id=consent_id, purpose="toestemming", action=Action.UPDATE)
    try:
        actions.withdraw_consent(case=case, consent=consent, actor=access.actor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "De toestemming is ingetrokken. Informatie op grond van deze toestemming is "
                "vanaf nu niet meer zichtbaar voor anderen."
            ),
        )
    return redirect("privacy:overview", case.public_id)


def _not_a_guardian(access, person, action, purpose):
    return access.refuse(
        reason="not a guardian",
        object_type="confidential_address",
        object_id=person.public_id,
        action=action,
        purpose=purpose,
        person_ids=[person.public_id],
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_change_address (guardians once recorded; else chair or case director); reauth")
def confidential_address_edit(request, public_id, person_id):
    action = Action.UPDATE if request.method == "POST" else Action.VIEW
    access = policy.get_case(request, public_id, purpose="geheim adres", action=action)
    case, relation = access.case, access.relation
    person = _person(access, person_id)
    if not policy.may_change_address(request.user, case, person, relation):
        raise _not_a_guardian(access, person, action, "geheim adres")
    _require_recent_login(request)
    existing = ConfidentialAddress.objects.filter(person=person).first()
    form = ConfidentialAddressForm(request.POST or None, case=case, existing=existing, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.set_confidential_address(case=case, person=person, actor=access.actor, **form.cleaned_data)
        messages.success(request, _("Het geheime adres is opgeslagen. Alleen de bewakers kunnen het zien."))
        return redirect("web:case_household", case.public_id)
    return _address_page(request, case, person, form, existing, ConfidentialAddressRemoveForm())


def _address_page(request, case, person, form, existing, remove_form):
    return render(
        request,
        "privacy/address_form.html",
        {"case": case, "person": person, "form": form, "existing": existing, "remove_form": remove_form},
        status=400 if form.errors or remove_form.errors else 200,
    )


@require_POST
@login_required
@policy.access_rule("get_case + is_guardian (never a role); re-authentication; a reason")
def confidential_address_remove(request, public_id, person_id):
    """Lift the protection: a guardian, with a reason. The address record is deleted."""
    access = policy.get_case(request, public_id, purpose="geheim adres opheffen", action=Action.DELETE)
    case, relation = access.case, access.relation
    person = _person(access, person_id)
    existing = ConfidentialAddress.objects.filter(person=person).first()
    if existing is None or not policy.may_change_address(request.user, case, person, relation):
        raise _not_a_guardian(access, person, Action.DELETE, "geheim adres opheffen")
    _require_recent_login(request)
    remove_form = ConfidentialAddressRemoveForm(request.POST)
    if not remove_form.is_valid():
        form = ConfidentialAddressForm(case=case, existing=existing, user=request.user)
        return _address_page(request, case, person, form, existing, remove_form)
    actions.remove_confidential_protection(
        case=case, person=person, reason=remove_form.cleaned_data["reason"], actor=access.actor
    )
    messages.success(request, _("De bescherming is opgeheven en het geheime adres is verwijderd."))
    return redirect("web:case_household", case.public_id)


@require_GET
@login_required
@policy.access_rule("get_case + is_guardian; re-authentication")
def confidential_address_reveal(request, public_id, person_id):
    access = policy.get_case(request, public_id, purpose="geheim adres tonen")
    case, relation = access.case, access.relation
    person = _person(access, person_id)
    if relation == policy.BREAK_GLASS or not policy.is_guardian(request.user, person):
        raise _not_a_guardian(access, person, Action.VIEW, "geheim adres tonen")
    _require_recent_login(request)
    address = actions.reveal_confidential_address(case=case, person=person, actor=access.actor)
    return render(request, "privacy/address_reveal.html", {"case": case, "person": person, "address": address})


@require_GET
@login_required
@policy.access_rule("get_case + may_manage_privacy (chair or case director)")
def transparency(request, public_id, person_id):
    """For the client: what was shared about them with whom on which basis, and who looked."""
    access = policy.get_case(request, public_id, purpose="transparantie cliënt", allow=policy.may_manage_privacy)
    case, _rel = access.case, access.relation
    person = _person(access, person_id)
    return render(
        request,
        "privacy/transparency.html",
        {
            "case": case,
            "person": person,
            "shared": shared_about(case, person),
            "looked": who_looked(case, person),
            "own_access": client_access_log(case, person),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("authenticated; may_break_glass decides; daily limits; every attempt audited")
def break_glass(request):
    blocked = emergency.blocked(request.user)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and blocked:
        # Blocked: the reference is not even looked up, so the form is no oracle for guessing.
        actions.refuse_break_glass(
            actor=policy.Actor.from_request(request), reference=request.POST.get("reference", ""), kind="limit"
        )
        form.add_error(None, emergency.blocked_message())
    elif request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"].strip().upper()
        case = Case.objects.select_related("safety_house", "household").filter(reference=reference).first()
        if case is None or not policy.may_break_glass(request.user, case) or policy.case_relation(request.user, case):
            # The same answer whether the case does not exist or may not be opened: nothing leaks.
            actions.refuse_break_glass(actor=policy.Actor.from_request(request), reference=reference, kind="refused")
            form.add_error(
                "reference",
                _(
                    "Voor dit kenmerk kunt u geen noodtoegang krijgen. Zit u al in het "
                    "casusteam? Open de casus dan gewoon via Casussen."
                ),
            )
        else:
            try:
                actions.break_glass(
                    case=case,
                    actor=policy.Actor.from_request(request, role=policy.BREAK_GLASS),
                    reason_code=form.cleaned_data["reason_code"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)  # per field when the action names one
            else:
                messages.warning(
                    request,
                    _(
                        "Noodtoegang voor %(hours)s uur. De procesregisseur en de "
                        "privacyfunctionaris zijn op de hoogte gebracht."
                    )
                    % {"hours": actions.BREAK_GLASS_HOURS},
                )
                return redirect("web:case_detail", case.public_id)
    return render(
        request,
        "privacy/break_glass.html",
        {
            "form": form,
            "blocked": blocked and request.method == "GET",
            "blocked_message": emergency.blocked_message(),
            "per_day": settings.INEEN_BREAK_GLASS_PER_DAY,
        },
        status=400 if form.errors else 200,
    )


def _report_houses(request):
    houses = policy.houses_with_role(request.user, [Role.CHAIR, Role.PRIVACY_OFFICER])
    if not houses:
        raise policy.NotVisible(
            action=Action.LIST, subject=Subject("break_glass_list"), purpose="rapportage noodtoegang", reason="no role"
        )
    return houses


def _review_ids(grant):
    return f"review-{grant.public_id}-%s"  # one form per row: ids must differ


def _report_page(request, houses, *, failed=None, failed_form=None):
    overview = emergency.review_list(houses)
    events.record(
        actor=policy.Actor.from_request(request),
        action=Action.LIST,
        purpose="rapportage noodtoegang",
        subject=Subject("break_glass_list"),
        detail=",".join(g.case.reference for g in overview.grants)[:500],
    )
    chaired = set(policy.houses_with_role(request.user, [Role.CHAIR]))
    for grant in overview.grants:
        grant.may_review = grant.case.safety_house_id in chaired and grant.user_id != request.user.pk
        failed_here = failed is not None and grant.pk == failed.pk
        grant.form = failed_form if failed_here else BreakGlassReviewForm(auto_id=_review_ids(grant))
    return render(
        request,
        "privacy/break_glass_report.html",
        {"overview": overview, "grants": overview.grants, "now": timezone.now(), "failed": failed},
        status=400 if failed is not None else 200,
    )


@require_GET
@login_required
@policy.access_rule("chair or privacy officer of the safety house (the privacy officer reads, the chair reviews)")
def break_glass_report(request):
    return _report_page(request, _report_houses(request))


@require_POST
@login_required
@policy.access_rule("chair of the case's safety house, not the user who broke the glass")
def break_glass_review(request, grant_id):
    chaired = policy.houses_with_role(request.user, [Role.CHAIR])
    grant = (
        BreakGlassAccess.objects.select_related("case__household", "case__safety_house")
        .filter(public_id=grant_id, case__safety_house_id__in=chaired)
        .exclude(user=request.user)
        .first()
    )
    if grant is None:
        raise policy.NotVisible(
            action=Action.UPDATE,
            subject=Subject("break_glass", str(grant_id)),
            purpose="beoordeling noodtoegang",
            reason="not the chair of its house",
        )
    form = BreakGlassReviewForm(request.POST, auto_id=_review_ids(grant))
    if form.is_valid():
        try:
            actions.review_break_glass(
                grant=grant, actor=policy.Actor.from_request(request, role="chair"), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het oordeel is vastgelegd."))
            return redirect("privacy:break_glass_report")
    return _report_page(request, _report_houses(request), failed=grant, failed_form=form)
