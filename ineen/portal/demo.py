"""Demo data for client access (issue 11, point 5): the mother and the young person of casusregisseur@'s case
(the one with the preparation talks, conferences/demo.py) each have a live own access. In demo mode the links
and codes are fixed and printed by seed_demo next to the demo accounts; outside demo mode nothing is granted
(a fixed token is refused there, and a random one could never be printed again)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from ineen.cases import actions as case_actions
from ineen.cases.models import CaseNote
from ineen.conferences import demo as conferences_demo
from ineen.conferences import schedule
from ineen.conferences.enums import ConferenceKind
from ineen.guide.enums import Phase
from ineen.households.enums import Relationship
from ineen.privacy.enums import Visibility

from . import actions, content
from .models import ClientAccess

# (relationship group, token, code): tokens are 43 characters like secrets.token_urlsafe(32).
DEMO_ACCESSES = [
    ("adult", "demo-eigen-toegang-ouder-" + "a" * 18, "MAMA2345"),
    ("young", "demo-eigen-toegang-jongere-" + "b" * 16, "JONG2345"),
]


def _people(case):
    members = list(case.household.members.order_by("pk"))
    adult = next((p for p in members if p.relationship == Relationship.PARENT), None)
    children = sorted(
        (p for p in members if p.relationship in (Relationship.CHILD, Relationship.CHILD_EARLIER)),
        key=lambda p: p.birth_year or 0,
    )
    return {"adult": adult, "young": children[0] if children else None}


def seed(users):
    if not settings.DEMO_MODE:
        return
    director = users["casusregisseur"]
    case = conferences_demo._case(director)
    if case is None:
        return
    people = _people(case)
    accesses = []
    for group, token, code in DEMO_ACCESSES:
        if people[group] is not None:
            access, _t, _c = actions.grant_access(
                actor=director, case=case, person=people[group], token=token, code=code
            )
            accesses.append(access)
    if any(content.coming_conference(access) is None for access in accesses):
        _coming_meeting(case, users["procesregisseur"], [p for p in people.values() if p is not None])
    if people["adult"] is not None:
        # Something the mother may see and can say is outdated ("Klopt er iets niet?").
        case_actions.add_note(
            case=case,
            actor=director,
            concerns=[people["adult"]],
            note=CaseNote(
                text="Moeder werkt nog niet; ze zoekt werk in de zorg.",
                visibility=Visibility.CLIENT_SHAREABLE,
            ),
        )


def _coming_meeting(case, chair, people):
    """A planned conference both demo members are invited to, so their portal shows the invitation, the
    preparation and the scores. Scheduled like any other ("always invited, unless"); when the case's stalking
    asks for it, the other adults are the ones spoken with separately, with the reason recorded."""
    fields = {
        "case": case,
        "actor": chair,
        "kind": ConferenceKind.MDA,
        "phase": Phase.IMMEDIATE_SAFETY,
        "goal": "Samen kijken of de afspraken helpen, met het gezin erbij.",
        "starts_at": (timezone.now() + timedelta(days=16)).replace(hour=14, minute=0, second=0, microsecond=0),
        "location": "Zorg- en Veiligheidshuis, spreekkamer 1",
    }
    try:
        return schedule.schedule(**fields)
    except ValidationError:
        others = case.household.members.exclude(pk__in=[p.pk for p in people]).exclude(
            relationship__in=(Relationship.CHILD, Relationship.CHILD_EARLIER)
        )
        reason = "Er speelt stalking; deze ouder wordt apart gesproken."
        return schedule.schedule(**fields, not_invited={other: reason for other in others})


def printable() -> list[str]:
    """Lines for seed_demo's account list: each live demo access with its link and code."""
    if not settings.DEMO_MODE:
        return []
    base = settings.INEEN_BASE_URL.rstrip("/")
    lines = []
    for _group, token, code in DEMO_ACCESSES:
        access = ClientAccess.objects.filter(token_hash=actions.hash_token(token)).select_related("person").first()
        if access is not None and access.is_live():
            person = access.person
            lines.append(
                f"  {base}/mijn/{token}/  code {actions.show_code(code)}  — {person.first_name} {person.last_name}"
            )
    return lines
