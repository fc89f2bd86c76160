"""Fictional demo data: two safety houses, their partner organisations, users per role, ~30 households.

Everything here is invented. Organisation names for ZVH Haaglanden are the partners listed in §1.3 of
the research report "De handen ineen!" (2022); their chain is our reading of what they do.
"""

from ineen.accounts.enums import Chain, Role

ADMIN, CARE, CRIMINAL = Chain.ADMINISTRATIVE, Chain.CARE, Chain.CRIMINAL

HAAGLANDEN_PARTNERS = [
    ("Zorg- en Veiligheidshuis Haaglanden", ADMIN),
    ("Gemeente Den Haag", ADMIN),
    ("Gemeente Delft", ADMIN),
    ("Gemeente Zoetermeer", ADMIN),
    ("Gemeente Westland", ADMIN),
    ("Gemeente Rijswijk", ADMIN),
    ("Gemeente Leidschendam-Voorburg", ADMIN),
    ("Gemeente Wassenaar", ADMIN),
    ("Gemeente Midden-Delfland", ADMIN),
    ("Gemeente Pijnacker-Nootdorp", ADMIN),
    ("Politie Eenheid Den Haag", CRIMINAL),
    ("Openbaar Ministerie Den Haag", CRIMINAL),
    ("Reclassering Nederland", CRIMINAL),
    ("Dienst Justitiële Inrichtingen (PI Zoetermeer en Alphen aan den Rijn)", CRIMINAL),
    ("Raad voor de Kinderbescherming", CRIMINAL),
    ("Bureau Nazorg Ex-gedetineerden", ADMIN),
    ("Palier Forensische en Intensieve Zorg", CARE),
    ("De Waag Nederland", CARE),
    ("Veilig Thuis Haaglanden", CARE),
    ("Jeugdbescherming west", CARE),
    ("Leger des Heils Jeugdzorg en Reclassering", CARE),
    ("Perspektief", CARE),
    ("MEE", CARE),
    ("Middin", CARE),
    ("Fivoor", CARE),
    ("Parnassia (waaronder Youz en de Brijder)", CARE),
    ("Teijlingereind", CARE),
    ("William Schrikker Stichting", CARE),
    ("Jeugdformaat", CARE),
    ("GGD Haaglanden", CARE),
    ("Exodus", CARE),
    ("Barka", CARE),
    ("Shop", CARE),
    ("Humanitas", CARE),
    ("Limor", CARE),
    ("Kessler Stichting", CARE),
    ("Anton Constandse", CARE),
    ("Ipse de Bruggen", CARE),
    ("Klinisch Centrum Nootdorp", CARE),
]

# A second, smaller safety house, to show that data of two houses never mixes.
RIJNMOND_PARTNERS = [
    ("Zorg- en Veiligheidshuis Rotterdam-Rijnmond", ADMIN),
    ("Gemeente Rotterdam", ADMIN),
    ("Politie Eenheid Rotterdam", CRIMINAL),
    ("Openbaar Ministerie Rotterdam", CRIMINAL),
    ("Veilig Thuis Rotterdam Rijnmond", CARE),
    ("Reclassering Nederland", CRIMINAL),
    ("Raad voor de Kinderbescherming", CRIMINAL),
    ("Parnassia (waaronder Youz en de Brijder)", CARE),
]

DEMO_PASSWORD = "Ineen-demo-2026!"  # noqa: S105 - fictional demo accounts, demo mode only

