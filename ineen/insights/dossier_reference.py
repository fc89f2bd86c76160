"""A plain-Python computation of the dossier analysis, for the tests only (QUALITY, "Analytics": the SQL
report equals a reference computation on a sample). It loads the selection's rows with simple queries and
counts in Python, following the definitions in dossier.py's docstring literally. Never used by a page: it
loops over rows."""

from collections import defaultdict
from statistics import median

from ineen.cases.models import Triage
from ineen.conferences.enums import PRESENT, PhaseDecisionKind
from ineen.conferences.models import Conference, Invitation, OrganisationPresence, PhaseDecision
from ineen.guide.enums import Phase
from ineen.households.enums import LifeDomain, MeasureCategory, MeasureKind, ViolenceType
from ineen.households.models import Incident, LegalMeasure, LifeDomainAssessment
from ineen.plans.models import PlanAction

from .dossier import AGREEMENT_CELLS, MOVES, PROBLEM, THRESHOLD, TIMINGS, Selection, held, selected_cases


def _days(delta) -> float:
    return round(delta.total_seconds() / 86400, 1)


def _dist(values: list, *, days: bool = False) -> dict:
    if not values:
        return {"n": 0, "min": None, "max": None, "mean": None}
    if days:
        seconds = [v.total_seconds() for v in values]
        return {
            "n": len(values),
            "min": _days(min(values)),
            "max": _days(max(values)),
            "mean": round(sum(seconds) / len(seconds) / 86400, 1),
        }
    return {"n": len(values), "min": min(values), "max": max(values), "mean": round(sum(values) / len(values), 2)}


