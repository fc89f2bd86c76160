"""The guide's rules as pure functions (no database): phase decisions, scaling scores, top 3s.

Everything cites the Leidraad Gezamenlijke Analyse en Planvorming ("De handen ineen!", ZVH
Haaglanden 2022, hoofdstuk 5; restated in the brief's GUIDE.md). Validation raises Django's
ValidationError with Dutch messages (the source language of the interface) keyed by field name, so a
form can show each message next to its field; `error.messages` gives them all as a flat list.
"""

import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ineen.conferences.enums import PhaseDecisionKind

from .enums import PHASE_ORDER, PHASE_SCALE, PHASE_TOP3, Phase, Top3Kind

SCORE_MIN = 1
SCORE_MAX = 10
JUSTIFICATION_QUESTION = "Wat is de onderbouwing voor het cijfer?"
CLOSURE_PLAN_QUESTION = "Indien de casus afgesloten wordt, wat is het plan voor als het later toch weer niet goed gaat?"
# A score is an outlier when it lies at least this far from the median (see score_distribution).
OUTLIER_DISTANCE = 3
# Below this many scores there is no "rest of the group" to be far from.
OUTLIER_MIN_SCORES = 3


def _phase(value):
    try:
        return Phase(value)
    except ValueError:
        return None


def _name(phase):
    return str(Phase(phase).label).lower()


# Phases -----------------------------------------------------------------------------------------


def allowed_phase_decisions(phase):
    """The phase decisions open at the end of a conference in `phase`, each with its possible target
    phases, in display order (back, stay, forward, close).

    The guide's oordeelsvorming per phase:

    - Directe veiligheid: "Zijn er nog zorgen om de directe veiligheid of kunnen we gaan werken aan
      de risico's?" -- still worries: stay; otherwise "ga door naar de fase van risicogestuurde zorg".
      It is the first phase, so there is no way back.
    - Risicogestuurde zorg: "Zijn er opnieuw zorgen om de directe veiligheid? Zo ja, ga terug naar de
      fase van directe veiligheid." Then "Zijn er nog zorgen om de stabiele veiligheid of kunnen we
      gaan werken aan herstel?" -- stay, or on to herstelgerichte zorg.
    - Herstelgerichte zorg: "Zijn er opnieuw zorgen om de directe of stabiele veiligheid? Zo ja, ga
      terug naar de fase van directe veiligheid of risicogestuurde zorg." Then "Zijn er nog stappen
      nodig om tot herstel te komen? ... Indien nee, ga door naar besluitvorming en maak een
      afsluitingsplan" -- stay, or close (only here, and only with a closure plan).

    Stay has the phase itself as its one target; close has none.
    """
    phase = Phase(phase)
    if phase == Phase.IMMEDIATE_SAFETY:
        return {
            PhaseDecisionKind.STAY: (Phase.IMMEDIATE_SAFETY,),
            PhaseDecisionKind.FORWARD: (Phase.STABLE_SAFETY,),
        }
    if phase == Phase.STABLE_SAFETY:
        return {
            PhaseDecisionKind.BACK: (Phase.IMMEDIATE_SAFETY,),
            PhaseDecisionKind.STAY: (Phase.STABLE_SAFETY,),
            PhaseDecisionKind.FORWARD: (Phase.RECOVERY,),
        }
    return {
        PhaseDecisionKind.BACK: (Phase.IMMEDIATE_SAFETY, Phase.STABLE_SAFETY),
        PhaseDecisionKind.STAY: (Phase.RECOVERY,),
        PhaseDecisionKind.CLOSE: (),
    }


