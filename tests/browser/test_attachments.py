"""Attachments in the browser: add a file through the form (a refused kind first, with the typed title kept),
see it listed, download it, remove it. axe-core on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_download_and_remove_an_attachment(page, cast, login, audit, tmp_path):
    wrong = tmp_path / "programma.exe"
    wrong.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    plan = tmp_path / "veiligheidsplan.pdf"
    plan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    login(page, cast.member)
    page.goto(reverse("web:case_attachments", args=[cast.case.public_id]))
    page.get_by_role("link", name="Bijlage toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bijlage toevoegen")
    audit(page, "attachment-add")

    page.get_by_label("Titel").fill("Veiligheidsplan school")
    page.get_by_label("Bestand").set_input_files(str(wrong))
    page.locator("main form").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies het bestand opnieuw")
    expect(page.locator(".errorlist").first).to_contain_text("Dit soort bestand wordt niet aangenomen")
    expect(page.get_by_label("Titel")).to_have_value("Veiligheidsplan school")  # nothing typed is lost
    audit(page, "attachment-add-refused")

    page.get_by_label("Bestand").set_input_files(str(plan))
    page.locator("main form").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").or_(page.locator(".utrecht-alert--ok")).first).to_be_visible()
    link = page.get_by_role("link", name="Veiligheidsplan school", exact=True)
    expect(link).to_be_visible()
    audit(page, "attachment-listed")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "veiligheidsplan.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read().startswith(b"%PDF-1.4")

    page.get_by_role("link", name="Verwijderen Veiligheidsplan school").click()
    audit(page, "attachment-remove")
    page.get_by_label("Waarom moet deze bijlage weg?").fill("Hoort bij een ander gezin.")
    page.locator("main form").get_by_role("button", name="Verwijderen").click()
    expect(page.locator("#bijlagen")).to_contain_text("Nog geen bijlagen die u mag zien.")
