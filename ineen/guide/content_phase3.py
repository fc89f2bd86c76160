"""Phase 3 of the guide, Herstelgerichte zorg: "Samenwerken voor herstel en kwaliteit van leven".

Plain data; see ineen.guide.content for the format. The guide's agreements in this phase have three
questions (no "what if the bottom lines are not met"), and the phase ends with the closure plan.
"""

PHASE3_INTRO = {
    "phase": "recovery",
    "title_nl": "Samenwerken voor herstel en kwaliteit van leven",
    "title_en": "Working together for recovery and quality of life",
    "goal_nl": "Zicht op wat nodig is om de veiligheid vast te houden en de opgelopen schade te herstellen.",
    "goal_en": "Insight into what is needed to maintain safety and to repair the harm that has been done.",
}

PHASE3 = [
    {
        "phase": "recovery",
        "step": "picture",
        "items": [
            {
                "key": "p3-picture-current",
                "nl": "Wat is de huidige stand van zaken m.b.t. de directe en stabiele veiligheid?",
                "en": "What is the current state of affairs regarding immediate and stable safety?",
                "children": [
                    {
                        "key": "p3-picture-current-go-back",
                        "nl": "Indien hier zorgen om zijn, ga terug naar de fase van directe veiligheid of "
                        "risicogestuurde zorg.",
                        "en": "If there are worries about this, go back to the phase of immediate safety or of "
                        "risk-driven care.",
                    },
                    {
                        "key": "p3-picture-current-bottom-lines",
                        "kind": "bottom_lines",
                        "nl": "Wat zijn de veiligheidsafspraken en bodemeisen? Zijn hier nog aanpassingen in nodig?",
                        "en": "What are the safety agreements and bottom lines? Do they need any adjustments?",
                    },
                ],
            },
            {
                "key": "p3-picture-course",
                "nl": "Wat heeft het gezin nodig om de ingezette koers vol te houden?",
                "en": "What does the family need to keep to the course that has been set?",
                "children": [
                    {
                        "key": "p3-picture-course-went-well",
                        "nl": "Wat ging goed en hoe kan het goed blijven gaan?",
                        "en": "What went well, and how can it keep going well?",
                    },
                    {
                        "key": "p3-picture-course-network",
                        "nl": "Hoe ziet het sociale netwerk van het gezin eruit en op wie kan het gezin terugvallen in "
                        "moeilijke tijden?",
                        "en": "What does the family's social network look like, and who can the family fall back on in "
                        "difficult times?",
                    },
                ],
            },
            {
                "key": "p3-picture-recovery",
                "nl": "Op welke gebieden is herstel nodig?",
                "en": "In which areas is recovery needed?",
                "children": [
                    {
                        "key": "p3-picture-recovery-top3-recovery",
                        "kind": "top3",
                        "top3": "recovery",
                        "nl": "Top 3 herstelpunten: op welke gebieden is herstel nodig om blijvend balans in het gezin "
                        "te creëren?",
                        "en": "Top 3 recovery points: in which areas is recovery needed to create lasting balance in "
                        "the family?",
                    },
                    {
                        "key": "p3-picture-recovery-long-term",
                        "nl": "Op welk gebied is inzet voor langere tijd noodzakelijk?",
                        "en": "In which area is longer-term support necessary?",
                    },
                ],
            },
            {
                "key": "p3-picture-future",
                "nl": "Hoe zien gezinsleden de toekomst voor ogen?",
                "en": "How do the family members see their future?",
            },
            {
                "key": "p3-picture-unknown",
                "nl": "Wat weten we nog niet?",
                "en": "What do we not know yet?",
                "children": [
                    {
                        "key": "p3-picture-unknown-table",
                        "nl": "Zitten de juiste mensen aan tafel?",
                        "en": "Are the right people at the table?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "recovery",
        "step": "scaling",
        "items": [
            {
                "key": "p3-scaling",
                "kind": "scaling",
                "scale": "quality_of_life",
                "nl": "Op een schaal van 1–10, wat is de kwaliteit van leven van de betrokkenen?",
                "en": "On a scale of 1–10, what is the quality of life of those involved?",
                "children": [
                    {
                        "key": "p3-scaling-justification",
                        "nl": "Wat is de onderbouwing voor het cijfer?",
                        "en": "What is the justification for your score?",
                    },
                    {
                        "key": "p3-scaling-harm",
                        "nl": "Hoe ernstig schat je de schade n.a.v. het geweld in?",
                        "en": "How serious do you consider the harm caused by the violence to be?",
                    },
                    {
                        "key": "p3-scaling-achievable",
                        "nl": "Hoe dicht zitten we bij het hoogst haalbare voor dit gezin?",
                        "en": "How close are we to the best that is achievable for this family?",
                    },
                    {
                        "key": "p3-scaling-view",
                        "nl": "Wat is de visie van betrokkenen?",
                        "en": "What is the view of those involved?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "recovery",
        "step": "judgement",
        "items": [
            {
                "key": "p3-judgement-back",
                "kind": "phase_check",
                "nl": "Zijn er opnieuw zorgen om de directe of stabiele veiligheid?",
                "en": "Are there renewed worries about immediate or stable safety?",
                "children": [
                    {
                        "key": "p3-judgement-back-route",
                        "nl": "Zo ja, ga terug naar de fase van directe veiligheid of risicogestuurde zorg.",
                        "en": "If so, go back to the phase of immediate safety or of risk-driven care.",
                    },
                ],
            },
            {
                "key": "p3-judgement-check",
                "kind": "phase_check",
                "nl": "Zijn er nog stappen nodig om tot herstel te komen?",
                "en": "Are further steps needed to achieve recovery?",
                "children": [
                    {
                        "key": "p3-judgement-check-route",
                        "nl": "Indien ja, ga door hieronder. Indien nee, ga door naar besluitvorming en maak een "
                        "afsluitingsplan.",
                        "en": "If yes, continue below. If no, go on to decision-making and make a closure plan.",
                    },
                ],
            },
            {
                "key": "p3-judgement-needs",
                "nl": "Wat is nodig om te herstellen van de gebeurtenissen?",
                "en": "What is needed to recover from what has happened?",
                "children": [
                    {
                        "key": "p3-judgement-needs-family",
                        "nl": "Waar wil het gezin aan werken om hun welzijn te vergroten?",
                        "en": "What does the family want to work on to improve their well-being?",
                    },
                    {
                        "key": "p3-judgement-needs-bottom-lines",
                        "kind": "bottom_lines",
                        "nl": "Wat moet er minimaal gerealiseerd worden aan welzijn?",
                        "en": "What is the minimum that must be achieved in terms of well-being?",
                    },
                    {
                        "key": "p3-judgement-needs-criterion",
                        "nl": "Hoe weten we wanneer gezinsleden hersteld zijn?",
                        "en": "How will we know when the family members have recovered?",
                    },
                ],
            },
        ],
    },
    {
        "phase": "recovery",
        "step": "decision",
        "items": [
            {
                "key": "p3-decision-brainstorm",
                "kind": "brainstorm",
                "nl": "Brainstorm: Welke acties zijn er mogelijk om herstel en welzijn te creëren?",
                "en": "Brainstorm: which actions are possible to create recovery and well-being?",
                "children": [
                    {
                        "key": "p3-decision-brainstorm-offer",
                        "nl": "Wat kan jij vanuit jouw organisatie bieden?",
                        "en": "What can you offer from your organisation?",
                    },
                    {
                        "key": "p3-decision-brainstorm-expect",
                        "nl": "Wat verwacht jij van andere organisaties?",
                        "en": "What do you expect from other organisations?",
                    },
                    {
                        "key": "p3-decision-brainstorm-out-of-the-box",
                        "nl": "Welke out-of-the-box ideeën heb je?",
                        "en": "What out-of-the-box ideas do you have?",
                    },
                ],
            },
            {
                "key": "p3-decision-priorities",
                "kind": "priorities",
                "nl": "Welke acties moeten prioriteit hebben en waarom?",
                "en": "Which actions should have priority, and why?",
                "children": [
                    {
                        "key": "p3-decision-priorities-client",
                        "nl": "Welke acties hebben prioriteit voor de cliënt?",
                        "en": "Which actions have priority for the client?",
                    },
                    {
                        "key": "p3-decision-priorities-experts",
                        "nl": "Hoe kijken materiedeskundigen/expertpoolleden hiernaar?",
                        "en": "How do subject-matter experts/expert pool members view this?",
                    },
                    {
                        "key": "p3-decision-priorities-capacity",
                        "nl": "Wat is de belastbaarheid van de cliënt m.b.t. deze acties?",
                        "en": "How much can the client take on with regard to these actions?",
                    },
                ],
            },
            {
                "key": "p3-decision-interventions",
                "nl": "Welke interventies gaan we inzetten t.b.v. het herstel van de gezinsleden?",
                "en": "Which interventions will we use for the recovery of the family members?",
                "children": [
                    {
                        "key": "p3-decision-interventions-who-what-when",
                        "kind": "who_what_when",
                        "nl": "Wie doet wat en wanneer?",
                        "en": "Who does what, and when?",
                    },
                    {
                        "key": "p3-decision-interventions-bottom-lines",
                        "kind": "bottom_lines",
                        "nl": "Wat zijn de bodemeisen en wie bewaakt deze?",
                        "en": "What are the bottom lines, and who monitors them?",
                    },
                ],
            },
            {
                "key": "p3-decision-agreements",
                "kind": "agreements",
                "nl": "Afspraken over samenwerking",
                "en": "Agreements on working together",
                "children": [
                    {
                        "key": "p3-decision-agreements-timeline",
                        "nl": "Wat wordt de tijdslijn?",
                        "en": "What will the timeline be?",
                    },
                    {
                        "key": "p3-decision-agreements-next-meeting",
                        "nl": "Op welk moment komen we weer bij elkaar?",
                        "en": "When do we meet again?",
                    },
                    {
                        "key": "p3-decision-agreements-informing",
                        "nl": "Op welke wijze houden we elkaar op de hoogte?",
                        "en": "How do we keep each other informed?",
                    },
                ],
            },
            {
                "key": "p3-decision-closure-plan",
                "kind": "closure_plan",
                "nl": "Afsluitingsplan",
                "en": "Closure plan",
                "children": [
                    {
                        "key": "p3-decision-closure-plan-fallback",
                        "nl": "Indien de casus afgesloten wordt, wat is het plan voor als het later toch weer niet goed "
                        "gaat?",
                        "en": "If the case is closed, what is the plan for when things go wrong again later after all?",
                    },
                ],
            },
        ],
    },
]
