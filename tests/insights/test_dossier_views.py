"""The dossier analysis's four outputs (page, CSV, XLSX, API) carry the same numbers; who may read it;
the audit event; bad input; the number of queries does not grow with the households."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ineen.accounts.enums import Role
from ineen.audit.models import AuditEvent, Outcome

from ..factories import make_user
from .dossier_fixture import HOUSEHOLDS, add_household, build

pytestmark = pytest.mark.django_db
PAGE, CSV, XLSX = "insights:dossier", "insights:dossier_csv", "insights:dossier_xlsx"
API = "/api/v1/insights/dossier-analysis"


class Rows(HTMLParser):
    """The report's tables as rows of text: caption, header, then label and cells per row."""

    def __init__(self):
        super().__init__()
        self.rows, self.row, self.text, self.inside = [], None, "", False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.inside = True
        if self.inside and tag in ("caption", "tr"):
            self.row = []
        if self.inside and tag in ("caption", "th", "td"):
            self.text = ""

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag in ("th", "td"):
            self.row.append(self.text.strip())
        elif tag == "caption":
            self.rows.append([self.text.strip()])
        elif tag == "tr":
            self.rows.append(self.row)
        elif tag == "table":
            self.rows.append([])
            self.inside = False

    def handle_data(self, data):
        self.text += data


def page_rows(client, query=""):
    response = client.get(reverse(PAGE) + query)
    assert response.status_code == 200
    parser = Rows()
    parser.feed(response.content.decode())
    return parser.rows


def csv_rows(client, query=""):
    response = client.get(reverse(CSV) + query)
    assert response.status_code == 200
    return [row for row in csv.reader(io.StringIO(response.content.decode()))]


def xlsx_rows(client, query=""):
    response = client.get(reverse(XLSX) + query)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]


def api_rows(client, query=""):
    response = client.get(API + query)
    assert response.status_code == 200, response.content
    rows = []
    for table in response.json()["tables"]:
        rows += [[table["caption"]], table["columns"]]
        rows += [[row["label"], *row["cells"]] for row in table["rows"]]
        rows.append([])
    return rows


def trimmed(rows):
    """Without the empty line after the last table (a spreadsheet does not keep a trailing empty row)."""
    while rows and rows[-1] == []:
        rows = rows[:-1]
    return rows


@pytest.fixture
def analysed(cast):
    return build()


def test_the_four_outputs_carry_the_same_numbers(analysed, login):
    _house, chair = analysed
    client = login(chair)
    page = trimmed(page_rows(client))
    assert page == trimmed(csv_rows(client)) == trimmed(xlsx_rows(client)) == trimmed(api_rows(client))
    # the cell of 3 (agreements: action towards the family) is "<5" everywhere, without a percentage
    assert ["Actie: richting het gezin", "<5", "—"] in page
    assert ["Informatie uitwisselen: richting professionals", "7", "38.9%"] in page
    assert ["Tabel 3.2: soorten afspraken"] in page


def test_a_small_selection_shows_no_figures(analysed, login):
    _house, chair = analysed
    client = login(chair)
    response = client.get(reverse(PAGE) + "?route=regular")
    assert response.status_code == 200
    assert "<table" not in response.content.decode()
    assert "minder dan 5 huishoudens" in response.content.decode()
    body = client.get(API + "?route=regular").json()
    assert (body["shown"], body["tables"]) == (False, [])


def test_the_read_is_audited_without_cases(analysed, login):
    house, chair = analysed
    client = login(chair)
    client.get(reverse(PAGE) + "?van=2026-03-01&route=mda")
    event = AuditEvent.objects.filter(object_type="dossier_analysis").latest("pk")
    assert (event.outcome, event.action, event.safety_house_code) == (Outcome.ALLOWED, "view", "analyse")
    assert event.detail == "huis=analyse;van=2026-03-01;tot=;route=mda"
    assert "ANA-" not in event.detail and event.household_id == ""
    client.get(reverse(CSV))
    assert AuditEvent.objects.filter(object_type="dossier_analysis").latest("pk").action == "export"


def test_researcher_reads_a_professional_without_the_role_does_not(analysed, login):
    house, _chair = analysed
    researcher = make_user(house, Role.RESEARCHER)
    assert login(researcher).get(reverse(PAGE)).status_code == 200
    professional = make_user(house, Role.PROFESSIONAL)
    client = login(professional)
    before = AuditEvent.objects.count()
    for url in (reverse(PAGE), reverse(CSV), reverse(XLSX), API):
        assert client.get(url).status_code == 404
    denials = AuditEvent.objects.order_by("pk")[before:]
    assert [e.outcome for e in denials] == [Outcome.DENIED] * 4


def test_another_house_is_a_404(analysed, cast, login):
    _house, chair = analysed
    client = login(chair)
    before = AuditEvent.objects.count()
    assert client.get(reverse(PAGE) + f"?huis={cast.house.code}").status_code == 404
    assert client.get(API + f"?house={cast.house.code}").status_code == 404
    assert client.get(API + "?house=bestaat-niet").status_code == 404
    denials = AuditEvent.objects.order_by("pk")[before:]
    assert [e.outcome for e in denials] == [Outcome.DENIED] * 3
    # and the other house's chair sees her own house, never this one's figures
    assert login(cast.chair).get(API + "?house=analyse").status_code == 404


def test_bad_input_is_a_400_with_a_dutch_message(analysed, login):
    _house, chair = analysed
    client = login(chair)
    response = client.get(reverse(PAGE) + "?van=2026-05-01&tot=2026-04-01")
    assert response.status_code == 400
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert 'value="2026-05-01"' in response.content.decode()  # nothing typed is lost
    assert client.get(reverse(CSV) + "?van=gisteren").status_code == 400
    # the API takes what its schema calls valid: an end before the start selects nothing, a far date is clamped
    body = client.get(API + "?from=2026-05-01&to=2026-04-01").json()
    assert (body["shown"], body["tables"]) == (False, [])
    assert client.get(API + "?from=1000-01-01&to=9999-12-31").json()["shown"] is True
    assert client.get(API + "?to=0").status_code == 400  # not a Unix time
    assert client.get(API + "?to=2026-02-30").status_code == 400  # no such day
    assert client.get(API + "?from=gisteren").status_code == 400
    assert client.get(API + "?route=onbekend").status_code == 400


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def test_queries_do_not_grow_with_the_households(analysed, login):
    house, chair = analysed
    client = login(chair)
    client.get(reverse(PAGE))  # warm the session and caches
    before = {url: len(_queries(client, url)) for url in (reverse(PAGE), API)}
    for n in range(4):
        add_household(house, chair, f"A{n}", HOUSEHOLDS["A"], 10 + n)
    after = {url: len(_queries(client, url)) for url in (reverse(PAGE), API)}
    assert before == after
    assert max(after.values()) <= BUDGET


# The report is one aggregate query per measure group (dossier.compute: 16 for a shown selection) plus the
# request's own (session, user, roles, the audit insert): a documented exception to the 15 of
# tests/web/test_queries.py, as Mijn werk's budget is; constant in the number of households.
BUDGET = 26
