"""Demo data for client access (issue 11, point 5): the mother and the young person of casusregisseur@'s case
(the one with the preparation talks, conferences/demo.py) each have a live own access. In demo mode the links
and codes are fixed and printed by seed_demo next to the demo accounts; outside demo mode nothing is granted
(a fixed token is refused there, and a random one could never be printed again)."""

from django.conf import settings

from ineen.cases import actions as case_actions
from ineen.cases.models import CaseNote
from ineen.conferences import demo as conferences_demo
from ineen.households.enums import Relationship
from ineen.privacy.enums import Visibility

from . import actions
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
    for group, token, code in DEMO_ACCESSES:
        if people[group] is not None:
            actions.grant_access(actor=director, case=case, person=people[group], token=token, code=code)
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