def validate_phase_decision(from_phase, decision, to_phase, reason, closure_plan=""):
    """Check a phase decision against the guide (see allowed_phase_decisions) and return the phase
    the household is in afterwards ("" after closing).

    - A reason is always required: the decision follows from the oordeelsvorming and must be traceable.
    - Forward and back must name their target phase, and it must be one the guide allows.
    - Stay keeps the phase: to_phase is empty or the same phase.
    - Close only from herstelgerichte zorg, and only with a closure plan: "Indien de casus afgesloten
      wordt, wat is het plan voor als het later toch weer niet goed gaat?"

    Raises ValidationError keyed by from_phase, decision, to_phase, reason and closure_plan.
    """
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Geef de reden voor dit fasebesluit.")
    source = _phase(from_phase)
    if source is None:
        errors["from_phase"] = _(
            "Onbekende fase: kies directe veiligheid, risicogestuurde zorg of herstelgerichte zorg."
        )
        raise ValidationError(errors)
    try:
        decision = PhaseDecisionKind(decision)
    except ValueError:
        errors["decision"] = _("Kies een fasebesluit: blijven, door, terug of afsluiten.")
        raise ValidationError(errors) from None
    allowed = allowed_phase_decisions(source)
    target = _phase(to_phase) if to_phase else None
    if to_phase and target is None:
        errors["to_phase"] = _("Onbekende fase.")
    elif decision not in allowed:
        if decision == PhaseDecisionKind.BACK:
            errors["decision"] = _("Directe veiligheid is de eerste fase: terug kan hier niet.")
        elif decision == PhaseDecisionKind.FORWARD:
            errors["decision"] = _(
                "Herstelgerichte zorg is de laatste fase: kies blijven, terug of afsluiten met een afsluitingsplan."
            )
        else:
            errors["decision"] = _("Afsluiten kan alleen vanuit de fase herstelgerichte zorg, met een afsluitingsplan.")
    elif decision in (PhaseDecisionKind.FORWARD, PhaseDecisionKind.BACK):
        options = allowed[decision]
        names = f" {_('of')} ".join(_name(p) for p in options)
        if target is None:
            errors["to_phase"] = _("Kies naar welke fase het gezin gaat: %(names)s.") % {"names": names}
        elif target not in options:
            if decision == PhaseDecisionKind.FORWARD:
                errors["to_phase"] = _("Vanuit %(from)s gaat het gezin door naar %(names)s.") % {
                    "from": _name(source),
                    "names": names,
                }
            else:
                errors["to_phase"] = _("Vanuit %(from)s kan het gezin alleen terug naar %(names)s.") % {
                    "from": _name(source),
                    "names": names,
                }
    elif decision == PhaseDecisionKind.STAY:
        if target is not None and target != source:
            errors["to_phase"] = _(
                "Bij blijven blijft het gezin in %(from)s; kies door of terug voor een andere fase."
            ) % {"from": _name(source)}
    else:  # close
        if target is not None:
            errors["to_phase"] = _("Na afsluiten is er geen volgende fase.")
        if not (closure_plan or "").strip():
            errors["closure_plan"] = _(
                "Afsluiten kan alleen met een afsluitingsplan: wat is het plan voor "
                "als het later toch weer niet goed gaat?"
            )
    if errors:
        raise ValidationError(errors)
    if decision == PhaseDecisionKind.CLOSE:
        return ""
    if decision == PhaseDecisionKind.STAY:
        return source
    return target


def next_phase(phase):
    """The phase after `phase` in gefaseerde ketenzorg, or None after herstelgerichte zorg."""
    index = PHASE_ORDER.index(Phase(phase))
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


# Scaling question -------------------------------------------------------------------------------


def scale_for_phase(phase):
    """The phase's scaling question (Signs of Safety, "op een schaal van 1-10"): directe veiligheid
    asks how worried you are about immediate safety, risicogestuurde zorg about stable safety,
    herstelgerichte zorg what the quality of life is."""
    return PHASE_SCALE[Phase(phase)]


def validate_score(value, justification):
    """A scaling score: a whole number from 1 to 10, always with its justification -- the guide's
    first sub-question under every scaling question is "Wat is de onderbouwing voor het cijfer?".
    Returns (value as int, justification stripped); raises ValidationError keyed by value and
    justification."""
    errors = {}
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None or not SCORE_MIN <= number <= SCORE_MAX:
        errors["value"] = _("Geef een cijfer: een heel getal van 1 tot en met 10.")
    text = (justification or "").strip()
    if not text:
        errors["justification"] = _("Wat is de onderbouwing voor het cijfer? Een cijfer telt alleen met onderbouwing.")
    if errors:
        raise ValidationError(errors)
    return number, text


@dataclass(frozen=True)
class ScoreDistribution:
    count: int
    lowest: int
    highest: int
    median: float | int
    spread: int
    outliers: tuple  # labels (mapping keys) or positions (plain lists) of the outlying scores


