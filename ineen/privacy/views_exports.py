"""Exports: a subject-access export for one person, and the pseudonymised research export.

Both ask for a fresh password (or second factor) first, and both are audited as Action.EXPORT.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.accounts.enums import Role
from ineen.accounts.models import SafetyHouse
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.privacy import exports, research
from ineen.privacy.views import _require_recent_login


def _download(content: str, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@login_required
@policy.access_rule("get_case + may_manage_privacy (chair or case director); re-authentication; audited export")
def subject_export(request, public_id, person_id):
    case, relation = policy.get_case(request, public_id, purpose="inzageverzoek", allow=policy.may_manage_privacy)
    person = case.household.members.filter(public_id=person_id).first()
    if person is None:
        raise Http404
    fmt = request.GET.get("formaat", "json")
    if fmt not in exports.FORMATS:
        return HttpResponse(_("Kies het formaat json of csv."), status=400, content_type="text/plain; charset=utf-8")
    _require_recent_login(request)
    data = exports.subject_access(case=case, person=person, user=request.user)
    events.record(
        request=request,
        action=Action.EXPORT,
        role=relation,
        purpose="inzageverzoek",
        subject=Subject(
            "person",
            str(person.public_id),
            str(case.household.public_id),
            person_ids=[str(person.public_id)],
            safety_house_code=case.safety_house.code,
        ),
        detail=f"subject access export ({fmt}): {exports.item_count(data)} items, {len(data['withheld'])} withheld",
    )
    # No name in the file name: downloads folders and mail attachments show it.
    filename = f"inzage-{case.reference}-{str(person.public_id)[:8]}.{fmt}"
    if fmt == "csv":
        return _download(exports.as_csv(data), filename=filename, content_type="text/csv; charset=utf-8")
    return _download(exports.as_json(data), filename=filename, content_type="application/json; charset=utf-8")


@require_GET
@login_required
@policy.access_rule("researcher role in the safety house; re-authentication for the download; audited export")
def research_export(request):
    houses = SafetyHouse.objects.filter(pk__in=policy.houses_with_role(request.user, [Role.RESEARCHER])).order_by(
        "name"
    )
    if not houses:
        raise policy.NotVisible(
            action=Action.EXPORT,
            subject=Subject("research_export"),
            purpose="onderzoeksexport",
            reason="not a researcher",
        )
    code = request.GET.get("huis", "").strip()
    if not code:
        return render(request, "privacy/research_export.html", {"houses": houses})
    house = houses.filter(code=code[:20]).first()
    if house is None:
        raise policy.NotVisible(
            action=Action.EXPORT,
            subject=Subject("research_export", code[:30]),
            purpose="onderzoeksexport",
            reason="not a researcher of this house",
        )
    _require_recent_login(request)
    text, count = research.as_csv(house)
    events.record(
        request=request,
        action=Action.EXPORT,
        role=Role.RESEARCHER,
        purpose="onderzoeksexport",
        subject=Subject("research_export", house.code, safety_house_code=house.code),
        detail=f"{count} rows, pseudonymised",
    )
    filename = f"onderzoek-{house.code}-{timezone.localdate():%Y%m%d}.csv"
    return _download(text, filename=filename, content_type="text/csv; charset=utf-8")
