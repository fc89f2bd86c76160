"""The guide as loaded by the data migration: structure, wording, translation, versions, queries."""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from ineen.guide import content
from ineen.guide.enums import PHASE_ORDER, ItemKind, Phase, Scale, Step, Top3Kind
from ineen.guide.loading import check_content, flatten
from ineen.guide.models import GuideItem, GuidePhaseIntro, GuideVersion
from ineen.guide.queries import current_version, default_selection, item_by_key, items_for, phase_intro

GUIDE_MD = Path(__file__).resolve().parents[2].parent / "shared" / "brief" / "GUIDE.md"
BOB = {Step.PICTURE, Step.SCALING, Step.JUDGEMENT, Step.DECISION}
EXPECTED_TOP3 = {
    Phase.IMMEDIATE_SAFETY: Top3Kind.INCIDENTS,
    Phase.STABLE_SAFETY: Top3Kind.RISKS,
    Phase.RECOVERY: Top3Kind.RECOVERY,
}
EXPECTED_SCALE = {
    Phase.IMMEDIATE_SAFETY: Scale.IMMEDIATE_SAFETY,
    Phase.STABLE_SAFETY: Scale.STABLE_SAFETY,
    Phase.RECOVERY: Scale.QUALITY_OF_LIFE,
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return GuideVersion.objects.get(code="2022.1")


def test_content_is_sound():
    assert check_content(content.SECTIONS, content.PHASE_INTROS) == []


def test_migration_loaded_2022_1_as_current(guide):
    assert current_version() == guide
    assert guide.title == "Leidraad Gezamenlijke Analyse en Planvorming"
    assert guide.source == "De handen ineen!, ZVH Haaglanden 2022, hoofdstuk 5"
    assert guide.items.count() == len(flatten(content.SECTIONS))


@pytest.mark.parametrize("phase", PHASE_ORDER)
def test_every_phase_has_all_bob_steps_one_scale_and_its_top3(guide, phase):
    items = GuideItem.objects.filter(version=guide, phase=phase)
    assert {item.step for item in items} == BOB
    scaling = items.filter(kind=ItemKind.SCALING)
    assert [item.scale for item in scaling] == [EXPECTED_SCALE[phase]]
    assert scaling.get().step == Step.SCALING
    assert [item.top3 for item in items.filter(kind=ItemKind.TOP3)] == [EXPECTED_TOP3[phase]]
    assert items.filter(kind=ItemKind.PHASE_CHECK, step=Step.JUDGEMENT, parent__isnull=True).exists()
    decision_kinds = {item.kind for item in items.filter(step=Step.DECISION)}
    assert {
        ItemKind.BRAINSTORM,
        ItemKind.PRIORITIES,
        ItemKind.WHO_WHAT_WHEN,
        ItemKind.AGREEMENTS,
        ItemKind.BOTTOM_LINES,
    } <= decision_kinds
    # the justification is the first sub-question of the scaling question
    assert scaling.get().children.order_by("order").first().text_nl == "Wat is de onderbouwing voor het cijfer?"


def test_special_items(guide):
    assert item_by_key(guide, "p1-picture-worries-top3-incidents").parent.key == "p1-picture-worries"
    assert [i.key for i in GuideItem.objects.filter(version=guide, kind=ItemKind.CLOSURE_PLAN)] == [
        "p3-decision-closure-plan"
    ]
    checks = Counter(i.phase for i in GuideItem.objects.filter(version=guide, kind=ItemKind.PHASE_CHECK))
    assert checks == {Phase.IMMEDIATE_SAFETY: 1, Phase.STABLE_SAFETY: 2, Phase.RECOVERY: 2}
    # phase 2's besluitvorming ("as in phase 1") is written out in full, aimed at stable safety
    p1 = [i for i in GuideItem.objects.filter(version=guide, phase=Phase.IMMEDIATE_SAFETY, step=Step.DECISION)]
    p2 = [i for i in GuideItem.objects.filter(version=guide, phase=Phase.STABLE_SAFETY, step=Step.DECISION)]
    assert [i.key[3:] for i in p1] == [i.key[3:] for i in p2]
    assert [i.text_nl.replace("directe", "stabiele") for i in p1] == [i.text_nl for i in p2]


def test_vooraf_items_belong_to_every_phase(guide):
    before = GuideItem.objects.filter(version=guide, phase="")
    assert {i.step for i in before} == {Step.BEFORE}
    assert [i.text_nl for i in before.filter(parent__isnull=True)] == [
        "Beeld van het gezin",
        "Welke hulpverlening is betrokken?",
        "In welke fase bevindt het gezin zich?",
    ]


def test_every_item_has_english(guide):
    assert not GuideItem.objects.filter(version=guide, text_en="").exists()
    item = item_by_key(guide, "p1-picture-unknown")
    with translation.override("en"):
        assert str(item) == "What do we not know yet?"
    with translation.override("nl"):
        assert str(item) == "Wat weten we nog niet?"


def test_phase_intros(guide):
    intros = list(GuidePhaseIntro.objects.filter(version=guide))
    assert [i.phase for i in intros] == PHASE_ORDER
    assert phase_intro(guide, Phase.RECOVERY).title_nl == "Samenwerken voor herstel en kwaliteit van leven"
    assert all(i.title_en and i.goal_en for i in intros)


def _guide_md_sections():
    text = GUIDE_MD.read_text(encoding="utf-8")
    start = text.index("## Beforehand")
    end = text.index("## The same guide, for clients")
    return text[start:end]


def _plain(line):
    line = line.split(" — ")[0]  # English gloss after an em dash
    return re.sub(r"\*+", "", line).replace("\u2019", "'")


def _guide_md_entries():
    """GUIDE.md's bullet lines (with their wrapped continuation lines) and Schaalvraag lines."""
    entries = []
    for raw in _guide_md_sections().splitlines():
        line = raw.strip()
        if line.startswith("-") or line.startswith("**Schaalvraag"):
            entries.append(line)
        elif raw.startswith("  ") and line and entries:
            entries[-1] += " " + line
    return entries


# Dutch texts the report itself gives but GUIDE.md only glosses in English (the routes after the
# phase checks) or summarises ("as in phase 1, aimed at stabiele veiligheid").
NOT_VERBATIM_IN_GUIDE_MD = {
    "p1-judgement-check-route",
    "p2-judgement-back-route",
    "p2-judgement-check-route",
    "p3-judgement-back-route",
    "p3-judgement-check-route",
    "p2-decision-brainstorm",
    "p2-decision-interventions",
}


@pytest.mark.skipif(not GUIDE_MD.exists(), reason=f"{GUIDE_MD} is not next to the repository")
def test_every_dutch_question_of_guide_md_is_in_the_guide(guide):
    texts = " | ".join(" ".join(i.text_nl.split()) for i in GuideItem.objects.filter(version=guide))
    questions = []
    for entry in _guide_md_entries():
        # each "...?" segment (split at colons: "Brainstorm:", "Top 3 risico's:", "Afspraken ...:")
        questions += [q.strip(" -") for q in re.findall(r"[^?:]+\?", _plain(entry))]
    assert len(questions) > 90
    assert "Indien de casus afgesloten wordt, wat is het plan voor als het later toch weer niet goed gaat?" in questions
    missing = [q for q in questions if " ".join(q.split()) not in texts]
    assert missing == []


@pytest.mark.skipif(not GUIDE_MD.exists(), reason=f"{GUIDE_MD} is not next to the repository")
def test_the_guide_uses_guide_md_wording(guide):
    md = " ".join(re.sub(r"\*+", "", _guide_md_sections()).replace("\u2019", "'").split())
    not_verbatim = {i.key for i in GuideItem.objects.filter(version=guide) if " ".join(i.text_nl.split()) not in md}
    assert not_verbatim == NOT_VERBATIM_IN_GUIDE_MD


@pytest.mark.skipif(not GUIDE_MD.exists(), reason=f"{GUIDE_MD} is not next to the repository")
def test_phase_titles_and_goals_match_guide_md(guide):
    md = "\n".join(re.sub(r"\*+", "", line) for line in _guide_md_sections().splitlines())
    for intro in GuidePhaseIntro.objects.filter(version=guide):
        assert f'"{intro.title_nl}"' in md
        assert f"Doelstelling: {intro.goal_nl}" in md


def test_items_for_is_a_tree_in_guide_order(guide):
    tree = items_for(guide, Phase.STABLE_SAFETY)
    roots = [node.item for node in tree]
    assert roots[0].key == "before-family" and roots[0].phase == ""
    assert [n.item.key for n in tree[0].children] == [
        "before-family-household",
        "before-family-cooperation",
        "before-family-life-domains",
    ]
    assert all(r.parent_id is None for r in roots)
    assert [r.order for r in roots] == sorted(r.order for r in roots)
    steps = [r.step for r in roots]
    assert steps == sorted(steps, key=[Step.BEFORE, Step.PICTURE, Step.SCALING, Step.JUDGEMENT, Step.DECISION].index)
    assert {r.phase for r in roots} == {"", Phase.STABLE_SAFETY}
    total = sum(1 + len(n.children) for n in tree)
    assert total == GuideItem.objects.filter(version=guide, phase__in=["", Phase.STABLE_SAFETY]).count()
    only = items_for(guide, Phase.STABLE_SAFETY, include_before=False, only=[item_by_key(guide, "p2-scaling")])
    assert [n.item.key for n in only] == ["p2-scaling"] and len(only[0].children) == 4


def test_default_selection(guide):
    selection = list(default_selection(guide, Phase.RECOVERY))
    assert selection[:3] == [item_by_key(guide, k) for k in ("before-family", "before-services", "before-phase")]
    assert all(i.parent_id is None and i.phase in ("", Phase.RECOVERY) for i in selection)
    assert {i.step for i in selection} == BOB | {Step.BEFORE}
    assert selection[-1].key == "p3-decision-closure-plan"


def test_load_guide_creates_a_new_version_and_leaves_the_old_one(guide, capsys):
    before = list(GuideItem.objects.filter(version=guide).values_list("pk", "key", "text_nl", "text_en", "order"))
    call_command("load_guide", version="2030.1", published_on="2030-01-01")
    new = GuideVersion.objects.get(code="2030.1")
    guide.refresh_from_db()
    assert new.is_current and not guide.is_current
    assert current_version() == new
    assert new.items.count() == len(before)
    assert new.phase_intros.count() == 3
    assert set(new.items.values_list("key", flat=True)) == {row[1] for row in before}
    assert (
        list(GuideItem.objects.filter(version=guide).values_list("pk", "key", "text_nl", "text_en", "order")) == before
    )
    assert "2030.1" in capsys.readouterr().out
    # loading an existing code changes nothing
    call_command("load_guide", version="2022.1")
    assert "exists already" in capsys.readouterr().out
    assert GuideVersion.objects.count() == 2
    assert GuideVersion.objects.get(is_current=True) == new
    assert (
        list(GuideItem.objects.filter(version=guide).values_list("pk", "key", "text_nl", "text_en", "order")) == before
    )
