"""Attachments (bijlagen): files a professional adds to a case, e.g. a Veilig Thuis report or a safety plan.

An attachment is case content like a note: a governed item with source organisation, basis, visibility and
the persons it concerns (models.Attachment); the access policy decides who may download it. This module
holds what is generic about the file itself:

- **Private storage.** Files live in their own storage (settings.STORAGES["attachments"], a folder outside
  the static and media roots, mode 0600) under a random name; no web server serves that folder, the only
  way out is the download view, which asks the policy first and writes an audit event.
- **What may be uploaded.** The kind is recognised from the file's first bytes, never from the browser's
  content type or the name alone: PDF, PNG, JPEG, Word/Excel (OOXML, without macros), OpenDocument text
  and spreadsheet, plain text. Anything else is refused with a message that says what is allowed.
- **Size.** `SizeLimitUploadHandler` skips a file part larger than INEEN_ATTACHMENT_MAX_MB while the
  request is still being read, so an oversized upload never fills the disk and the other fields the user
  typed still arrive (the form shows them again with a clear message).
- **Virus scan.** When INEEN_ATTACHMENT_SCAN_COMMAND is set (e.g. `clamdscan --no-summary --fdpass`), every
  stored file is passed to it before the row is saved: exit 0 accepts, 1 refuses ("a virus was found"), and
  anything else (scanner down, timeout) refuses too, with "try again later" — when unsure, deny.
- **Integrity.** The SHA-256 of the content is stored; the download view recomputes it and refuses a
  file that changed on disk after upload.
"""

import hashlib
import logging
import os
import re
import shlex
import subprocess  # nosec B404
import time
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


def storage():
    """The private attachment storage: settings.STORAGES["attachments"], as held by the file field (Django
    resolves a callable storage once, when the model is loaded; this returns that same instance)."""
    from .models import Attachment

    return Attachment._meta.get_field("file").storage


def max_bytes() -> int:
    return int(settings.INEEN_ATTACHMENT_MAX_MB) * 1024 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts the bytes of each file part and skips a part that grows past
    the limit. The request remembers which fields were too large (`request.upload_too_large`)."""

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_bytes():
            too_large = getattr(self.request, "upload_too_large", set())
            too_large.add(self.field_name)
            self.request.upload_too_large = too_large
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file object


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


KINDS = {
    "pdf": Kind("PDF", "application/pdf", (".pdf",)),
    "png": Kind("PNG", "image/png", (".png",)),
    "jpeg": Kind("JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "docx": Kind("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": Kind("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "odt": Kind("OpenDocument-tekst", "application/vnd.oasis.opendocument.text", (".odt",)),
    "ods": Kind("OpenDocument-rekenblad", "application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    "txt": Kind("tekst", "text/plain; charset=utf-8", (".txt",)),
}
ALLOWED_LABEL = ", ".join(k.label for k in KINDS.values())

_ZIP_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


class Refused(ValueError):
    """The file cannot be accepted; the message is for the user."""


def _office_kind(upload, extension: str) -> str:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())  # only the directory is read: nothing is unpacked
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise Refused(_("Bestanden met macro's worden niet aangenomen. Sla het bestand op zonder macro's."))
            for kind, marker in _ZIP_MARKERS.items():
                if marker in names and extension in KINDS[kind].extensions:
                    return kind
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()
                for kind, expected in _ODF_MIMETYPES.items():
                    if mimetype == expected and extension in KINDS[kind].extensions:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError) as error:
        raise Refused(_("Dit bestand is beschadigd of geen geldig document.")) from error
    raise Refused(_("Dit soort bestand wordt niet aangenomen. Toegestaan: %(kinds)s.") % {"kinds": ALLOWED_LABEL})


def _is_text(upload) -> bool:
    upload.seek(0)
    sample = upload.read(64 * 1024)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A cut in the middle of a multi-byte character at the end of the sample is fine.
        return error.start >= len(sample) - 3
    return True


def recognise(upload, name: str) -> str:
    """The kind of the uploaded file, from its content (and, for zip-based documents and text, its
    extension). Raises Refused with a message for the user."""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload, extension)
    elif extension == ".txt" and _is_text(upload):
        kind = "txt"
    else:
        raise Refused(_("Dit soort bestand wordt niet aangenomen. Toegestaan: %(kinds)s.") % {"kinds": ALLOWED_LABEL})
    upload.seek(0)
    return kind


SCAN_UNAVAILABLE = _("Het bestand kon nu niet op virussen worden gecontroleerd. Probeer het later opnieuw.")


def scan(name: str) -> None:
    """Run the configured virus scanner on a stored file (see the module docstring). Raises Refused."""
    command = settings.INEEN_ATTACHMENT_SCAN_COMMAND
    if not command:
        return
    try:
        # A fixed command from the operator's configuration plus our own random storage path: no user input.
        result = subprocess.run(  # noqa: S603
            [*shlex.split(command), storage().path(name)],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.error("attachment scan could not run: %s", error)
        raise Refused(SCAN_UNAVAILABLE) from error
    if result.returncode == 1:
        log.warning("attachment refused by the virus scanner: %s", result.stdout[-500:])
        raise Refused(_("In dit bestand is een virus gevonden. Het is niet opgeslagen."))
    if result.returncode != 0:
        log.error("attachment scanner failed (%s): %s", result.returncode, result.stderr[-500:])
        raise Refused(SCAN_UNAVAILABLE)


def safe_name(name: str, kind: str) -> str:
    """The file name offered on download: no path, no control characters, at most 120 characters, with
    the extension of the recognised kind (so the name cannot disguise what the file is)."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[\x00-\x1f\x7f\"<>:|?*]+", "", stem).strip(" .") or "bijlage"
    return stem[:110] + KINDS[kind].extensions[0]


def digest(upload) -> str:
    upload.seek(0)
    sha = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def stored_digest(name: str) -> str | None:
    """SHA-256 of a stored file, or None when it is missing."""
    store = storage()
    if not store.exists(name):
        return None
    sha = hashlib.sha256()
    with store.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            sha.update(chunk)
    return sha.hexdigest()


# --- keeping the folder in step with the rows -------------------------------------------------------


def delete_file_after_commit(sender, instance, **kwargs):
    """post_delete of Attachment (connected in apps.py): whatever deletes the row (removal, the retention
    job, a deleted case), the file goes too, but only once the deletion is committed."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: storage().delete(name))


def sweep_orphans(*, older_than_seconds: int = 24 * 60 * 60, dry_run: bool = False) -> int:
    """Delete stored files that no attachment row points at (an upload whose request rolled back) and that
    are older than `older_than_seconds`, so a file being uploaded right now is never touched. Run by the
    daily retention job. Returns the number of files found."""
    from .models import Attachment

    store = storage()
    root = store.path("")
    known = set(Attachment.objects.values_list("file", flat=True))
    found = 0
    cutoff = time.time() - older_than_seconds
    for folder, _dirs, files in os.walk(root):
        for file in files:
            full = os.path.join(folder, file)
            name = os.path.relpath(full, root).replace(os.sep, "/")
            if name in known or os.path.getmtime(full) > cutoff:
                continue
            found += 1
            if not dry_run:
                store.delete(name)
    return found
