"""The evaluation questionnaires as plain data (loaded into a QuestionnaireVersion, never edited in place).

Source: Vaststellen en verbeteren van de aanpak in het Zorg- en Veiligheidshuis, hoofdstuk 4, tabellen
4.1-4.4 (the questionnaires of the test phases, based on the Session Rating Scale, Miller, Duncan & Johnson
2000, and the Outcome Rating Scale, Miller & Duncan 2000). Every item is a 0-10 line with labelled ends.
The client's versions are the research's items in B1 Dutch ("u"); a safety house revises them by loading a
new version (docs/architecture.md, "Evaluation questionnaires").
"""

CODE = "2022-1"
TITLE = "Evaluatie na het overleg"
SOURCE = "Onderzoeksrapport ZVH, hoofdstuk 4, tabellen 4.1-4.4 (SRS en ORS)"

# kind -> list of (key, Dutch text, English text, low end, high end)
LOW, HIGH = "Helemaal niet", "Helemaal wel"
LOW_EN, HIGH_EN = "Not at all", "Completely"

QUESTIONNAIRES = {
    # (a) the client's own version (table 4.1's items from the client's side, B1)
    "client": [
        (
            "heard",
            "Voelde u zich gehoord, begrepen en met respect behandeld?",
            "Did you feel heard, understood and respected?",
        ),
        (
            "topics",
            "Hebben we gepraat over de dingen die u belangrijk vond?",
            "Did we talk about the things that mattered to you?",
        ),
        ("pleasant", "Vond u het gesprek prettig gaan?", "Did the conversation go well for you?"),
        (
            "plan",
            "Bent u tevreden over het plan dat we samen hebben gemaakt?",
            "Are you satisfied with the plan we made together?",
        ),
        ("overall", "Bent u tevreden over het overleg als geheel?", "Are you satisfied with the meeting as a whole?"),
    ],
    # (b) the professional about their own experience (table 4.1, second part; table 4.4)
    "professional_self": [
        (
            "heard",
            "In hoeverre voelde u zich gehoord, begrepen en gerespecteerd?",
            "To what extent did you feel heard, understood and respected?",
        ),
        (
            "topics",
            "In hoeverre is er gesproken over de dingen waarover u wilde praten of die u belangrijk vond?",
            "To what extent were the things you wanted to talk about or found important discussed?",
        ),
        (
            "pleasant",
            "In hoeverre vond u het gesprek prettig verlopen?",
            "To what extent did you find the conversation went well?",
        ),
        (
            "plan",
            "In hoeverre bent u tevreden over het plan dat gemaakt is?",
            "To what extent are you satisfied with the plan that was made?",
        ),
        (
            "overall",
            "In hoeverre bent u tevreden over de bijeenkomst als geheel?",
            "To what extent are you satisfied with the meeting as a whole?",
        ),
    ],
    # (c) the professional's estimate of the client's experience (tables 4.1 and 4.3)
    "professional_estimate": [
        (
            "heard",
            "In hoeverre denkt u dat de cliënt(en) zich gehoord, begrepen en gerespecteerd voelde(n)?",
            "To what extent do you think the client(s) felt heard, understood and respected?",
        ),
        (
            "topics",
            "In hoeverre denkt u dat er gesproken is over de dingen waarover de cliënt(en) wilde(n) praten "
            "of die de cliënt(en) belangrijk vond(en)?",
            "To what extent do you think the things the client(s) wanted to talk about were discussed?",
        ),
        (
            "pleasant",
            "In hoeverre denkt u dat de cliënt(en) het gesprek prettig vond(en) verlopen?",
            "To what extent do you think the client(s) found the conversation went well?",
        ),
        (
            "plan",
            "In hoeverre denkt u dat de cliënt(en) tevreden is (zijn) over het plan dat gemaakt is?",
            "To what extent do you think the client(s) are satisfied with the plan that was made?",
        ),
        (
            "overall",
            "In hoeverre denkt u dat de cliënt(en) tevreden is (zijn) over de bijeenkomst in haar geheel?",
            "To what extent do you think the client(s) are satisfied with the meeting as a whole?",
        ),
    ],
    # (d) the professional about the guide (tables 4.2 and 4.4)
    "professional_guide": [
        (
            "atmosphere",
            "In hoeverre ervoer u een goede onderlinge sfeer in de bijeenkomst?",
            "To what extent did you experience a good atmosphere in the meeting?",
        ),
        (
            "room",
            "In hoeverre ervoer u ruimte om inbreng vanuit uw organisatie naar voren te brengen?",
            "To what extent did you have room to bring in your organisation's input?",
        ),
        (
            "method",
            "In hoeverre vond u de werkwijze in de bijeenkomst prettig?",
            "To what extent did you like the way of working in the meeting?",
        ),
        (
            "analysis",
            "In hoeverre ondersteunde de leidraad om samen een analyse te maken van de situatie in dit huishouden?",
            "To what extent did the guide help to analyse this household's situation together?",
        ),
        (
            "planning",
            "In hoeverre ondersteunde de leidraad om samen tot een plan van aanpak te komen voor dit huishouden?",
            "To what extent did the guide help to arrive at a plan for this household together?",
        ),
        (
            "overall",
            "In hoeverre bent u tevreden over de bijeenkomst in haar geheel?",
            "To what extent are you satisfied with the meeting as a whole?",
        ),
    ],
    # (e) the client's well-being over time (Outcome Rating Scale: individually, interpersonally, socially,
    # overall), B1
    "wellbeing": [
        ("individual", "Hoe gaat het met u zelf?", "How are you doing yourself?"),
        (
            "relations",
            "Hoe gaat het in uw gezin en met de mensen dicht bij u?",
            "How are things in your family and with the people close to you?",
        ),
        (
            "social",
            "Hoe gaat het op school, op uw werk en met vrienden?",
            "How are things at school, work and with friends?",
        ),
        ("overall", "Hoe gaat het met u, alles bij elkaar?", "How are you doing, all in all?"),
    ],
}

ENDS = {
    "wellbeing": ("Heel slecht", "Heel goed", "Very bad", "Very good"),
}
