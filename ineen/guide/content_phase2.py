"""Phase 2 of the guide, Risicogestuurde zorg: "Samenwerken aan de risico's van (herhaling van) onveiligheid".

Plain data; see ineen.guide.content for the format. The guide's besluitvorming for this phase is
"as in phase 1, aimed at stabiele veiligheid"; it is written out in full here.
"""

PHASE2_INTRO = {
    "phase": "stable_safety",
    "title_nl": "Samenwerken aan de risico's van (herhaling van) onveiligheid",
    "title_en": "Working together on the risks of (renewed) lack of safety",
    "goal_nl": "Zicht op de risicofactoren voor geweld en wat gedaan moet worden om stabiele veiligheid te creëren.",
    "goal_en": "Insight into the risk factors for violence and into what must be done to create stable safety.",
}

PHASE2 = [
    {
        "phase": "stable_safety",
        "step": "picture",
        "items": [
            {
                "key": "p2-picture-current",
                "nl": "Wat is de huidige stand van zaken m.b.t. de directe veiligheid?",
                "en": "What is the current state of affairs regarding immediate safety?",
                "children": [
                    {
                        "key": "p2-picture-current-go-back",
                        "nl": "Indien hier zorgen om zijn, ga terug naar de fase van directe veiligheid.",
                        "en": "If there are worries about this, go back to the phase of immediate safety.",
                    },
                    {
                        "key": "p2-picture-current-bottom-lines",
                        "kind": "bottom_lines",
                        "nl": "Wat zijn de veiligheidsafspraken en bodemeisen? Zijn hier nog aanpassingen in nodig?",
                        "en": "What are the safety agreements and bottom lines? Do they need any adjustments?",
                    },
                ],
            },
            {
                "key": "p2-picture-risks",
                "nl": "Welke risicofactoren en onderliggende patronen veroorzaken de (kans op) onveiligheid of houden "
                "die in stand?",
                "en": "Which risk factors and underlying patterns cause (the risk of) a lack of safety or keep it going?",
                "children": [
                    {
                        "key": "p2-picture-risks-types",
                        "nl": "Onderscheid statische en dynamische, en individuele en systemische risicofactoren.",
                        "en": "Distinguish static and dynamic, and individual and systemic risk factors.",
                    },
                    {
                        "key": "p2-picture-risks-top3-risks",
                        "kind": "top3",
                        "top3": "risks",
                        "nl": "Top 3 risico's: aan welke drie risico's moet als eerste gewerkt worden om stabiele "
                        "veiligheid te creëren?",
                        "en": "Top 3 risks: which three risks must be worked on first to create stable safety?",
                    },
                    {
                        "key": "p2-picture-risks-past-help",
                        "nl": "Wat is er in het verleden en heden ingezet met betrokkenen?",
                        "en": "What has been done with those involved, in the past and at present?",
                    },
                    {
                        "key": "p2-picture-risks-help-problems",
                        "nl": "Welke problemen ervaren betrokkenen met de hulpverlening?",
                        "en": "What problems do those involved experience with the services?",
                    },
                ],
            },
            {
                "key": "p2-picture-strengths",
                "nl": "Welke krachten zijn er in het gezin?",
                "en": "What strengths does the family have?",
                "children": [
                    {
                        "key": "p2-picture-strengths-support",
                        "nl": "Welke steunbronnen zijn er voor ieder gezinslid?",
                        "en": "What sources of support does each family member have?",
                    },
                    {
                        "key": "p2-picture-strengths-good-moments",
                        "nl": "Op welke momenten ging het goed met betrokkenen? Wat beïnvloedde dat?",
                        "en": "At which moments did things go well for those involved? What influenced that?",
                    },
                ],
            },
            {
                "key": "p2-picture-unknown",
                "nl": "Wat weten we nog niet?",
                "en": "What do we not know yet?",
                "children": [
                    {
                        "key": "p2-picture-unknown-table",
                        "nl": "Zitten de juiste mensen aan tafel?",
                        "en": "Are the right people at the table?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "stable_safety",
        "step": "scaling",
        "items": [
            {
                "key": "p2-scaling",
                "kind": "scaling",
                "scale": "stable_safety",
                "nl": "Op een schaal van 1–10, hoe bezorgd ben je over de stabiele veiligheid van de betrokkenen?",
                "en": "On a scale of 1–10, how worried are you about the stable safety of those involved?",
                "children": [
                    {
                        "key": "p2-scaling-justification",
                        "nl": "Wat is de onderbouwing voor het cijfer?",
                        "en": "What is the justification for your score?",
                    },
                    {
                        "key": "p2-scaling-risk-severity",
                        "nl": "Hoe ernstig schat je de risicofactoren in?",
                        "en": "How serious do you consider the risk factors to be?",
                    },
                    {
                        "key": "p2-scaling-recurrence",
                        "nl": "Hoe schat je de kans in dat er opnieuw onveiligheid komt?",
                        "en": "How likely do you think it is that there will be a lack of safety again?",
                    },
                    {
                        "key": "p2-scaling-view",
                        "nl": "Wat is de visie van betrokkenen?",
                        "en": "What is the view of those involved?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "stable_safety",
        "step": "judgement",
        "items": [
            {
                "key": "p2-judgement-back",
                "kind": "phase_check",
                "nl": "Zijn er opnieuw zorgen om de directe veiligheid?",
                "en": "Are there renewed worries about immediate safety?",
                "children": [
                    {
                        "key": "p2-judgement-back-route",
                        "nl": "Zo ja, ga terug naar de fase van directe veiligheid.",
                        "en": "If so, go back to the phase of immediate safety.",
                    },
                ],
            },
            {
                "key": "p2-judgement-check",
                "kind": "phase_check",
                "nl": "Zijn er nog zorgen om de stabiele veiligheid of kunnen we gaan werken aan herstel?",
                "en": "Are there still worries about stable safety, or can we start working on recovery?",
                "children": [
                    {
                        "key": "p2-judgement-check-route",
                        "nl": "Indien het eerste, ga door hieronder. Indien het laatste, ga door naar de fase van "
                        "herstelgerichte zorg.",
                        "en": "If the former, continue below. If the latter, move on to the phase of "
                        "recovery-oriented care.",
                    },
                ],
            },
            {
                "key": "p2-judgement-needs",
                "nl": "Wat is nodig om stabiele veiligheid te creëren?",
                "en": "What is needed to create stable safety?",
                "children": [
                    {
                        "key": "p2-judgement-needs-family",
                        "nl": "Wat denkt het gezin dat er nodig is voor stabiele veiligheid?",
                        "en": "What does the family think is needed for stable safety?",
                    },
                    {
                        "key": "p2-judgement-needs-bottom-lines",
                        "kind": "bottom_lines",
                        "nl": "Wat moet er minimaal gerealiseerd worden aan veiligheid (bodemeisen)?",
                        "en": "What is the minimum that must be achieved in terms of safety (bottom lines)?",
                    },
                    {
                        "key": "p2-judgement-needs-criterion",
                        "nl": "Hoe weten we wanneer er stabiele veiligheid is?",
                        "en": "How will we know when there is stable safety?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "stable_safety",
        "step": "decision",
        "items": [
            {
                "key": "p2-decision-brainstorm",
                "kind": "brainstorm",
                "nl": "Brainstorm: Welke acties zijn er mogelijk om in dit gezin stabiele veiligheid te creëren?",
                "en": "Brainstorm: which actions are possible to create stable safety in this family?",
                "children": [
                    {
                        "key": "p2-decision-brainstorm-offer",
                        "nl": "Wat kan jij vanuit jouw organisatie bieden?",
                        "en": "What can you offer from your organisation?",
                    },
                    {
                        "key": "p2-decision-brainstorm-expect",
                        "nl": "Wat verwacht jij van andere organisaties?",
                        "en": "What do you expect from other organisations?",
                    },
                    {
                        "key": "p2-decision-brainstorm-out-of-the-box",
                        "nl": "Welke out-of-the-box ideeën heb je?",
                        "en": "What out-of-the-box ideas do you have?",
                    },
                ],
            },
            {
                "key": "p2-decision-priorities",
                "kind": "priorities",
                "nl": "Welke acties moeten prioriteit hebben en waarom?",
                "en": "Which actions should have priority, and why?",
                "children": [
                    {
                        "key": "p2-decision-priorities-client",
                        "nl": "Welke acties hebben prioriteit voor de cliënt?",
                        "en": "Which actions have priority for the client?",
                    },
                    {
                        "key": "p2-decision-priorities-experts",
                        "nl": "Hoe kijken materiedeskundigen/expertpoolleden hiernaar?",
                        "en": "How do subject-matter experts/expert pool members view this?",
                    },
                    {
                        "key": "p2-decision-priorities-capacity",
                        "nl": "Wat is de belastbaarheid van de cliënt m.b.t. deze acties?",
                        "en": "How much can the client take on with regard to these actions?",
                    },
                ],
            },
            {
                "key": "p2-decision-interventions",
                "nl": "Welke interventies gaan we inzetten t.b.v. de stabiele veiligheid?",
                "en": "Which interventions will we use for stable safety?",
                "children": [
                    {
                        "key": "p2-decision-interventions-who-what-when",
                        "kind": "who_what_when",
                        "nl": "Wie doet wat en wanneer?",
                        "en": "Who does what, and when?",
                    },
                    {
                        "key": "p2-decision-interventions-bottom-lines",
                        "kind": "bottom_lines",
                        "nl": "Wat zijn de bodemeisen en wie bewaakt deze?",
                        "en": "What are the bottom lines, and who monitors them?",
                    },
                ],
            },
            {
                "key": "p2-decision-agreements",
                "kind": "agreements",
                "nl": "Afspraken over samenwerking",
                "en": "Agreements on working together",
                "children": [
                    {
                        "key": "p2-decision-agreements-timeline",
                        "nl": "Wat wordt de tijdslijn?",
                        "en": "What will the timeline be?",
                    },
                    {
                        "key": "p2-decision-agreements-next-meeting",
                        "nl": "Op welk moment komen we weer bij elkaar?",
                        "en": "When do we meet again?",
                    },
                    {
                        "key": "p2-decision-agreements-breach",
                        "nl": "Wat doen we als de bodemeisen niet worden nagekomen?",
                        "en": "What do we do if the bottom lines are not met?",
                    },
                    {
                        "key": "p2-decision-agreements-informing",
                        "nl": "Op welke wijze houden we elkaar op de hoogte?",
                        "en": "How do we keep each other informed?",
                    },
                ],
            },
        ],
    },
]
