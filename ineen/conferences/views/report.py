"""The conference report (verslag) for the professionals, and its plain-language version for one
household member, to print and hand over. Views load through the access policy and render what
conferences/report.py reads."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.households.models import Person

from .. import report


def _may_print_for_clients(user, conference, relation):
    return policy.may_manage_privacy(user, conference.case, relation)


@require_GET
@login_required
@policy.access_rule("get_conference (chair of the house or active team member); governed items filtered")
def report_view(request, public_id):
    conference, relation = policy.get_conference(request, public_id, purpose=report.PURPOSE, related=report.RELATED)
    return render(request, "conferences/report.html", report.professional_report(request.user, conference, relation))


@require_GET
@login_required
@policy.access_rule("get_conference + may_manage_privacy (chair or case director); person of the household")
def client_report(request, public_id, person_id):
    conference, relation = policy.get_conference(
        request,
        public_id,
        purpose=report.CLIENT_PURPOSE,
        allow=_may_print_for_clients,
        record=False,
        related=report.RELATED,
    )
    case = conference.case
    person = Person.objects.filter(household_id=case.household_id, public_id=person_id).first()
    subject = Subject(
        "conference",
        str(conference.public_id),
        str(case.household.public_id),
        person_ids=[str(person_id)],
        safety_house_code=case.safety_house.code,
    )
    if person is None:
        raise policy.NotVisible(
            action=Action.VIEW,
            subject=subject,
            purpose=report.CLIENT_PURPOSE,
            role=relation,
            reason="person not in this household",
        )
    events.record(
        request=request,
        action=Action.VIEW,
        subject=subject,
        purpose=report.CLIENT_PURPOSE,
        role=relation,
        detail="client report",
    )
    return render(request, "conferences/report_client.html", report.client_report(conference, person))
