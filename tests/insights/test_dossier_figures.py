"""The dossier analysis against a hand-computed fixture (tests/insights/dossier_fixture.py) and against the
plain-Python reference (QUALITY, "Analytics")."""

import datetime

import pytest

from ineen.insights import dossier, dossier_reference, dossier_table
from ineen.insights.dossier import Selection

from .dossier_fixture import build

pytestmark = pytest.mark.django_db

# Derivations, households A-F (dossier_fixture.HOUSEHOLDS):
# life domains with concerns: A4 B6 C4 D5 E4 F1 = 24 -> min 1, max 6, mean 4.0 (A's "crime" has no concern);
#   work A-F 6; finances ABCDE 5; housing ABCD 4; parenting ABDE 4; social_network BE 2; crime BD 2; mental_health C 1.
# violence: physical ABCDE 5; emotional ACDF 4; stalking AC 2; witness B 1.
# measures: criminal ABCDE 5, civil AD 2; probation AE 2, contact_ban AD 2, prison B, area_ban C,
#   supervision A, guardianship D.
# organisations present (T only at the triage-kind conference, R absent at A's first): P V O G X R = 6;
#   households per org P5 V5 O3 G1 X1 R1 -> 3 in one household only;
#   per household A{PVOG}4 B{PVO}3 C{PVX}3 D{PVOR}4 E{PV}2 = 16/5 = 3.2; first 3,3,3,4,2 = 15/5 = 3.0;
#   last A{VG}2 B{PO}2 C{PX}2 D{V}1 E{V}1 = 8/5 = 1.6.
# held conferences A3 B2 C2 D2 E2 = 11 -> mean 2.2; days first-last A90 B18 C30 D1 E7 = 146/5 = 29.2.
# agreements (no carried-over copies, none between meetings or at cancelled/planned/triage conferences): 18;
#   information/professionals 7, action/professionals 5, action/family 3, information/family 1,
#   new meeting/family 1, new meeting/professionals 1; with a reason 5.
# clients (conference, member) invited: A4 B2 C2 E1 = 9; present A2 B2 C1 E1 = 6; conferences with a client
#   present 6 of 11; households A B C E = 4.
# times (days): referral-triage A3 B4 C1 D1 E2 F5 -> sorted 1 1 2 3 4 5, median 2.5, mean 16/6 = 2.7;
#   triage-conference A7 B15 C11 D24 E1 -> median 11, mean 58/5 = 11.6;
#   referral-conference A10 B19 C12 D25 E3 -> median 12, mean 69/5 = 13.8 (F has no conference).
# phase at the last conference: A stable, B immediate, C stable, D immediate, E recovery.
# decisions: forward A1 A3 B2 C1 D2 = 5, stay A2 B1 E1 = 3, back D1, close E2; moves imm>sta A1 B2 C1 D2 = 4,
#   sta>rec A3 = 1, sta>imm D1 = 1.
EXPECTED = {
    "households": 6,
    "cases": 6,
    "domains_per_household": {"n": 6, "min": 1, "max": 6, "mean": 4.0},
    "life_domains": {
        "work": 6,
        "leisure": 0,
        "finances": 5,
        "housing": 4,
        "parenting": 4,
        "social_network": 2,
        "crime": 2,
        "mental_health": 1,
        "intellectual_disability": 0,
        "health": 0,
        "education": 0,
        "addiction": 0,
        "romantic_relationships": 0,
        "intergenerational": 0,
    },
    "violence_types": {
        "physical": 5,
        "emotional": 4,
        "witness": 1,
        "stalking": 2,
        "sexual": 0,
        "threat": 0,
        "neglect": 0,
        "honour_related": 0,
        "child_to_parent": 0,
        "child_abduction": 0,
        "other": 0,
    },
    "measure_categories": {"criminal": 5, "civil": 2, "administrative": 0},
    "measure_kinds": {
        "probation_supervision": 2,
        "contact_ban": 2,
        "area_ban": 1,
        "prison": 1,
        "community_service": 0,
        "forensic_admission": 0,
        "isd": 0,
        "special_conditions": 0,
        "supervision_order": 1,
        "out_of_home": 0,
        "guardianship": 1,
        "custody": 0,
        "restraining_order": 0,
        "contact_arrangement": 0,
        "compulsory_mental_health_care": 0,
        "benefit_withdrawal": 0,
        "other": 0,
    },
    "organisations": {
        "total": 6,
        "one_household": 3,
        "per_household": {"n": 5, "min": 2, "max": 4, "mean": 3.2},
        "first": {"n": 5, "min": 2, "max": 4, "mean": 3.0},
        "last": {"n": 5, "min": 1, "max": 2, "mean": 1.6},
    },
    "conferences": {"total": 11, "n": 5, "min": 2, "max": 3, "mean": 2.2},
    "days_first_last": {"n": 5, "min": 1.0, "max": 90.0, "mean": 29.2},
    "agreements": {
        "total": 18,
        "with_reason": 5,
        "cells": {
            "information_exchange:professionals": 7,
            "action:professionals": 5,
            "new_meeting:professionals": 1,
            "information_exchange:family": 1,
            "action:family": 3,
            "new_meeting:family": 1,
        },
    },
    "clients": {
        "invited": 9,
        "present": 6,
        "conferences": 11,
        "conferences_with_client": 6,
        "households_with_client": 4,
    },
    "timing": {
        "referral_triage": {"n": 6, "min": 1.0, "max": 5.0, "mean": 2.7, "median": 2.5},
        "triage_conference": {"n": 5, "min": 1.0, "max": 24.0, "mean": 11.6, "median": 11.0},
        "referral_conference": {"n": 5, "min": 3.0, "max": 25.0, "mean": 13.8, "median": 12.0},
    },
    "phases": {"immediate_safety": 2, "stable_safety": 2, "recovery": 1},
    "movements": {
        "decisions": {"stay": 3, "forward": 5, "back": 1, "close": 1},
        "moves": {
            "immediate_safety>stable_safety": 4,
            "immediate_safety>recovery": 0,
            "stable_safety>immediate_safety": 1,
            "stable_safety>recovery": 1,
            "recovery>immediate_safety": 0,
            "recovery>stable_safety": 0,
        },
    },
}


