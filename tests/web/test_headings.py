"""Text that acts as a heading is a heading (WCAG 1.3.1): a screen-reader user jumps to it by heading, at
the level below the page's h1, instead of meeting a bold paragraph."""

import re

from django.urls import reverse

from ..conferences.reporting import held_conference
from .test_queries import grow


def heading(html, text):
    """The level of the heading with this text (None if it is no heading); the h1 must come first."""
    match = re.search(rf"<h([1-6])[^>]*>\s*{re.escape(text)}\s*</h\1>", html)
    if match is None:
        return None
    assert html.index("<h1") < match.start()
    return int(match.group(1))


def test_withheld_information_has_a_heading_on_the_household_page(cast, client_for):
    grow(cast.case, 1, cast.chair)  # source-only items: the member sees only that there is more
    html = client_for(cast.member).get(reverse("web:case_household", args=[cast.case.public_id])).content.decode()
    assert heading(html, "Er is meer informatie beschikbaar") == 2
    assert "<p><strong>Er is meer informatie" not in html


def test_report_names_its_client_versions_and_withheld_information_with_headings(cast, client_for):
    held = held_conference(cast)
    url = reverse("conferences:report", args=[held.conference.public_id])
    html = client_for(cast.chair).get(url).content.decode()
    assert heading(html, "Versie in eenvoudige taal, om af te drukken en te geven aan:") == 2
    html = client_for(cast.member).get(url).content.decode()
    assert heading(html, "Er is meer informatie beschikbaar") == 2
