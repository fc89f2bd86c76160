"""The guide's rules (ineen.guide.rules): phase decisions, scaling scores, top 3s. Pure functions."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from ineen.conferences.enums import PhaseDecisionKind as D
from ineen.guide.enums import Phase, Scale, Top3Kind
from ineen.guide.rules import (
    allowed_phase_decisions,
    guide_top3_for_phase,
    next_phase,
    scale_for_phase,
    score_distribution,
    top3_for_phase,
    validate_phase_decision,
    validate_score,
    validate_top3,
)

P1, P2, P3 = Phase.IMMEDIATE_SAFETY, Phase.STABLE_SAFETY, Phase.RECOVERY

# Every (from, decision, to) the guide allows, with the phase the household is in afterwards.
ALLOWED = {
    (P1, D.STAY, ""): P1,
    (P1, D.STAY, P1): P1,
    (P1, D.FORWARD, P2): P2,
    (P2, D.BACK, P1): P1,
    (P2, D.STAY, ""): P2,
    (P2, D.STAY, P2): P2,
    (P2, D.FORWARD, P3): P3,
    (P3, D.BACK, P1): P1,
    (P3, D.BACK, P2): P2,
    (P3, D.STAY, ""): P3,
    (P3, D.STAY, P3): P3,
    (P3, D.CLOSE, ""): "",
}


def test_allowed_phase_decisions():
    assert allowed_phase_decisions(P1) == {D.STAY: (P1,), D.FORWARD: (P2,)}
    assert allowed_phase_decisions(P2) == {D.BACK: (P1,), D.STAY: (P2,), D.FORWARD: (P3,)}
    assert allowed_phase_decisions(P3) == {D.BACK: (P1, P2), D.STAY: (P3,), D.CLOSE: ()}
    assert allowed_phase_decisions("recovery") == allowed_phase_decisions(P3)


@pytest.mark.parametrize(
    "from_phase,decision,to_phase", list(itertools.product([P1, P2, P3], list(D), ["", P1, P2, P3]))
)
def test_every_phase_transition(from_phase, decision, to_phase):
    key = (from_phase, decision, to_phase)
    if key in ALLOWED:
        assert (
            validate_phase_decision(
                from_phase,
                decision,
                to_phase,
                "Bodemeisen worden nagekomen.",
                closure_plan="Bij nieuwe zorgen belt de wijkagent het ZVH.",
            )
            == ALLOWED[key]
        )
    else:
        with pytest.raises(ValidationError) as exc:
            validate_phase_decision(from_phase, decision, to_phase, "Een reden.", closure_plan="Een plan.")
        assert set(exc.value.message_dict) <= {"decision", "to_phase"}


def test_allowed_table_matches_allowed_phase_decisions():
    for from_phase, decision, to_phase in ALLOWED:
        targets = allowed_phase_decisions(from_phase)[decision]
        assert to_phase in targets or (to_phase == "" and decision in (D.STAY, D.CLOSE))


def test_reason_is_required():
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError) as exc:
            validate_phase_decision(P1, D.STAY, "", reason)
        assert exc.value.message_dict == {"reason": ["Geef de reden voor dit fasebesluit."]}


def test_clear_dutch_messages():
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P1, D.BACK, "", "reden")
    assert exc.value.message_dict["decision"] == ["Directe veiligheid is de eerste fase: terug kan hier niet."]
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P3, D.FORWARD, "", "reden")
    assert "laatste fase" in exc.value.message_dict["decision"][0]
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P2, D.CLOSE, "", "reden", closure_plan="plan")
    assert "alleen vanuit de fase herstelgerichte zorg" in exc.value.message_dict["decision"][0]
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P3, D.BACK, "", "reden")
    assert exc.value.message_dict["to_phase"] == [
        "Kies naar welke fase het gezin gaat: directe veiligheid of risicogestuurde zorg."
    ]
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P2, D.BACK, P3, "reden")
    assert exc.value.message_dict["to_phase"] == [
        "Vanuit risicogestuurde zorg kan het gezin alleen terug naar directe veiligheid."
    ]
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P1, D.FORWARD, P3, "reden")
    assert exc.value.message_dict["to_phase"] == [
        "Vanuit directe veiligheid gaat het gezin door naar risicogestuurde zorg."
    ]


def test_close_requires_a_closure_plan():
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P3, D.CLOSE, "", "Herstel is bereikt.", closure_plan="  ")
    assert list(exc.value.message_dict) == ["closure_plan"]
    assert "wat is het plan voor als het later toch weer niet goed gaat?" in exc.value.messages[0]
    assert validate_phase_decision(P3, D.CLOSE, "", "Herstel is bereikt.", closure_plan="Terugvalplan") == ""


def test_all_errors_at_once_and_unknown_values():
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P3, D.CLOSE, "", "", closure_plan="")
    assert set(exc.value.message_dict) == {"reason", "closure_plan"}
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision("phase_4", D.STAY, "", "reden")
    assert "from_phase" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P1, "jump", "", "reden")
    assert "decision" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        validate_phase_decision(P1, D.FORWARD, "phase_4", "reden")
    assert exc.value.message_dict["to_phase"] == ["Onbekende fase."]


def test_next_phase():
    assert [next_phase(p) for p in (P1, P2, P3)] == [P2, P3, None]


# Scaling scores -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 5, 10, "7", " 3 "])
def test_valid_scores(value):
    expected = (int(str(value).strip()), "Er is een contactverbod.")
    assert validate_score(value, "  Er is een contactverbod.  ") == expected


@pytest.mark.parametrize("value", [0, 11, -1, 5.5, "5.5", "", None, True, "zeven"])
def test_invalid_scores(value):
    with pytest.raises(ValidationError) as exc:
        validate_score(value, "onderbouwing")
    assert list(exc.value.message_dict) == ["value"]


@pytest.mark.parametrize("justification", ["", "   ", None])
def test_a_score_needs_its_justification(justification):
    with pytest.raises(ValidationError) as exc:
        validate_score(6, justification)
    assert exc.value.message_dict["justification"][0].startswith("Wat is de onderbouwing voor het cijfer?")


def test_distribution_of_no_scores_is_none():
    assert score_distribution([]) is None
    assert score_distribution({}) is None


def test_distribution_of_one_score():
    d = score_distribution([7])
    assert (d.count, d.lowest, d.highest, d.median, d.spread, d.outliers) == (1, 7, 7, 7, 0, ())


def test_distribution_of_two_scores_has_no_outliers():
    d = score_distribution({"politie": 2, "veilig thuis": 9})
    assert (d.lowest, d.highest, d.median, d.spread, d.outliers) == (2, 9, 5.5, 7, ())


def test_distribution_names_who_is_far_from_the_rest():
    d = score_distribution({"politie": 8, "veilig thuis": 7, "wijkteam": 7, "reclassering": 8, "ggz": 3})
    assert (d.count, d.lowest, d.highest, d.median, d.spread) == (5, 3, 8, 7, 5)
    assert d.outliers == ("ggz",)


def test_distribution_outlier_boundary_and_positions():
    # median 5: 2 and 8 are exactly 3 away (outliers), 3 and 7 are 2 away (not)
    assert score_distribution([2, 5, 5, 8]).outliers == (0, 3)
    assert score_distribution([3, 5, 5, 7]).outliers == ()
    assert score_distribution([4, 5, 6, 7]).median == 5.5
    assert score_distribution([6, 6, 6]).spread == 0


# Top 3 --------------------------------------------------------------------------------------------


def test_valid_top3_forms():
    assert validate_top3(["Drankgebruik vader", " Schulden "]) == [(1, "Drankgebruik vader"), (2, "Schulden")]
    assert validate_top3([(3, "c"), (1, "a"), (2, "b")]) == [(1, "a"), (2, "b"), (3, "c")]
    assert validate_top3([{"rank": 2, "text": "Isolement"}]) == [(2, "Isolement")]


@pytest.mark.parametrize(
    "items,fragment",
    [
        ([], "minstens één"),
        (["a", "b", "c", "d"], "hoogstens drie"),
        (["a", "  "], "niet leeg"),
        ([(1, "a"), (2, None)], "niet leeg"),
        (["Schulden", "schulden  "], "meer dan één keer in de top 3"),
        ([(1, "a"), (1, "b")], "Plaats 1 is meer dan één keer gekozen."),
        ([(0, "a")], "1, 2 of 3"),
        ([(4, "a")], "1, 2 of 3"),
        ([("1", "a")], "1, 2 of 3"),
    ],
)
def test_invalid_top3(items, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_top3(items)
    assert any(fragment in message for message in exc.value.message_dict["items"])


# Per phase ----------------------------------------------------------------------------------------


def test_scale_and_top3_per_phase():
    assert [scale_for_phase(p) for p in (P1, P2, P3)] == [
        Scale.IMMEDIATE_SAFETY,
        Scale.STABLE_SAFETY,
        Scale.QUALITY_OF_LIFE,
    ]
    assert [guide_top3_for_phase(p) for p in (P1, P2, P3)] == [Top3Kind.INCIDENTS, Top3Kind.RISKS, Top3Kind.RECOVERY]
    assert [top3_for_phase(p) for p in (P1, P2, P3)] == [Top3Kind.WORRIES, Top3Kind.RISKS, Top3Kind.RECOVERY]
    with pytest.raises(ValueError):
        scale_for_phase("phase_4")
