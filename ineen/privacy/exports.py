"""Subject-access export (AVG article 15): everything Ineen holds about one person, as JSON or CSV.

Made for the chair or case director, who checks it and hands it to the client. Rules:
- Case content passes the same reading rule as the pages (policy.split): items the exporting
  user may not read are listed only as "there is information from <organisation>, ask them" — each
  source organisation answers for its own information (covenant) and may have to hold back
  (e.g. a running police investigation).
- Nothing about other household members: no list of members, only this person's own role in an
  incident, never another member's confidential address.
- Not even the person's own confidential address: only the flag. An export is a file; files are
  e-mailed, printed and left on kitchen tables, and a shelter address that reaches a perpetrator can
  cost a life. The person knows where they stay; the guardians can tell them what is recorded.
- Notes of a closed part of a conference (without clients) are never in it; the reason why a
  client was not invited is not either (only the fact), as it is usually about the safety of others.
"""

import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ineen.access import policy
from ineen.cases.models import Attachment, CaseNote
from ineen.households.models import Incident, LegalMeasure, LifeDomainAssessment, Strength

from . import csvsafe
from .enums import Visibility
from .models import Consent
from .transparency import shared_about, who_looked

FORMATS = ("json", "csv")


def _governance(item) -> dict:
    return {
        "id": str(item.public_id),
        "source_organisation": item.source_organisation.name,
        "basis": item.get_basis_display(),
        "basis_reason": item.basis_reason,
        "visibility": item.get_visibility_display(),
        "shared_with": (
            sorted(o.name for o in item.shared_with.all()) if item.visibility == Visibility.NAMED_ORGANISATIONS else []
        ),
        "may_be_shown_to_client": item.visibility == Visibility.CLIENT_SHAREABLE,
    }


def _split(user, queryset, label, withheld: dict):
    split = policy.split(user, queryset.prefetch_related("shared_with"))
    for organisation in split.withheld:
        withheld.setdefault((label, organisation.pk), None)
    return split.readable


def _conferences(cases, person, user, withheld):
    from ineen.conferences.enums import PartKind
    from ineen.conferences.models import ClientNotInvited, ConferenceNote, Contribution, Invitation, PreparationInput
    from ineen.conferences.youth import youth_notes_q

    invitations = [
        {
            "conference": inv.conference.get_kind_display(),
            "date": inv.conference.starts_at,
            "part": inv.part.get_kind_display(),
            "attendance": inv.get_attendance_display(),
        }
        for inv in Invitation.objects.filter(person=person, conference__case__in=cases)
        .select_related("conference", "part")
        .order_by("conference__starts_at")
    ]
    not_invited = [
        {
            "conference": n.conference.get_kind_display(),
            "date": n.conference.starts_at,
            "reason": _("De reden staat niet in deze export. Vraag de procesregisseur."),
        }
        for n in ClientNotInvited.objects.filter(person=person, conference__case__in=cases).select_related("conference")
    ]
    items = []
    for model, label in (
        (PreparationInput, _("Inbreng voor overleg")),
        (Contribution, _("Inbreng in overleg")),
        (ConferenceNote, _("Verslag van overleg")),
    ):
        queryset = model.objects.filter(conference__case__in=cases, concerns=person).distinct()
        if model is ConferenceNote:
            closed = queryset.filter(part__kind=PartKind.CLOSED).select_related("source_organisation")
            for note in closed:
                withheld.setdefault((_("Verslag van besloten overleg"), note.source_organisation_id), None)
            queryset = queryset.exclude(part__kind=PartKind.CLOSED)
            # What a young person said in their own part is theirs: not in a parent's export.
            queryset = queryset.filter(youth_notes_q(person))
        for item in _split(user, queryset.select_related("conference"), label, withheld):
            items.append(
                {
                    "kind": label,
                    "conference": item.conference.get_kind_display(),
                    "date": item.conference.starts_at,
                    "text": item.text,
                    **_governance(item),
                }
            )
    from ineen.conferences.models import PreparationTalk

    # The person's own words from their preparation talks (issue 11): theirs to see.
    talks = [
        {
            "conference": t.conference.get_kind_display(),
            "date": t.conference.starts_at,
            "coming_as": t.get_coming_as_display(),
            "wants_discussed": t.wants_discussed,
            "hopes": t.hopes,
            "message": t.message,
            "trusted_person": t.trusted_person_name,
            "language_needs": t.language_needs,
        }
        for t in PreparationTalk.objects.filter(person=person, conference__case__in=cases).select_related("conference")
    ]
    return {"invitations": invitations, "not_invited": not_invited, "preparation_talks": talks, "items": items}


