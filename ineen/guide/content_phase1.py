"""Phase 1 of the guide, Directe veiligheid: "Samenwerken aan veiligheid en het maken van een veiligheidsplan".

Plain data; see ineen.guide.content for the format.
"""

PHASE1_INTRO = {
    "phase": "immediate_safety",
    "title_nl": "Samenwerken aan veiligheid en het maken van een veiligheidsplan",
    "title_en": "Working together on safety and making a safety plan",
    "goal_nl": "Zicht op de zorgen rondom veiligheid en wat gedaan moet worden om directe veiligheid te creëren.",
    "goal_en": "Insight into the worries about safety and into what must be done to create immediate safety.",
}

PHASE1 = [
    {
        "phase": "immediate_safety",
        "step": "picture",
        "items": [
            {
                "key": "p1-picture-worries",
                "nl": "Wat zijn de zorgen t.a.v. de onveiligheid?",
                "en": "What are the worries about the lack of safety?",
                "children": [
                    {
                        "key": "p1-picture-worries-who",
                        "nl": "Wie is er bezorgd om de veiligheid van wie en waarom?",
                        "en": "Who is worried about whose safety, and why?",
                    },
                    {
                        "key": "p1-picture-worries-what",
                        "nl": "Waar maken we ons zorgen over?",
                        "en": "What are we worried about?",
                    },
                    {
                        "key": "p1-picture-worries-top3-incidents",
                        "kind": "top3",
                        "top3": "incidents",
                        "nl": "Top 3 geweldsincidenten: eerste, ergste en laatste",
                        "en": "Top 3 violent incidents: the first, the worst and the latest",
                    },
                    {
                        "key": "p1-picture-worries-history",
                        "nl": "Is er eerder sprake geweest van huiselijk geweld?",
                        "en": "Has there been domestic violence before?",
                    },
                    {
                        "key": "p1-picture-worries-danger",
                        "nl": "Wat is het grootste gevaar en voor wie en wat zijn de mogelijke gevolgen?",
                        "en": "What is the greatest danger, for whom, and what are the possible consequences?",
                    },
                ],
            },
            {
                "key": "p1-picture-patterns",
                "nl": "Welke onderliggende patronen veroorzaken de onveiligheid of houden dit in stand?",
                "en": "Which underlying patterns cause the lack of safety or keep it going?",
                "children": [
                    {
                        "key": "p1-picture-patterns-first",
                        "nl": "Aan welke daarvan moet als eerste gewerkt worden om directe veiligheid te creëren?",
                        "en": "Which of these must be worked on first to create immediate safety?",
                    },
                ],
            },
            {
                "key": "p1-picture-strengths",
                "nl": "Welke krachten zijn er nu in het gezin?",
                "en": "What strengths does the family have now?",
                "children": [
                    {
                        "key": "p1-picture-strengths-safety",
                        "nl": "Wat zorgt voor veiligheid?",
                        "en": "What provides safety?",
                    },
                    {
                        "key": "p1-picture-strengths-use",
                        "nl": "Welke van deze krachten kunnen benut worden om directe veiligheid te creëren?",
                        "en": "Which of these strengths can be used to create immediate safety?",
                    },
                ],
            },
            {
                "key": "p1-picture-unknown",
                "nl": "Wat weten we nog niet?",
                "en": "What do we not know yet?",
                "children": [
                    {
                        "key": "p1-picture-unknown-table",
                        "nl": "Zitten alle relevante personen aan tafel?",
                        "en": "Are all the relevant people at the table?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "immediate_safety",
        "step": "scaling",
        "items": [
            {
                "key": "p1-scaling",
                "kind": "scaling",
                "scale": "immediate_safety",
                "nl": "Op een schaal van 1–10, hoe bezorgd ben je over de directe veiligheid van de betrokkenen?",
                "en": "On a scale of 1–10, how worried are you about the immediate safety of those involved?",
                "children": [
                    {
                        "key": "p1-scaling-justification",
                        "nl": "Wat is de onderbouwing voor het cijfer?",
                        "en": "What is the justification for your score?",
                    },
                    {
                        "key": "p1-scaling-severity",
                        "nl": "Hoe ernstig vind je wat er nu speelt?",
                        "en": "How serious do you think the current situation is?",
                    },
                    {
                        "key": "p1-scaling-consequences",
                        "nl": "Hoe groot zijn de gevolgen voor de betrokkenen van deze situatie?",
                        "en": "How great are the consequences of this situation for those involved?",
                    },
                    {
                        "key": "p1-scaling-recurrence",
                        "nl": "Hoe schat je de kans in dat de onveiligheid zich herhaalt en/of verergert?",
                        "en": "How likely do you think it is that the lack of safety recurs and/or gets worse?",
                    },
                    {
                        "key": "p1-scaling-view",
                        "nl": "Wat is de visie van betrokkenen?",
                        "en": "What is the view of those involved?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "immediate_safety",
        "step": "judgement",
        "items": [
            {
                "key": "p1-judgement-check",
                "kind": "phase_check",
                "nl": "Zijn er nog zorgen om de directe veiligheid of kunnen we gaan werken aan de risico's?",
                "en": "Are there still worries about immediate safety, or can we start working on the risks?",
                "children": [
                    {
                        "key": "p1-judgement-check-route",
                        "nl": "Indien het eerste, ga door hieronder. Indien het laatste, ga door naar de fase van "
                        "risicogestuurde zorg.",
                        "en": "If the former, continue below. If the latter, move on to the phase of risk-driven care.",
                    },
                ],
            },
            {
                "key": "p1-judgement-needs",
                "nl": "Wat is nu nodig om directe veiligheid te creëren?",
                "en": "What is needed now to create immediate safety?",
                "children": [
                    {
                        "key": "p1-judgement-needs-family",
                        "nl": "Wat denkt het gezin dat er nodig is voor directe veiligheid?",
                        "en": "What does the family think is needed for immediate safety?",
                    },
                    {
                        "key": "p1-judgement-needs-bottom-lines",
                        "kind": "bottom_lines",
                        "nl": "Wat moet er minimaal gerealiseerd worden aan veiligheid (bodemeisen)?",
                        "en": "What is the minimum that must be achieved in terms of safety (bottom lines)?",
                    },
                    {
                        "key": "p1-judgement-needs-criterion",
                        "nl": "Hoe weten we wanneer er directe veiligheid is?",
                        "en": "How will we know when there is immediate safety?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "immediate_safety",
        "step": "decision",
        "items": [
            {
                "key": "p1-decision-brainstorm",
                "kind": "brainstorm",
                "nl": "Brainstorm: Welke acties zijn er mogelijk om in dit gezin directe veiligheid te creëren?",
                "en": "Brainstorm: which actions are possible to create immediate safety in this family?",
                "children": [
                    {
                        "key": "p1-decision-brainstorm-offer",
                        "nl": "Wat kan jij vanuit jouw organisatie bieden?",
                        "en": "What can you offer from your organisation?",
                    },
                    {
                        "key": "p1-decision-brainstorm-expect",
                        "nl": "Wat verwacht jij van andere organisaties?",
                        "en": "What do you expect from other organisations?",
                    },
                    {
                        "key": "p1-decision-brainstorm-out-of-the-box",
                        "nl": "Welke out-of-the-box ideeën heb je?",
                        "en": "What out-of-the-box ideas do you have?",
                    },
                ],
            },
            {
                "key": "p1-decision-priorities",
                "kind": "priorities",
                "nl": "Welke acties moeten prioriteit hebben en waarom?",
                "en": "Which actions should have priority, and why?",
                "children": [
                    {
                        "key": "p1-decision-priorities-client",
                        "nl": "Welke acties hebben prioriteit voor de cliënt?",
                        "en": "Which actions have priority for the client?",
                    },
                    {
                        "key": "p1-decision-priorities-experts",
                        "nl": "Hoe kijken materiedeskundigen/expertpoolleden hiernaar?",
                        "en": "How do subject-matter experts/expert pool members view this?",
                    },
                    {
                        "key": "p1-decision-priorities-capacity",
                        "nl": "Wat is de belastbaarheid van de cliënt m.b.t. deze acties?",
                        "en": "How much can the client take on with regard to these actions?",
                    },
                ],
            },
            {
                "key": "p1-decision-interventions",
                "nl": "Welke interventies gaan we inzetten t.b.v. de directe veiligheid?",
                "en": "Which interventions will we use for immediate safety?",
                "children": [
                    {
                        "key": "p1-decision-interventions-who-what-when",
                        "kind": "who_what_when",
                        "nl": "Wie doet wat en wanneer?",
                        "en": "Who does what, and when?",
                    },
                    {
                        "key": "p1-decision-interventions-bottom-lines",
                        "kind": "bottom_lines",
                        "nl": "Wat zijn de bodemeisen en wie bewaakt deze?",
                        "en": "What are the bottom lines, and who monitors them?",
                    },
                ],
            },
            {
                "key": "p1-decision-agreements",
                "kind": "agreements",
                "nl": "Afspraken over samenwerking",
                "en": "Agreements on working together",
                "children": [
                    {
                        "key": "p1-decision-agreements-timeline",
                        "nl": "Wat wordt de tijdslijn?",
                        "en": "What will the timeline be?",
                    },
                    {
                        "key": "p1-decision-agreements-next-meeting",
                        "nl": "Op welk moment komen we weer bij elkaar?",
                        "en": "When do we meet again?",
                    },
                    {
                        "key": "p1-decision-agreements-breach",
                        "nl": "Wat doen we als de bodemeisen niet worden nagekomen?",
                        "en": "What do we do if the bottom lines are not met?",
                    },
                    {
                        "key": "p1-decision-agreements-informing",
                        "nl": "Op welke wijze houden we elkaar op de hoogte?",
                        "en": "How do we keep each other informed?",
                    },
                ],
            },
        ],
    },
]