# (e-mail, first, last, organisation, job title, [(house code, role)], is_staff)
DEMO_USERS = [
    (
        "procesregisseur@ineen.example",
        "Petra",
        "de Vries",
        "Zorg- en Veiligheidshuis Haaglanden",
        "Procesregisseur",
        [("hgl", Role.CHAIR)],
        False,
    ),
    (
        "casusregisseur@ineen.example",
        "Karim",
        "El Amrani",
        "Gemeente Den Haag",
        "Casusregisseur",
        [("hgl", Role.CASE_DIRECTOR), ("hgl", Role.PROFESSIONAL)],
        False,
    ),
    (
        "veiligthuis@ineen.example",
        "Sanne",
        "Bakker",
        "Veilig Thuis Haaglanden",
        "Medewerker",
        [("hgl", Role.PROFESSIONAL)],
        False,
    ),
    (
        "politie@ineen.example",
        "Joost",
        "Mulder",
        "Politie Eenheid Den Haag",
        "Wijkagent",
        [("hgl", Role.PROFESSIONAL)],
        False,
    ),
    (
        "ggz@ineen.example",
        "Anouk",
        "Visser",
        "Parnassia (waaronder Youz en de Brijder)",
        "Behandelaar",
        [("hgl", Role.PROFESSIONAL)],
        False,
    ),
    (
        "jeugdbescherming@ineen.example",
        "Lotte",
        "Smit",
        "Jeugdbescherming west",
        "Jeugdbeschermer",
        [("hgl", Role.PROFESSIONAL)],
        False,
    ),
    (
        "reclassering@ineen.example",
        "Ruud",
        "Hendriks",
        "Reclassering Nederland",
        "Reclasseringswerker",
        [("hgl", Role.EXPERT), ("rr", Role.EXPERT)],
        False,
    ),
    (
        "om@ineen.example",
        "Esther",
        "Koster",
        "Openbaar Ministerie Den Haag",
        "Officier van justitie",
        [("hgl", Role.EXPERT)],
        False,
    ),
    (
        "buitenstaander@ineen.example",
        "Tim",
        "Jansen",
        "Humanitas",
        "Vrijwilligerscoördinator",
        [("hgl", Role.PROFESSIONAL)],
        False,
    ),
    (
        "manager@ineen.example",
        "Marieke",
        "Dijkstra",
        "Zorg- en Veiligheidshuis Haaglanden",
        "Manager",
        [("hgl", Role.MANAGER)],
        False,
    ),
    (
        # The manager escalations of the GGZ partner are addressed to (ineen/escalations/demo.py).
        "manager.ggz@ineen.example",
        "Hanneke",
        "de Wit",
        "Parnassia (waaronder Youz en de Brijder)",
        "Teammanager volwassenen",
        [("hgl", Role.MANAGER)],
        False,
    ),
    (
        "beheer@ineen.example",
        "Bas",
        "Vermeulen",
        "Zorg- en Veiligheidshuis Haaglanden",
        "Functioneel beheerder",
        [("hgl", Role.FUNCTIONAL_ADMIN), ("rr", Role.FUNCTIONAL_ADMIN)],
        True,
    ),
    (
        "onderzoeker@ineen.example",
        "Noor",
        "Peters",
        "Zorg- en Veiligheidshuis Haaglanden",
        "Onderzoeker",
        [("hgl", Role.RESEARCHER)],
        False,
    ),
    (
        "privacy@ineen.example",
        "Yvonne",
        "Willems",
        "Zorg- en Veiligheidshuis Haaglanden",
        "Privacyfunctionaris",
        [("hgl", Role.PRIVACY_OFFICER)],
        False,
    ),
    (
        "logbeheer@ineen.example",
        "Gert",
        "Bosman",
        "Zorg- en Veiligheidshuis Haaglanden",
        "Logbeheerder",
        [("hgl", Role.LOG_MANAGER)],
        False,
    ),
    (
        "procesregisseur.rijnmond@ineen.example",
        "Fatima",
        "Ouali",
        "Zorg- en Veiligheidshuis Rotterdam-Rijnmond",
        "Procesregisseur",
        [("rr", Role.CHAIR)],
        False,
    ),
    (
        "veiligthuis.rijnmond@ineen.example",
        "Daan",
        "de Boer",
        "Veilig Thuis Rotterdam Rijnmond",
        "Medewerker",
        [("rr", Role.PROFESSIONAL), ("rr", Role.CASE_DIRECTOR)],
        False,
    ),
]

SURNAMES = [
    "Jansen",
    "de Jong",
    "van den Berg",
    "Bos",
    "Yilmaz",
    "Vos",
    "Meijer",
    "de Graaf",
    "Kaya",
    "Brouwer",
    "van Dijk",
    "Hoekstra",
    "Pinas",
    "Gerritsen",
    "Kramer",
    "Aydin",
    "Prins",
    "Post",
    "Kuipers",
    "Blom",
    "Sedney",
    "Huisman",
    "Peeters",
    "van Leeuwen",
    "Wouters",
    "Boukhari",
    "Maas",
    "Verhoeven",
    "Dekker",
    "Schouten",
    "Lambrecht",
    "Nieuwenhuis",
]
ADULT_NAMES = [
    "Linda",
    "Mohamed",
    "Sandra",
    "Erik",
    "Fatma",
    "Dennis",
    "Naima",
    "Patrick",
    "Ilse",
    "Rachid",
    "Monique",
    "Kevin",
    "Samira",
    "Ronald",
    "Jolanda",
    "Hasan",
    "Priya",
    "Marco",
]
CHILD_NAMES = [
    "Emma",
    "Noah",
    "Sara",
    "Liam",
    "Yara",
    "Milan",
    "Lina",
    "Daan",
    "Aya",
    "Sem",
    "Nora",
    "Adam",
    "Julia",
    "Luca",
    "Ilyas",
    "Fleur",
]
SUMMARIES = [
    "Al jaren meldingen van geweld tussen de ouders; de kinderen zijn er getuige van. Moeder wil hulp maar is bang.",
    "Na de scheiding escaleren de ruzies bij elke overdracht van de kinderen. Vader stalkt moeder.",
    "Zoon van 16 is agressief tegen moeder; moeder heeft een lichte verstandelijke beperking en schulden.",
    "Herhaald huisverbod opgelegd; middelengebruik speelt. Hulp is steeds afgehaakt.",
    "Oma zorgt voor de kinderen; er zijn zorgen over verwaarlozing en over het netwerk van de ouders.",
]
STRENGTHS = [
    "Moeder staat open voor hulp",
    "Betrokken oma in de buurt",
    "Kinderen gaan graag naar school",
    "Vader heeft werk en wil dat houden",
    "Goed contact met de huisarts",
    "Buurvrouw is een steun",
    "Ouders willen allebei het beste voor de kinderen",
    "Sportclub geeft de zoon structuur",
]


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF with a title and a few lines (demo attachments; made up, no real data)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")

    text = b"BT /F1 16 Tf 56 780 Td (" + escape(title) + b") Tj /F1 11 Tf"
    for line in lines:
        text += b" 0 -22 Td (" + escape(line) + b") Tj"
    text += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