def compute(selection: Selection) -> dict:
    cases = list(selected_cases(selection).values("pk", "household_id", "referral__submitted_at"))
    household_ids = {c["household_id"] for c in cases}
    result: dict = {"households": len(household_ids)}
    if len(household_ids) < THRESHOLD:
        return result
    case_ids = {c["pk"] for c in cases}

    domains = defaultdict(set)  # household -> domains with concerns
    for household_id, domain, concern in LifeDomainAssessment.objects.values_list("household_id", "domain", "concern"):
        if household_id in household_ids and concern in PROBLEM:
            domains[household_id].add(domain)
    result["domains_per_household"] = _dist([len(domains[h]) for h in household_ids])
    result["life_domains"] = {d: sum(1 for h in household_ids if d in domains[h]) for d in LifeDomain.values}

    types = defaultdict(set)
    for household_id, listed in Incident.objects.values_list("household_id", "violence_types"):
        if household_id in household_ids:
            types[household_id].update(listed)
    result["violence_types"] = {t: sum(1 for h in household_ids if t in types[h]) for t in ViolenceType.values}

    by_category, by_kind = defaultdict(set), defaultdict(set)
    for household_id, category, kind in LegalMeasure.objects.values_list("household_id", "category", "kind"):
        if household_id in household_ids:
            by_category[category].add(household_id)
            by_kind[kind].add(household_id)
    result["measure_categories"] = {c: len(by_category[c]) for c in MeasureCategory.values}
    result["measure_kinds"] = {k: len(by_kind[k]) for k in MeasureKind.values}

    conferences = list(
        held(Conference.objects.all()).values("pk", "case_id", "case__household_id", "starts_at", "phase")
    )
    conferences = [c for c in conferences if c["case_id"] in case_ids]
    conference_ids = {c["pk"] for c in conferences}
    per_household = defaultdict(list)
    for c in conferences:
        per_household[c["case__household_id"]].append(c)
    for listed in per_household.values():
        listed.sort(key=lambda c: (c["starts_at"], c["pk"]))

    present = defaultdict(set)  # conference -> organisations
    household_of = {c["pk"]: c["case__household_id"] for c in conferences}
    for conference_id, organisation_id, attendance in Invitation.objects.filter(user__isnull=False).values_list(
        "conference_id", "user__organisation_id", "attendance"
    ):
        if conference_id in conference_ids and organisation_id and attendance in PRESENT:
            present[conference_id].add(organisation_id)
    # Organisations a historical case file records as present (ineen/imports).
    for conference_id, organisation_id in OrganisationPresence.objects.values_list("conference_id", "organisation_id"):
        if conference_id in conference_ids:
            present[conference_id].add(organisation_id)
    org_households = defaultdict(set)
    for conference_id, orgs in present.items():
        for org in orgs:
            org_households[org].add(household_of[conference_id])
    with_orgs = [h for h, listed in per_household.items() if any(present[c["pk"]] for c in listed)]
    result["organisations"] = {
        "total": len(org_households),
        "one_household": sum(1 for hs in org_households.values() if len(hs) == 1),
        "per_household": _dist([len(set().union(*(present[c["pk"]] for c in per_household[h]))) for h in with_orgs]),
        "first": _dist([len(present[per_household[h][0]["pk"]]) for h in with_orgs]),
        "last": _dist([len(present[per_household[h][-1]["pk"]]) for h in with_orgs]),
    }

    counts = [len(listed) for listed in per_household.values()]
    result["conferences"] = {"total": sum(counts), **_dist(counts)}
    spans = [ls[-1]["starts_at"] - ls[0]["starts_at"] for ls in per_household.values() if len(ls) >= 2]
    result["days_first_last"] = _dist(spans, days=True)

    cells = {f"{t}:{w}": 0 for t, w in AGREEMENT_CELLS}
    total = with_reason = 0
    for conference_id, carried, action_type, towards, reason in PlanAction.objects.values_list(
        "conference_id", "carried_over_from_id", "action_type", "towards", "reason"
    ):
        if conference_id in conference_ids and carried is None:
            total += 1
            with_reason += reason != ""
            cells[f"{action_type}:{towards}"] += 1
    result["agreements"] = {"total": total, "with_reason": with_reason, "cells": cells}

    invited, attended = set(), set()
    for conference_id, person_id, attendance in Invitation.objects.filter(person__isnull=False).values_list(
        "conference_id", "person_id", "attendance"
    ):
        if conference_id in conference_ids:
            invited.add((conference_id, person_id))
            if attendance in PRESENT:
                attended.add((conference_id, person_id))
    with_client = {c for c, _p in attended}
    result["clients"] = {
        "invited": len(invited),
        "present": len(attended),
        "conferences": len(conference_ids),
        "conferences_with_client": len(with_client),
        "households_with_client": len({household_of[c] for c in with_client}),
    }

    result["cases"] = len(cases)
    triages = defaultdict(list)
    for case_id, decided_at in Triage.objects.filter(decided_at__isnull=False).values_list("case_id", "decided_at"):
        triages[case_id].append(decided_at)
    firsts = defaultdict(list)
    for c in conferences:
        firsts[c["case_id"]].append(c["starts_at"])
    spans_of = {key: [] for key in TIMINGS}
    for case in cases:
        ref = case["referral__submitted_at"]
        tri = min(triages[case["pk"]]) if triages[case["pk"]] else None
        conf = min(firsts[case["pk"]]) if firsts[case["pk"]] else None
        for key, (a, b) in {
            "referral_triage": (ref, tri),
            "triage_conference": (tri, conf),
            "referral_conference": (ref, conf),
        }.items():
            if a is not None and b is not None:
                spans_of[key].append(b - a)
    result["timing"] = {}
    for key in TIMINGS:
        values = spans_of[key]
        result["timing"][key] = {
            **_dist(values, days=True),
            "median": round(median(_days(v) for v in values), 1) if values else None,
        }

    phases = dict.fromkeys(Phase.values, 0)
    for listed in per_household.values():
        phases[listed[-1]["phase"]] += 1
    result["phases"] = phases
    movements: dict = {
        "decisions": dict.fromkeys(PhaseDecisionKind.values, 0),
        "moves": {f"{a}>{b}": 0 for a, b in MOVES},
    }
    for conference_id, decision, from_phase, to_phase in PhaseDecision.objects.values_list(
        "conference_id", "decision", "from_phase", "to_phase"
    ):
        if conference_id in conference_ids:
            movements["decisions"][decision] += 1
            if f"{from_phase}>{to_phase}" in movements["moves"]:
                movements["moves"][f"{from_phase}>{to_phase}"] += 1
    result["movements"] = movements
    return result
