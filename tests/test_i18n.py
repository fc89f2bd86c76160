"""The interface is written in Dutch; English is a real, complete translation.

- Dutch is the default; switching via the language form (/i18n/setlang/) gives English.
- The English .po has no untranslated or fuzzy entries, keeps every placeholder,
  and the committed .mo matches it (so machines without gettext still get English).
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LC_MESSAGES = Path(settings.BASE_DIR) / "ineen" / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"


# --- a tiny .po parser (enough for what makemessages writes) -------------------------------------------------------


def parse_po(path):
    """Return a list of entries: dicts with msgid, msgid_plural, msgstr (list), flags, obsolete."""
    entries, entry, field = [], None, None

    def flush():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            flush()
            entry, field = None, None
            continue
        if line.startswith("#") and not obsolete:
            if entry is not None and "msgid" in entry:  # a comment starts the next entry
                flush()
                entry, field = None, None
            entry = entry or {"flags": set(), "msgstr": {}, "obsolete": False}
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        entry = entry or {"flags": set(), "msgstr": {}, "obsolete": False}
        entry["obsolete"] = entry["obsolete"] or obsolete
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += value
            else:
                entry[field] += value
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if match:
            field = ("msgstr", int(match.group(1)))
            entry["msgstr"][field[1]] = value
        elif keyword == "msgstr":
            field = ("msgstr", 0)
            entry["msgstr"][0] = value
        else:
            if keyword == "msgid" and "msgid" in entry:  # no blank line between entries
                flush()
                entry = {"flags": set(), "msgstr": {}, "obsolete": obsolete}
            field = keyword
            entry[field] = value
    flush()
    return [
        {**e, "msgstr": [e["msgstr"][i] for i in sorted(e["msgstr"])], "msgid_plural": e.get("msgid_plural")}
        for e in entries
    ]


@pytest.fixture(scope="module")
def po_entries():
    entries = [e for e in parse_po(PO_PATH) if not e["obsolete"]]
    header = [e for e in entries if e["msgid"] == ""]
    assert len(header) == 1
    return header[0], [e for e in entries if e["msgid"] != ""]


def _label(e):
    return e["msgid"][:80]


PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]")


# --- the translation files ------------------------------------------------------------------------------------------


def test_po_header_is_english_and_not_fuzzy(po_entries):
    header, _entries = po_entries
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]


def test_po_has_many_entries(po_entries):
    _header, entries = po_entries
    assert len(entries) > 1000  # the whole interface, not just a few strings


def test_po_has_no_untranslated_or_fuzzy_entries(po_entries):
    _header, entries = po_entries
    fuzzy = [_label(e) for e in entries if "fuzzy" in e["flags"]]
    untranslated = [_label(e) for e in entries if not e["msgstr"] or not all(e["msgstr"])]
    plural_forms_missing = [_label(e) for e in entries if e["msgid_plural"] and len(e["msgstr"]) != 2]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    assert not untranslated, f"untranslated entries: {untranslated}"
    assert not plural_forms_missing, f"plural entries without two forms: {plural_forms_missing}"


def test_po_translations_keep_placeholders(po_entries):
    _header, entries = po_entries
    broken = []
    for e in entries:
        if e["msgid_plural"]:
            if sorted(PLACEHOLDER.findall(e["msgid_plural"])) != sorted(PLACEHOLDER.findall(e["msgstr"][1])):
                broken.append(_label(e))
            if not set(PLACEHOLDER.findall(e["msgstr"][0])) <= set(PLACEHOLDER.findall(e["msgid_plural"])):
                broken.append(_label(e))
        elif sorted(PLACEHOLDER.findall(e["msgid"])) != sorted(PLACEHOLDER.findall(e["msgstr"][0])):
            broken.append(_label(e))
    assert not broken, f"placeholders changed in: {broken}"


def test_committed_mo_matches_po(po_entries):
    """The .mo is committed; it must be compiled from the current .po."""
    _header, entries = po_entries
    assert MO_PATH.exists(), "run: manage.py compilemessages --ignore=.venv"
    with MO_PATH.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    stale = []
    for e in entries:
        if e["msgid_plural"]:
            got = [
                catalog.ngettext(e["msgid"], e["msgid_plural"], 1),
                catalog.ngettext(e["msgid"], e["msgid_plural"], 2),
            ]
        else:
            got = [catalog.gettext(e["msgid"])]
        if got != e["msgstr"]:
            stale.append(_label(e))
    assert not stale, f"django.mo is out of date for: {stale[:10]} (run compilemessages)"


# --- the interface --------------------------------------------------------------------------------------------------


def _switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.django_db
def test_login_page_is_dutch_by_default(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="nl"' in html
    assert "Inloggen bij Ineen" in html
    assert "Wachtwoord vergeten?" in html
    assert "Log in to Ineen" not in html


@pytest.mark.django_db
def test_login_page_in_english_after_switching_language(client):
    _switch_to_english(client)
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="en"' in html
    assert "Log in to Ineen" in html
    assert "Forgot your password?" in html
    assert "Inloggen bij Ineen" not in html
    assert "Wachtwoord vergeten?" not in html


@pytest.mark.django_db
def test_login_page_in_english_with_cookie_or_accept_language(client):
    html = client.get(reverse("account_login"), headers={"accept-language": "en"}).content.decode()
    assert "Log in to Ineen" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("account_login")).content.decode()
    assert "Log in to Ineen" in html


def test_dashboard_is_dutch_by_default(cast, login):
    html = login(cast.chair).get(reverse("web:dashboard")).content.decode()
    for dutch in ("Hoofdmenu", "Mijn werk", "Casussen", "Uitloggen", "Aanmeldingen voor het weegoverleg"):
        assert dutch in html
    assert "My work" not in html


def test_dashboard_in_english_after_switching_language(cast, login):
    client = login(cast.chair)
    _switch_to_english(client)
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    for english in (
        "Main menu",
        "My work",
        "Cases",
        "Security",
        "Log out",
        "Referrals for the triage meeting",
        "Cases I am in",
        "Skip to content",
    ):
        assert english in html, english
    for dutch in ("Hoofdmenu", "Mijn werk", "Uitloggen", "Aanmeldingen voor het weegoverleg", "Naar de inhoud"):
        assert dutch not in html, dutch


def test_english_choice_labels_and_plurals(cast, login):
    """Lazy strings (enum labels) and plural forms are translated too."""
    client = login(cast.chair)
    _switch_to_english(client)
    html = client.get(reverse("web:case_list")).content.decode()
    assert "Cases you are allowed to see" in html
    assert re.search(r"\b1 case\b|\b\d+ cases\b", html)
