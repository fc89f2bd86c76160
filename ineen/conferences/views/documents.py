"""Print pages of a household member's plain-language documents (issue 11, point 4), for the chair and
the case director: they read them first, then print and hand them over. The content is the same partial a
later client portal includes; what it may show is decided in conferences/documents.py."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.audit import events
from ineen.audit.events import Subject
from ineen.audit.models import Action
from ineen.households.models import Person

from .. import documents

TITLES = {
    "uitnodiging": _("Uitnodiging"),
    "zo-gaat-het": _("Zo gaat het gesprek"),
    "eigen-versie": _("Eigen versie van de leidraad"),
    "mijn-plan": _("Mijn plan"),
}
PARTIALS = {
    "uitnodiging": "conferences/documents/_invitation.html",
    "zo-gaat-het": "conferences/documents/_how_it_goes.html",
    "eigen-versie": "conferences/documents/_own_guide.html",
    "mijn-plan": "conferences/documents/_my_plan.html",
}


def _may_print(user, conference, relation):
    return policy.may_print_client_documents(user, conference.case, relation)


@require_GET
@login_required
@policy.access_rule("get_conference + may_print_client_documents (chair or case director); person of the household")
def client_document(request, public_id, person_id, kind):
    access = policy.get_conference(
        request,
        public_id,
        purpose=documents.PURPOSE,
        allow=_may_print,
        record=False,
        related=("chair__organisation",),
    )
    conference, relation = access.conference, access.relation
    case = conference.case
    subject = Subject(
        "conference",
        str(conference.public_id),
        str(case.household.public_id),
        person_ids=[str(person_id)],
        safety_house_code=case.safety_house.code,
    )
    person = policy.household_records(case, Person.objects.filter(public_id=person_id)).first()
    if person is None or kind not in PARTIALS:
        raise policy.NotVisible(
            action=Action.VIEW,
            subject=subject,
            purpose=documents.PURPOSE,
            role=relation,
            reason="person not in this household" if person is None else "unknown document",
        )
    events.record(
        actor=access.actor,
        action=Action.VIEW,
        subject=subject,
        purpose=documents.PURPOSE,
        role=relation,
        detail=f"client document {kind}",
    )
    ctx = documents.context_for(kind, conference, person)
    missing = 0
    if kind == "mijn-plan":
        missing = sum(1 for row in [*ctx["actions"], *ctx["bottom_lines"]] if not row.wording)
    ctx.update(
        conference=conference,
        case=case,
        kind=kind,
        kinds=list(TITLES.items()),
        title=TITLES[kind],
        partial=PARTIALS[kind],
        missing_wordings=missing,
    )
    return render(request, "conferences/documents/print.html", ctx)