def subject_access(*, case, person, user) -> dict:
    """Everything about `person` that `user` may read, from the household of `case` (see module docstring)."""
    from ineen.accounts.models import Organisation

    household = case.household
    cases = list(
        policy.cases_for_user(user).filter(household=household).select_related("safety_house").order_by("opened_at")
    )
    withheld: dict = {}
    about_person = Q(concerns=person)
    # Household records shown through the cases this user may see of the household (never through a
    # later case they are not in): docs/privacy.md, "Households with several cases".
    scope = policy.household_scope_any_q(cases)

    roles = {i.incident_id: i for i in person.incident_involvements.all()}
    incidents = _split(
        user,
        Incident.objects.filter(scope, household=household)
        .filter(about_person | Q(involvements__person=person))
        .distinct(),
        _("Incident"),
        withheld,
    )
    incident_rows = [
        {
            "date": i.date,
            "violence_types": i.violence_type_labels(),
            "description": i.description,
            "role_of_this_person": roles[i.pk].get_role_display() if i.pk in roles else "",
            **_governance(i),
        }
        for i in incidents
    ]
    domains = _split(
        user,
        LifeDomainAssessment.objects.filter(scope, household=household)
        .filter(about_person | Q(person=person))
        .distinct(),
        _("Leefgebied"),
        withheld,
    )
    strengths = _split(
        user,
        Strength.objects.filter(scope, household=household).filter(about_person | Q(person=person)).distinct(),
        _("Krachtbron"),
        withheld,
    )
    measures = _split(
        user,
        LegalMeasure.objects.filter(scope, household=household).filter(about_person | Q(person=person)).distinct(),
        _("Maatregel"),
        withheld,
    )
    notes = _split(
        user,
        CaseNote.objects.filter(case__in=cases, concerns=person).distinct().select_related("case"),
        _("Notitie"),
        withheld,
    )
    # Attachments: what the file is (title, name, kind, size), not the file itself; the professional
    # adds the files the person may have after checking them (rights of others, article 15(4)).
    files = _split(
        user,
        Attachment.objects.filter(case__in=cases, concerns=person).distinct().select_related("case"),
        _("Bijlage"),
        withheld,
    )
    consents = Consent.objects.filter(person=person).select_related("organisation").order_by("given_on", "pk")
    organisations = dict(
        Organisation.objects.filter(pk__in={org for _label, org in withheld}).values_list("pk", "name")
    )
    return {
        "export": {
            "kind": _("Inzage: alle gegevens over één persoon in Ineen"),
            "made_at": timezone.now(),
            "made_by_organisation": user.organisation.name if user.organisation else "",
            "notice": _(
                "Controleer deze export voordat u hem aan de cliënt geeft: staat er informatie over "
                "anderen in? Een geheim adres staat nooit in een export."
            ),
        },
        "person": {
            "id": str(person.public_id),
            "first_name": person.first_name,
            "last_name": person.last_name,
            "birth_year": person.birth_year,
            "position_in_household": person.get_relationship_display(),
            "living_at_home": person.living_at_home,
            "language": person.language,
            "needs_interpreter": person.needs_interpreter,
            "custody_notes": person.custody_notes,
            "household": household.name,
            "confidential_address_recorded": person.has_confidential_address,
        },
        "cases": [
            {
                "reference": c.reference,
                "safety_house": c.safety_house.name,
                "state": c.get_state_display(),
                "route": c.get_route_display(),
                "opened_at": c.opened_at,
                "closed_at": c.closed_at,
                "shared_about_this_person": shared_about(c, person),
            }
            for c in cases
        ],
        "incidents": incident_rows,
        "incident_roles": [
            {"incident_date": i.date, "role": roles[i.pk].get_role_display(), "role_code": roles[i.pk].role}
            for i in incidents
            if i.pk in roles
        ],
        "life_domains": [
            {
                "domain": d.get_domain_display(),
                "concern": d.get_concern_display(),
                "note": d.note,
                "recorded_at": d.recorded_at,
                **_governance(d),
            }
            for d in domains
        ],
        "strengths": [
            {"description": s.description, "recorded_at": s.recorded_at, **_governance(s)} for s in strengths
        ],
        "measures": [
            {
                "category": m.get_category_display(),
                "kind": m.get_kind_display(),
                "starts_on": m.starts_on,
                "ends_on": m.ends_on,
                "review_on": m.review_on,
                "note": m.note,
                **_governance(m),
            }
            for m in measures
        ],
        "notes": [
            {
                "case": n.case.reference,
                "created_at": n.created_at,
                "text": n.text,
                "health_information": n.is_health_information,
                **_governance(n),
            }
            for n in notes
        ],
        "attachments": [
            {
                "case": a.case.reference,
                "created_at": a.created_at,
                "title": a.title,
                "file_name": a.file_name,
                "content_type": a.content_type,
                "size_bytes": a.size,
                "health_information": a.is_health_information,
                **_governance(a),
            }
            for a in files
        ],
        "conferences": _conferences(cases, person, user, withheld),
        "consents": [
            {
                "organisation": c.organisation.name,
                "purpose": c.get_purpose_display(),
                "given_on": c.given_on,
                "form": c.get_form_display(),
                "note": c.note,
                "withdrawn_on": c.withdrawn_on,
            }
            for c in consents
        ],
        "who_looked": who_looked(case, person),
        "withheld": [
            {
                "kind": label,
                "source_organisation": organisations.get(org, ""),
                "what_to_do": _("Er is informatie die u niet mag inzien. Vraag de bronorganisatie."),
            }
            for label, org in sorted(withheld, key=lambda k: (str(k[0]), organisations.get(k[1], "")))
        ],
    }


def item_count(data) -> int:
    sections = ("incidents", "life_domains", "strengths", "measures", "notes", "attachments")
    return sum(len(data[k]) for k in sections) + len(data["conferences"]["items"])


def as_json(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _flatten(value, path=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple) and not value:
        yield path, ""
    elif isinstance(value, list | tuple) and any(isinstance(v, dict | list) for v in value):
        for number, inner in enumerate(value, start=1):
            yield from _flatten(inner, f"{path}[{number}]")
    elif isinstance(value, list | tuple):
        yield path, "; ".join(str(v) for v in value)
    else:
        yield path, value


def as_csv(data) -> str:
    """One row per field: `field` is a path like incidents[2].description. Formula-safe (csvsafe)."""
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(["field", "value"])
    encoder = DjangoJSONEncoder()
    for path, value in _flatten(data):
        if value is not None and not isinstance(value, str | int | float | bool):
            value = encoder.default(value)
        writer.writerow([path, value])
    return out.getvalue()