@pytest.fixture
def analysed(cast):  # the cast's own case in another house must not count
    return build()


def test_figures_equal_the_hand_computed_ones(analysed):
    house, _chair = analysed
    assert dossier.compute(Selection(house.pk)) == EXPECTED


def test_sql_equals_the_plain_python_reference(analysed):
    house, _chair = analysed
    for selection in (
        Selection(house.pk),
        Selection(house.pk, start=datetime.date(2026, 3, 5)),
        Selection(house.pk, route="mda"),
    ):
        assert dossier.compute(selection) == dossier_reference.compute(selection)


def test_period_and_route_select_cases(analysed):
    house, _chair = analysed
    # Referred on day 0 or 1 (A, B); no held conference by then: two households, no figures.
    early = Selection(house.pk, end=datetime.date(2026, 3, 3))
    assert dossier.compute(early) == {"households": 2}
    # From day 20 (22 March): nobody referred then; a held conference in it: A (40, 100), B (20, 38), C (45),
    # D (30, 31), not E (9, 16) nor F (none): four households, too few to show.
    assert dossier.compute(Selection(house.pk, start=datetime.date(2026, 3, 22))) == {"households": 4}
    # From day 9 (11 March): E's conferences too; F (referred day 7) not: five.
    assert dossier.compute(Selection(house.pk, start=datetime.date(2026, 3, 11)))["households"] == 5
    assert dossier.compute(Selection(house.pk, route="regular")) == {"households": 1}
    assert dossier.compute(Selection(house.pk, route="mda"))["households"] == 5


def test_small_cells_are_suppressed(analysed):
    house, _chair = analysed
    tables = {t.key: t for t in dossier_table.tables(dossier.compute(Selection(house.pk)))}
    rows = {r.key: r.cells for r in tables["life_domains"].rows}
    assert rows["work"] == ["6", "100.0%"]
    assert rows["finances"] == ["5", "83.3%"]
    assert rows["housing"] == ["<5", "—"]
    assert rows["leisure"] == ["<5", "—"]
    agreements = {r.key: r.cells for r in tables["agreements"].rows}
    assert agreements["total"] == ["18", "—"]
    assert agreements["information_exchange:professionals"] == ["7", "38.9%"]
    assert agreements["action:professionals"] == ["5", "27.8%"]
    assert agreements["action:family"] == ["<5", "—"]  # a cell of 3
    summary = {r.key: r.cells for r in tables["agreements_summary"].rows}
    assert summary["with_reason"] == ["5", "27.8%"]
    assert summary["towards_family"] == ["5", "27.8%"]
    assert summary["towards_professionals"] == ["13", "72.2%"]
    assert summary["per_conference"] == ["1.6", "—"]
    timing = {r.key: r.cells for r in tables["timing"].rows}
    assert timing["referral_triage"] == ["6", "2.5", "1.0", "5.0"]
    assert timing["triage_conference"] == ["5", "11.0", "1.0", "24.0"]
    orgs = {r.key: r.cells for r in tables["organisations"].rows}
    assert orgs["total"] == ["6"]
    assert orgs["one_household"] == ["<5"]
    assert orgs["one_household_share"] == ["—"]
    assert orgs["first_mean"] == ["3.0"]
    assert orgs["last_mean"] == ["1.6"]
    clients = {r.key: r.cells for r in tables["clients"].rows}
    assert clients["present"] == ["6", "66.7%"]
    assert clients["households_with_client"] == ["<5", "—"]


def test_too_few_households_show_no_tables(analysed):
    house, _chair = analysed
    assert dossier_table.tables(dossier.compute(Selection(house.pk, route="regular"))) == []
