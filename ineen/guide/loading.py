"""Load the guide's plain data (ineen.guide.content) into a new GuideVersion.

Used by the data migration (with historical models) and by `manage.py load_guide` (with the real
ones), so both take the model classes as arguments. A version is only ever created, never changed.
"""

import datetime
import re
from dataclasses import dataclass

from . import content as default_content
from .enums import PHASE_ORDER, ItemKind, Phase, Scale, Step, Top3Kind

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class FlatItem:
    key: str
    parent_key: str | None
    phase: str
    step: str
    kind: str
    text_nl: str
    text_en: str
    scale: str
    top3: str


def flatten(sections):
    """The sections' item trees in guide order (parents before their children), as FlatItems."""
    flat = []

    def walk(items, phase, step, parent_key):
        for item in items:
            kind = item.get("kind", ItemKind.QUESTION if parent_key is None else ItemKind.SUBQUESTION)
            flat.append(
                FlatItem(
                    key=item["key"],
                    parent_key=parent_key,
                    phase=phase,
                    step=step,
                    kind=str(kind),
                    text_nl=item["nl"],
                    text_en=item["en"],
                    scale=item.get("scale", ""),
                    top3=item.get("top3", ""),
                )
            )
            walk(item.get("children", []), phase, step, item["key"])

    for section in sections:
        walk(section["items"], section["phase"], section["step"], None)
    return flat


def check_content(sections, intros):
    """Problems in the data (an empty list when it is sound): unique slug keys, known choices,
    scale/top3 only where they belong, both languages filled, one intro per phase."""
    problems = []
    seen = set()
    for item in flatten(sections):
        if item.key in seen:
            problems.append(f"{item.key}: key used twice")
        seen.add(item.key)
        if not _SLUG.match(item.key) or len(item.key) > 80:
            problems.append(f"{item.key}: not a slug of at most 80 characters")
        if item.phase and item.phase not in Phase.values:
            problems.append(f"{item.key}: unknown phase {item.phase!r}")
        if item.step not in Step.values:
            problems.append(f"{item.key}: unknown step {item.step!r}")
        if (item.phase == "") != (item.step == Step.BEFORE):
            problems.append(f"{item.key}: Vooraf items have no phase, and only they")
        if item.kind not in ItemKind.values:
            problems.append(f"{item.key}: unknown kind {item.kind!r}")
        if (item.kind == ItemKind.SCALING) != bool(item.scale) or (item.scale and item.scale not in Scale.values):
            problems.append(f"{item.key}: a scale belongs to (and only to) a scaling item")
        if (item.kind == ItemKind.TOP3) != bool(item.top3) or (item.top3 and item.top3 not in Top3Kind.values):
            problems.append(f"{item.key}: a top3 kind belongs to (and only to) a top 3 item")
        if not item.text_nl.strip() or not item.text_en.strip():
            problems.append(f"{item.key}: text_nl and text_en are both required")
    if [intro["phase"] for intro in intros] != [str(p) for p in PHASE_ORDER]:
        problems.append("PHASE_INTROS must give the three phases in order")
    for intro in intros:
        for field in ("title_nl", "title_en", "goal_nl", "goal_en"):
            if not intro.get(field, "").strip():
                problems.append(f"intro {intro['phase']}: {field} is empty")
    return problems


def load_version(
    GuideVersion,
    GuideItem,
    GuidePhaseIntro,
    *,
    code,
    title=None,
    source=None,  # noqa: N803
    published_on=None,
    make_current=True,
    content=default_content,
):
    """Create version `code` from `content` and return (version, created).

    If `code` exists already nothing is touched and (existing, False) is returned: old conferences
    keep their wording. With make_current, the new version becomes the only current one.
    Call inside a transaction (migrations and the command do).
    """
    existing = GuideVersion.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    problems = check_content(content.SECTIONS, content.PHASE_INTROS)
    if problems:
        raise ValueError("The guide content is not sound: " + "; ".join(problems))
    if published_on is None:
        published_on = datetime.date.today()
    elif isinstance(published_on, str):
        published_on = datetime.date.fromisoformat(published_on)
    if make_current:
        GuideVersion.objects.filter(is_current=True).update(is_current=False)
    version = GuideVersion.objects.create(
        code=code,
        title=title or content.TITLE,
        source=content.SOURCE if source is None else source,
        published_on=published_on,
        is_current=make_current,
    )
    GuidePhaseIntro.objects.bulk_create(
        [
            GuidePhaseIntro(
                version=version,
                order=n,
                phase=intro["phase"],
                title_nl=intro["title_nl"],
                title_en=intro["title_en"],
                goal_nl=intro["goal_nl"],
                goal_en=intro["goal_en"],
            )
            for n, intro in enumerate(content.PHASE_INTROS, start=1)
        ]
    )
    by_key = {}
    for order, item in enumerate(flatten(content.SECTIONS), start=1):
        by_key[item.key] = GuideItem.objects.create(
            version=version,
            key=item.key,
            parent=by_key[item.parent_key] if item.parent_key else None,
            phase=item.phase,
            step=item.step,
            kind=item.kind,
            text_nl=item.text_nl,
            text_en=item.text_en,
            order=order,
            scale=item.scale,
            top3=item.top3,
        )
    return version, True


def load_first_version(GuideVersion, GuideItem, GuidePhaseIntro):  # noqa: N803 - model classes
    """Version 2022.1, the guide of the research report: loaded by migration 0003 and, in tests, again
    after a transactional flush has emptied the tables."""
    from ineen.guide import content

    return load_version(
        GuideVersion,
        GuideItem,
        GuidePhaseIntro,
        code="2022.1",
        title="Leidraad Gezamenlijke Analyse en Planvorming",
        source="De handen ineen!, ZVH Haaglanden 2022, hoofdstuk 5",
        published_on=content.PUBLISHED_ON,
        make_current=True,
        content=content,
    )