def score_distribution(values):
    """How the group's scores lie, for the moment they are revealed together: lowest, highest,
    median, spread (highest - lowest) and the outliers, so the chair can ask those far from the rest
    to explain first.

    `values` is a mapping {who: score} (outliers are then the keys) or a sequence of scores (outliers
    are then positions). Rule for outliers: with at least OUTLIER_MIN_SCORES (3) scores, a score is an
    outlier when it lies OUTLIER_DISTANCE (3) or more points from the median. With one or two scores
    there is no "rest of the group", so no outliers; the spread still shows disagreement.
    Returns None when there are no scores.
    """
    pairs = list(values.items()) if isinstance(values, Mapping) else list(enumerate(values))
    if not pairs:
        return None
    scores = [score for _label, score in pairs]
    median = statistics.median(scores)
    if float(median).is_integer():
        median = int(median)
    outliers = ()
    if len(scores) >= OUTLIER_MIN_SCORES:
        outliers = tuple(label for label, score in pairs if abs(score - median) >= OUTLIER_DISTANCE)
    return ScoreDistribution(
        count=len(scores),
        lowest=min(scores),
        highest=max(scores),
        median=median,
        spread=max(scores) - min(scores),
        outliers=outliers,
    )


# Top 3 ------------------------------------------------------------------------------------------


def top3_for_phase(phase):
    """The kind of the shared top 3 the group chooses in `phase`: directe veiligheid the biggest
    worries (Signs of Safety: "het bespreken van de belangrijkste zorgen"; the lessons of the test
    phases: individual worries first, then one joint choice), risicogestuurde zorg "Top 3 risico's",
    herstelgerichte zorg "Top 3 herstelpunten".

    Phase 1's guide item "Top 3 geweldsincidenten: eerste, ergste en laatste" is a different top 3:
    incidents marked first/worst/latest (see guide_top3_for_phase)."""
    return PHASE_TOP3[Phase(phase)]


def guide_top3_for_phase(phase):
    """The top 3 named by the guide's beeldvorming in `phase`: incidents (eerste, ergste en laatste)
    in directe veiligheid, risks in risicogestuurde zorg, recovery points in herstelgerichte zorg."""
    return {
        Phase.IMMEDIATE_SAFETY: Top3Kind.INCIDENTS,
        Phase.STABLE_SAFETY: Top3Kind.RISKS,
        Phase.RECOVERY: Top3Kind.RECOVERY,
    }[Phase(phase)]


def _normalise(text):
    return " ".join(text.split()).casefold()


def validate_top3(items):
    """A top 3 (biggest worries, "Top 3 risico's", "Top 3 herstelpunten"): one to three items, each
    with text, no item twice (compared without case and extra spaces), each with its own rank 1, 2
    or 3. The group may settle fewer than three, but never more.

    `items` holds (rank, text) pairs, dicts with "rank" and "text", or plain texts (ranked in the
    given order). Returns [(rank, text)] sorted by rank; raises ValidationError keyed by "items".
    """
    pairs = []
    for position, item in enumerate(items, start=1):
        if isinstance(item, str):
            pairs.append((position, item))
        elif isinstance(item, Mapping):
            pairs.append((item.get("rank"), item.get("text")))
        else:
            rank, text = item
            pairs.append((rank, text))
    problems = []
    if not pairs:
        problems.append(_("Kies minstens één punt voor de top 3."))
    if len(pairs) > 3:
        problems.append(_("Een top 3 heeft hoogstens drie punten."))
    ranks, texts = set(), set()
    for rank, text in pairs:
        if isinstance(rank, bool) or rank not in (1, 2, 3):
            problems.append(_("Een plaats in de top 3 is 1, 2 of 3."))
        elif rank in ranks:
            problems.append(_("Plaats %(rank)s is meer dan één keer gekozen.") % {"rank": rank})
        ranks.add(rank)
        clean = (text or "").strip() if isinstance(text, str) or text is None else None
        if not clean:
            problems.append(_("Een punt in de top 3 mag niet leeg zijn."))
        elif _normalise(clean) in texts:
            problems.append(_("'%(text)s' staat meer dan één keer in de top 3.") % {"text": clean})
        else:
            texts.add(_normalise(clean))
    if problems:
        raise ValidationError({"items": list(dict.fromkeys(problems))})
    return sorted(((rank, text.strip()) for rank, text in pairs), key=lambda pair: pair[0])
