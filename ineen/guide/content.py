"""The conversation guide (Leidraad Gezamenlijke Analyse en Planvorming) as plain Python data.

Source: "De handen ineen!", ZVH Haaglanden 2022, chapter 5 (restated in the brief's GUIDE.md). The
Dutch texts are the method's own wording, exactly as GUIDE.md gives them; text_en is our translation.

Format
------
SECTIONS is a list of sections, one per (phase, step), in the order of the guide::

    {"phase": "<Phase value, or "" for Vooraf = every phase>", "step": "<Step value>", "items": [item, ...]}

An item is a dict::

    {"key": "p1-picture-worries",    # stable slug, the same in every version
     "kind": "question",             # ItemKind; default "question" at top level, "subquestion" below
     "scale": "immediate_safety",    # only for kind "scaling"
     "top3": "incidents",            # only for kind "top3"
     "nl": "...", "en": "...",
     "children": [item, ...]}        # optional; children inherit phase and step

PHASE_INTROS gives each phase's title and "Doelstelling" (goal).

Versions
--------
Migration 0003 loads this module as version 2022.1, and `manage.py load_guide --version CODE` loads
it as a new version. Existing versions are never edited, so conferences keep their wording. Before
changing any wording here for a new version, freeze the current text for migration 0003 first (copy
these modules, e.g. to content_2022_1/, and point 0003 at the copy), so a fresh database still gets
2022.1 as it was.
"""

from .content_phase1 import PHASE1, PHASE1_INTRO
from .content_phase2 import PHASE2, PHASE2_INTRO
from .content_phase3 import PHASE3, PHASE3_INTRO

VERSION_CODE = "2022.1"
TITLE = "Leidraad Gezamenlijke Analyse en Planvorming"
SOURCE = "De handen ineen!, ZVH Haaglanden 2022, hoofdstuk 5"
PUBLISHED_ON = "2022-01-01"  # the report appeared in 2022; the exact day is not given

# Vooraf: to be collected before every meeting, whatever the phase.
BEFORE = [
    {
        "phase": "",
        "step": "before",
        "items": [
            {
                "key": "before-family",
                "nl": "Beeld van het gezin",
                "en": "Picture of the family",
                "children": [
                    {
                        "key": "before-family-household",
                        "nl": "Wat is de gezinssamenstelling en thuissituatie?",
                        "en": "What is the household composition and the home situation?",
                    },
                    {
                        "key": "before-family-cooperation",
                        "nl": "Werken betrokkenen mee?",
                        "en": "Do those involved cooperate?",
                    },
                    {
                        "key": "before-family-life-domains",
                        "nl": "Inventarisatie op alle leefgebieden",
                        "en": "Inventory across all life domains",
                    },
                ],
            },
            {
                "key": "before-services",
                "nl": "Welke hulpverlening is betrokken?",
                "en": "Which services are involved?",
                "children": [
                    {
                        "key": "before-services-aim",
                        "nl": "Waar is deze hulp op gericht?",
                        "en": "What is this help aimed at?",
                    },
                ],
            },
            {
                "key": "before-phase",
                "nl": "In welke fase bevindt het gezin zich?",
                "en": "Which phase is the family in?",
            },
        ],
    },
]

PHASE_INTROS = [PHASE1_INTRO, PHASE2_INTRO, PHASE3_INTRO]

SECTIONS = BEFORE + PHASE1 + PHASE2 + PHASE3
