"""Privacy views: consent registry, confidential addresses, transparency to clients, emergency access."""

from allauth.account.internal.flows.reauthentication import is_reauthentication_required
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ineen.access import policy
from ineen.accounts.enums import Role
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action, Outcome
from ineen.cases.models import Case
from ineen.privacy import actions
from ineen.privacy.transparency import shared_about, who_looked

from .forms import BreakGlassForm, ConfidentialAddressForm, ConsentForm
from .models import BreakGlassAccess, Consent


def _require_recent_login(request):
    """Re-authentication before sensitive steps (reveal an address, exports, role changes)."""
    if is_reauthentication_required(request, app=""):
        raise ReauthenticationRequired()


def _person(case, person_id):
    person = case.household.members.filter(public_id=person_id).first()
    if person is None:
        raise Http404
    return person


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_manage_privacy (chair or case director)")
def privacy_overview(request, public_id):
    case, _rel = policy.get_case(
        request,
        public_id,
        purpose="privacybeheer",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_manage_privacy,
    )
    form = ConsentForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        actions.record_consent(case=case, by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("De toestemming is vastgelegd."))
        return redirect("privacy:overview", case.public_id)
    consents = Consent.objects.filter(person__household=case.household).select_related(
        "person", "organisation", "recorded_by"
    )
    members = list(case.household.members.select_related("confidential_address"))
    return render(
        request,
        "privacy/overview.html",
        {
            "case": case,
            "form": form,
            "consents": consents,
            "members": members,
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
@policy.access_rule("get_case + may_manage_privacy (chair or case director)")
def consent_withdraw(request, public_id, consent_id):
    case, _rel = policy.get_case(
        request, public_id, purpose="toestemming", action=Action.UPDATE, allow=policy.may_manage_privacy
    )
    consent = Consent.objects.filter(public_id=consent_id, person__household=case.household).first()
    if consent is None:
        raise Http404
    try:
        actions.withdraw_consent(case=case, consent=consent, by=request.user, request=request)
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


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("get_case + may_manage_privacy; re-authentication")
def confidential_address_edit(request, public_id, person_id):
    case, _rel = policy.get_case(
        request,
        public_id,
        purpose="geheim adres",
        action=Action.UPDATE if request.method == "POST" else Action.VIEW,
        allow=policy.may_manage_privacy,
    )
    person = _person(case, person_id)
    existing = getattr(person, "confidential_address", None) if person.has_confidential_address else None
    if existing is not None and not policy.is_guardian(request.user, person):
        raise policy.NotVisible(
            action=Action.UPDATE,
            purpose="geheim adres",
            reason="not a guardian",
            subject=Subject(
                "confidential_address", str(person.public_id), str(case.household.public_id), [str(person.public_id)]
            ),
        )
    _require_recent_login(request)
    form = ConfidentialAddressForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        actions.set_confidential_address(
            case=case, person=person, by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Het geheime adres is opgeslagen. Alleen de bewakers kunnen het zien."))
        return redirect("privacy:overview", case.public_id)
    return render(
        request,
        "privacy/address_form.html",
        {"case": case, "person": person, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
@policy.access_rule("get_case + is_guardian; re-authentication")
def confidential_address_reveal(request, public_id, person_id):
    case, _rel = policy.get_case(request, public_id, purpose="geheim adres tonen")
    person = _person(case, person_id)
    if not policy.is_guardian(request.user, person):
        raise policy.NotVisible(
            action=Action.VIEW,
            purpose="geheim adres tonen",
            reason="not a guardian",
            subject=Subject(
                "confidential_address", str(person.public_id), str(case.household.public_id), [str(person.public_id)]
            ),
        )
    _require_recent_login(request)
    address = actions.reveal_confidential_address(case=case, person=person, by=request.user, request=request)
    return render(request, "privacy/address_reveal.html", {"case": case, "person": person, "address": address})


@require_GET
@login_required
@policy.access_rule("get_case + may_manage_privacy (chair or case director)")
def transparency(request, public_id, person_id):
    """For the client: what was shared about them with whom on which basis, and who looked."""
    case, _rel = policy.get_case(request, public_id, purpose="transparantie cliënt", allow=policy.may_manage_privacy)
    person = _person(case, person_id)
    return render(
        request,
        "privacy/transparency.html",
        {
            "case": case,
            "person": person,
            "shared": shared_about(case, person),
            "looked": who_looked(case, person),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@policy.access_rule("authenticated; may_break_glass decides; every attempt audited")
def break_glass(request):
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"].strip().upper()
        case = Case.objects.select_related("safety_house", "household").filter(reference=reference).first()
        if case is None or not policy.may_break_glass(request.user, case) or policy.case_relation(request.user, case):
            # The same answer whether the case does not exist or may not be opened: nothing leaks.
            events.record(
                request=request,
                action=Action.VIEW,
                purpose="noodtoegang",
                outcome=Outcome.DENIED,
                subject=Subject("break_glass", reference[:30]),
                detail="refused",
            )
            form.add_error(
                "reference",
                _(
                    "Voor dit kenmerk kunt u geen noodtoegang krijgen. Zit u al in het "
                    "casusteam? Open de casus dan gewoon via Casussen."
                ),
            )
        else:
            try:
                actions.break_glass(case=case, user=request.user, reason=form.cleaned_data["reason"], request=request)
            except ValidationError as error:
                for field, errs in error.message_dict.items():
                    form.add_error(field, errs)
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
    return render(request, "privacy/break_glass.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
@login_required
@policy.access_rule("chair or privacy officer of the safety house")
def break_glass_report(request):
    houses = policy.houses_with_role(request.user, [Role.CHAIR, Role.PRIVACY_OFFICER])
    if not houses:
        raise Http404
    grants = BreakGlassAccess.objects.filter(case__safety_house_id__in=houses).select_related(
        "user__organisation", "case__household"
    )[:200]
    events.record(
        request=request,
        action=Action.LIST,
        purpose="rapportage noodtoegang",
        subject=Subject("break_glass_list"),
        detail=",".join(g.case.reference for g in grants)[:500],
    )
    return render(request, "privacy/break_glass_report.html", {"grants": grants, "now": timezone.now()})
