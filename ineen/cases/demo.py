"""Demo data for case direction, aftercare and the triage meeting (issue 10)."""

CLOSURE_PLAN = {
    "signals": "Ruzie thuis die uit de hand loopt; de kinderen missen weer school.",
    "who_acts": "Moeder belt het wijkteam; het wijkteam meldt opnieuw aan bij het Zorg- en Veiligheidshuis.",
    "contact_name": "Anouk de Vries",
    "contact_organisation": "Sociaal wijkteam Noord",
    "contact_reach": "Via het algemene nummer van het wijkteam, op werkdagen",
    "agreed_with": "Moeder, vader en het wijkteam.",
}
