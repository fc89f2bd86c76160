"""Attachments: governed files, kept in private storage, downloaded only through the access policy."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from ineen.audit.models import AuditEvent
from ineen.cases import actions, attachments
from ineen.cases.models import Attachment
from ineen.privacy import actions as privacy_actions
from ineen.privacy.enums import Basis, Visibility
from tests.factories import CLOSURE_PLAN

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})
DOCM = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>", "word/vbaProject.bin": b"\x00"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<o/>"})


def upload(name="verslag.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def add(
    case,
    user,
    *,
    title="Verslag",
    content=PDF,
    name="verslag.pdf",
    visibility=Visibility.TEAM,
    basis=Basis.COVENANT,
    concerns=(),
    shared_with=(),
):
    attachment = Attachment(title=title, basis=basis, visibility=visibility)
    with transaction.atomic():
        return actions.add_attachment(
            case=case,
            attachment=attachment,
            upload=upload(name, content),
            actor=user,
            concerns=concerns,
            shared_with=shared_with,
        )


# --- recognising files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", PDF, "pdf"),
        ("foto.png", PNG, "png"),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        ("brief.docx", DOCX, "docx"),
        ("brief.odt", ODT, "odt"),
        ("log.txt", "Dagboek van moeder: é".encode(), "txt"),
        ("zonder-extensie", PDF, "pdf"),
    ],
)
def test_recognised_from_content(name, content, kind):
    assert attachments.recognise(io.BytesIO(content), name) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 40),
        ("nep.pdf", b"MZ\x90\x00 not a pdf"),  # the name says pdf, the content does not
        ("script.html", b"<script>alert(1)</script>"),
        ("page.txt", b"\x00\x01binary"),
        ("macro.docx", DOCM),
        ("kapot.docx", b"PK\x03\x04 broken zip"),
        ("archief.zip", _zip({"a.txt": b"x"})),
        ("svg.svg", b"<svg onload='alert(1)'/>"),
    ],
)
def test_refused_kinds(name, content):
    with pytest.raises(attachments.Refused):
        attachments.recognise(io.BytesIO(content), name)


def test_safe_name_strips_paths_and_forces_the_real_extension():
    assert attachments.safe_name("../../etc/passwd.pdf", "pdf") == "passwd.pdf"
    assert attachments.safe_name("C:\\Users\\x\\rapport.exe", "pdf") == "rapport.pdf"
    assert attachments.safe_name('a"b<c>\r\n.pdf', "pdf") == "abc.pdf"
    assert attachments.safe_name("...", "png") == "bijlage.png"


# --- the action -----------------------------------------------------------------------------------


def test_add_stores_privately_with_source_and_audit(cast):
    anna = cast.case.household.members.get(first_name="Anna")
    attachment = add(cast.case, cast.member, concerns=[anna])
    attachment.refresh_from_db()
    assert attachment.source_organisation == cast.member.organisation  # never chosen
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    assert attachment.file.name == f"{cast.case.public_id}/{attachment.public_id}"  # no original name on disk
    assert "verslag" not in attachment.file.name
    with attachments.storage().open(attachment.file.name, "rb") as handle:
        assert handle.read() == PDF
    assert attachments.storage().path(attachment.file.name).startswith(str(attachments.storage().location))
    event = AuditEvent.objects.get(object_type="attachment", action="create")
    assert event.object_id == str(attachment.public_id) and event.person_ids == [str(anna.public_id)]


def test_a_failing_add_leaves_no_file(cast, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(actions.events, "record", broken)
    with pytest.raises(RuntimeError):
        add(cast.case, cast.member)
    assert not Attachment.objects.exists()
    root = attachments.storage().path(str(cast.case.public_id))
    import os

    assert not os.path.exists(root) or os.listdir(root) == []


def test_remove_deletes_the_file_after_commit(cast, django_capture_on_commit_callbacks):
    attachment = add(cast.case, cast.member)
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        actions.remove_attachment(attachment=attachment, actor=cast.member, reason="Verkeerde casus.")
    assert not Attachment.objects.exists()
    assert not attachments.storage().exists(name)
    assert AuditEvent.objects.filter(object_type="attachment", action="delete", detail="Verkeerde casus.").exists()


def test_orphan_sweep_removes_only_old_files_without_a_row(cast, tmp_path):
    import os
    import time

    kept = add(cast.case, cast.member)
    store = attachments.storage()
    orphan = store.save(f"{cast.case.public_id}/orphan", io.BytesIO(b"left behind"))
    fresh = store.save(f"{cast.case.public_id}/fresh", io.BytesIO(b"being uploaded"))
    old = time.time() - 2 * 24 * 3600
    os.utime(store.path(orphan), (old, old))
    os.utime(store.path(kept.file.name), (old, old))
    assert attachments.sweep_orphans(dry_run=True) == 1
    assert store.exists(orphan)
    assert attachments.sweep_orphans() == 1
    assert not store.exists(orphan) and store.exists(fresh) and store.exists(kept.file.name)


# --- the views ---------------------------------------------------------------------------------------


def _form(title="Veiligheidsplan", file=None, **extra):
    return {"title": title, "upload": file or upload(), "basis": "covenant", "visibility": "team", **extra}


def test_upload_through_the_page_and_download(cast, login):
    http = login(cast.member)
    url = reverse("web:attachment_add", args=[cast.case.public_id])
    assert http.get(url).status_code == 200
    response = http.post(url, _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = Attachment.objects.get()
    page = http.get(reverse("web:case_attachments", args=[cast.case.public_id])).content.decode()
    assert "Veiligheidsplan" in page and "verslag.pdf" in page
    download = http.get(reverse("web:attachment_download", args=[cast.case.public_id, attachment.public_id]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert "no-store" in download["Cache-Control"]
    assert AuditEvent.objects.filter(
        object_type="attachment", action="view", detail="download", actor=cast.member
    ).exists()


def test_refused_file_keeps_what_was_typed(cast, login):
    http = login(cast.member)
    url = reverse("web:attachment_add", args=[cast.case.public_id])
    response = http.post(url, _form(title="Mijn titel", file=upload("x.exe", b"MZ\x90\x00"), basis_reason=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit soort bestand wordt niet aangenomen" in page and 'value="Mijn titel"' in page
    assert not Attachment.objects.exists()


def test_oversized_file_is_skipped_while_reading(cast, login, settings):
    settings.INEEN_ATTACHMENT_MAX_MB = 1
    http = login(cast.member)
    url = reverse("web:attachment_add", args=[cast.case.public_id])
    big = upload("groot.pdf", PDF + b"0" * (1024 * 1024 + 10))
    response = http.post(url, _form(title="Groot bestand", file=big))
    assert response.status_code == 400
    page = response.content.decode()
    assert "groter dan 1 MB" in page and 'value="Groot bestand"' in page
    assert not Attachment.objects.exists()


def test_health_file_cannot_rest_on_the_covenant(cast, login):
    http = login(cast.member)
    url = reverse("web:attachment_add", args=[cast.case.public_id])
    response = http.post(url, _form(is_health_information="on"))
    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_source_only_file_gives_others_only_the_signal(cast, login):
    attachment = add(cast.case, cast.member, title="Proces-verbaal", visibility=Visibility.SOURCE_ONLY)
    http = login(cast.director)
    page = http.get(reverse("web:case_attachments", args=[cast.case.public_id])).content.decode()
    assert "Proces-verbaal" not in page
    assert f"neem contact op met {cast.member.organisation.name}" in page
    url = reverse("web:attachment_download", args=[cast.case.public_id, attachment.public_id])
    assert http.get(url).status_code == 404
    assert AuditEvent.objects.filter(object_type="attachment", outcome="denied", actor=cast.director).exists()
    assert login(cast.member).get(url).status_code == 200


def test_consent_based_file_follows_consent(cast, login):
    anna = cast.case.household.members.get(first_name="Anna")
    attachment = add(cast.case, cast.member, basis=Basis.CONSENT, concerns=[anna])
    url = reverse("web:attachment_download", args=[cast.case.public_id, attachment.public_id])
    assert login(cast.director).get(url).status_code == 404
    consent = privacy_actions.record_consent(
        case=cast.case,
        person=anna,
        organisation=cast.member.organisation,
        purpose="case_conference",
        form="written",
        actor=cast.chair,
    )
    assert login(cast.director).get(url).status_code == 200
    privacy_actions.withdraw_consent(case=cast.case, consent=consent, actor=cast.chair)
    assert login(cast.director).get(url).status_code == 404


def test_attachment_of_another_case_is_not_found(cast, login):
    from tests.factories import active_case

    other = active_case(cast.chair, cast.director, cast.director, name="Gezin Ander")
    attachment = add(other, cast.director)
    url = reverse("web:attachment_download", args=[cast.case.public_id, attachment.public_id])
    assert login(cast.member).get(url).status_code == 404  # member of cast.case, not of `other`


def test_changed_file_is_refused(cast, login):
    attachment = add(cast.case, cast.member)
    with open(attachments.storage().path(attachment.file.name), "ab") as handle:
        handle.write(b"tampered")
    response = login(cast.member).get(
        reverse("web:attachment_download", args=[cast.case.public_id, attachment.public_id])
    )
    assert response.status_code == 409
    assert "gewijzigd of verdwenen" in response.content.decode()


def test_only_uploader_or_chair_removes(cast, login):
    attachment = add(cast.case, cast.member)
    url = reverse("web:attachment_remove", args=[cast.case.public_id, attachment.public_id])
    listing = reverse("web:case_attachments", args=[cast.case.public_id])
    assert url not in login(cast.director).get(listing).content.decode()  # no link where it would be a 404
    assert url in login(cast.chair).get(listing).content.decode()
    assert login(cast.director).post(url, {"reason": "Weg ermee."}).status_code == 404
    response = login(cast.member).post(url, {"reason": ""})
    assert response.status_code == 400
    assert Attachment.objects.exists()
    assert login(cast.member).post(url, {"reason": "Verkeerde casus."}).status_code == 302
    assert not Attachment.objects.exists()


def test_subject_export_and_transparency_list_the_file_not_its_content(cast, login):
    from ineen.privacy import exports, transparency

    anna = cast.case.household.members.get(first_name="Anna")
    add(cast.case, cast.member, title="Verslag huisbezoek", concerns=[anna], content=b"%PDF-1.4 GEHEIME-INHOUD")
    add(cast.case, cast.director, title="Politie-informatie", concerns=[anna], visibility=Visibility.SOURCE_ONLY)
    data = exports.subject_access(case=cast.case, person=anna, user=cast.chair)
    titles = [a["title"] for a in data["attachments"]]
    assert titles == ["Verslag huisbezoek"]
    assert "GEHEIME-INHOUD" not in exports.as_json(data)
    assert any(w["source_organisation"] == cast.director.organisation.name for w in data["withheld"])
    shared = transparency.shared_about(cast.case, anna)
    assert [r["label"] for r in shared].count("Bijlage (bestand)") == 1  # the source-only one is not listed


@pytest.mark.parametrize(
    ("exit_code", "message"), [(1, "virus gevonden"), (2, "niet op virussen worden gecontroleerd")]
)
def test_virus_scanner_refuses_and_leaves_no_file(cast, settings, tmp_path, exit_code, message):
    scanner = tmp_path / "scanner.sh"
    scanner.write_text(f"#!/bin/sh\nexit {exit_code}\n")
    scanner.chmod(0o700)
    settings.INEEN_ATTACHMENT_SCAN_COMMAND = str(scanner)
    with pytest.raises(attachments.Refused, match=message):
        add(cast.case, cast.member)
    assert not Attachment.objects.exists()
    import os

    folder = attachments.storage().path(str(cast.case.public_id))
    assert not os.path.exists(folder) or os.listdir(folder) == []


def test_virus_scanner_clean_file_is_kept_and_sees_the_stored_file(cast, settings, tmp_path):
    seen = tmp_path / "seen"
    scanner = tmp_path / "scanner.sh"
    scanner.write_text(f'#!/bin/sh\nhead -c 5 "$1" > {seen}\nexit 0\n')
    scanner.chmod(0o700)
    settings.INEEN_ATTACHMENT_SCAN_COMMAND = str(scanner)
    add(cast.case, cast.member)
    assert seen.read_bytes() == b"%PDF-"
    assert Attachment.objects.count() == 1


def test_attachments_verify_command_reports_missing_and_changed_files(cast):
    from django.core.management import CommandError, call_command

    first, second, third = (add(cast.case, cast.member, title=f"Bestand {n}") for n in range(3))
    out = io.StringIO()
    call_command("attachments_verify", stdout=out)
    assert "attachments checked: 3, missing: 0, changed: 0" in out.getvalue()
    attachments.storage().delete(first.file.name)
    with open(attachments.storage().path(second.file.name), "ab") as handle:
        handle.write(b"x")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("attachments_verify", stdout=out)
    assert f"missing: {first.public_id}" in out.getvalue() and f"changed: {second.public_id}" in out.getvalue()
    assert str(third.public_id) not in out.getvalue()


def test_retention_deletes_attachment_rows_and_files(cast, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from ineen.privacy import retention

    attachment = add(cast.case, cast.member)
    name = attachment.file.name
    actions.close_case(plan=CLOSURE_PLAN, case=cast.case, actor=cast.chair, reason="Afgerond.")
    later = timezone.now() + timezone.timedelta(days=366 * 6)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.anonymise_household(cast.case.household, now=later) is not None
    assert not Attachment.objects.exists()
    assert not attachments.storage().exists(name)


def test_retention_job_sweeps_orphan_files(cast):
    import os
    import time

    from ineen.privacy import retention

    store = attachments.storage()
    orphan = store.save(f"{cast.case.public_id}/orphan", io.BytesIO(b"left behind"))
    old = time.time() - 2 * 24 * 3600
    os.utime(store.path(orphan), (old, old))
    assert retention.apply(dry_run=True).orphan_files == 1 and store.exists(orphan)
    report = retention.apply()
    assert report.orphan_files == 1 and not store.exists(orphan)
    assert "1 attachment file(s) without a record were removed" in "\n".join(report.lines())
