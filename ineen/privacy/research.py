"""Pseudonymised research export: one CSV row per case of one safety house.

What makes it pseudonymous (docs/privacy.md, "Retention and rights"):
- households, cases and persons get a pseudonym made with HMAC-SHA256 and a random key that is made
  for this one export and then forgotten: stable within the export (a household with two cases, a
  person in several incidents), impossible to link between two exports or back to Ineen's ids;
- no names, no free text, no organisation names, no references: only codes (route, state, violence
  types, life domains with concern level, measure kinds, relationship) and counts;
- no calendar dates: every moment is a number of days relative to the referral date of that case
  (incidents before the referral are negative); no birth years: an age band at referral.
Household facts (members, incidents, life domains, measures) are repeated on each case row of that household:
those recorded in that case or an earlier one of the household, as its pages show them (policy.household_scope_q).
"""

import hashlib
import hmac
import io
import secrets
from collections import Counter

from django.utils import timezone

from ineen.access import policy
from ineen.cases.enums import CaseState
from ineen.cases.models import Case
from ineen.ops.replica import from_replica

from . import csvsafe

COLUMNS = [
    "household",
    "case",
    "case_number_in_household",
    "route",
    "state",
    "triage_decision",
    "day_triage_decision",
    "day_active",
    "day_closed",
    "persons",
    "children",
    "person_details",
    "risk_factors",
    "incidents",
    "violence_types",
    "day_first_incident",
    "day_last_incident",
    "incident_roles",
    "life_domains",
    "measures",
    "team_organisations",
    "director_changes",
    "conferences",
    "day_first_conference",
    "anonymised",
]
AGE_BANDS = [(0, 3), (4, 11), (12, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64)]
CHILD_BANDS = {"0-3", "4-11", "12-17"}


def age_band(birth_year, reference_year) -> str:
    if not birth_year:
        return "unknown"
    age = reference_year - birth_year
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}-{high}"
    return "65+" if age >= 65 else "unknown"


class Pseudonymiser:
    """HMAC-SHA256 with a fresh random key per export; the key is never stored or shown."""

    def __init__(self, key: bytes | None = None):
        self._key = key or secrets.token_bytes(32)

    def __call__(self, prefix: str, public_id) -> str:
        digest = hmac.new(self._key, f"{prefix}:{public_id}".encode(), hashlib.sha256).hexdigest()
        return f"{prefix}-{digest[:12]}"


def _day(moment, referral_day):
    if moment is None:
        return ""
    day = timezone.localdate(moment) if hasattr(moment, "hour") else moment
    return (day - referral_day).days


def _joined(items) -> str:
    return ";".join(items)


def _cases(house):
    return (
        Case.objects.filter(safety_house=house)
        .select_related("household__anonymisation", "referral")
        .prefetch_related(
            "household__members",
            "household__incidents__involvements",
            "household__life_domains",
            "household__measures",
            "team",
            "director_assignments",
            "state_changes",
            "triages",
            "conferences",
        )
        .order_by("household_id", "opened_at", "pk")
    )


def rows(house, pseudonym: Pseudonymiser | None = None):
    """Yield one dict per case of `house` (keys: COLUMNS)."""
    pseudonym = pseudonym or Pseudonymiser()
    number_in_household = Counter()
    cases = list(_cases(house))
    opened_at = {c.pk: c.opened_at for c in cases}  # a household's cases are all in its own house
    for case in cases:
        household = case.household
        number_in_household[household.pk] += 1
        referral_at = case.referral.submitted_at if hasattr(case, "referral") else case.opened_at
        ref = timezone.localdate(referral_at)

        def shown(records, case=case):
            # A case's row has the household facts recorded in it or in an earlier case, as on its pages.
            return [r for r in records if policy.household_record_shown(case, r, opened_at)]

        people = {p.pk: p for p in shown(household.members.all())}
        person_code = {pk: pseudonym("P", p.public_id) for pk, p in people.items()}
        bands = {pk: age_band(p.birth_year, ref.year) for pk, p in people.items()}
        decided = [t for t in case.triages.all() if t.decision]
        triage = max(decided, key=lambda t: t.decided_at or referral_at) if decided else None
        changes = list(case.state_changes.all())
        incidents = sorted(shown(household.incidents.all()), key=lambda i: i.date)
        violence = Counter(v for i in incidents for v in i.violence_types)
        conferences = sorted(c.starts_at for c in case.conferences.all())
        yield {
            "household": pseudonym("H", household.public_id),
            "case": pseudonym("C", case.public_id),
            "case_number_in_household": number_in_household[household.pk],
            "route": case.route,
            "state": case.state,
            "triage_decision": triage.decision if triage else "",
            "day_triage_decision": _day(triage.decided_at, ref) if triage else "",
            "day_active": _day(
                min((c.changed_at for c in changes if c.to_state == CaseState.ACTIVE), default=None), ref
            ),
            "day_closed": _day(case.closed_at, ref) if case.state == CaseState.CLOSED else "",
            "persons": len(people),
            "children": sum(1 for pk in people if bands[pk] in CHILD_BANDS),
            "person_details": _joined(
                f"{person_code[pk]}|{p.relationship}|{bands[pk]}|{'home' if p.living_at_home else 'away'}"
                for pk, p in people.items()
            ),
            "risk_factors": _joined(sorted(case.referral.risk_factors)) if hasattr(case, "referral") else "",
            "incidents": len(incidents),
            "violence_types": _joined(f"{kind}:{n}" for kind, n in sorted(violence.items())),
            "day_first_incident": _day(incidents[0].date, ref) if incidents else "",
            "day_last_incident": _day(incidents[-1].date, ref) if incidents else "",
            "incident_roles": _joined(
                sorted(
                    f"{person_code[inv.person_id]}:{inv.role}"
                    for i in incidents
                    for inv in i.involvements.all()
                    if inv.person_id in person_code
                )
            ),
            "life_domains": _joined(
                sorted(
                    f"{person_code.get(d.person_id, 'household')}:{d.domain}:{d.concern}"
                    for d in shown(household.life_domains.all())
                )
            ),
            "measures": _joined(
                sorted(f"{person_code.get(m.person_id, 'household')}:{m.kind}" for m in shown(household.measures.all()))
            ),
            "team_organisations": len({m.organisation_id for m in case.team.all()}),
            "director_changes": max(len(case.director_assignments.all()) - 1, 0),
            "conferences": len(conferences),
            "day_first_conference": _day(conferences[0], ref) if conferences else "",
            "anonymised": int(hasattr(household, "anonymisation")),
        }


@from_replica  # an aggregate export: may lag the primary by seconds (ineen/ops/replica.py)
def as_csv(house) -> tuple[str, int]:
    """The export as CSV text (formula-safe) and its number of rows."""
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for row in rows(house):
        writer.writerow([row[column] for column in COLUMNS])
        count += 1
    return out.getvalue(), count
