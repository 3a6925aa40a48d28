"""Which uploaded files we accept, decided by what the bytes are, never by the name.

Families send photos of letters, screenshots, PDFs of reports and Word documents.
Anything else — above all an executable renamed ".pdf" — is refused with a clear
message. A file is accepted only if its content is one of the allowed kinds; its
stored name gets the extension of what it really is.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import filetype

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    DOCX: "docx",
    "text/plain": "txt",
}
ALLOWED_DESCRIPTION = "a PDF, JPG, PNG, Word document (DOCX) or text file (TXT)"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Not kept in file names: all controls (C0, DEL, C1), and the bidi controls that can make
# "invoice\u202efdp.exe" look like "invoiceexe.pdf" to the member of staff who opens it.
_NAME_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A Word document is a zip: opened, it must fit in this, whatever its members claim.
MAX_DOCX_INFLATED = 50 * 1024 * 1024
MAX_DOCX_MEMBERS = 1000
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_CHUNK = 64 * 1024


class FileRejected(ValueError):
    """The file cannot be accepted; the message is shown to the family as it is."""


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    media_type: str
    content: bytes

    def stored(self, *, now: datetime) -> dict[str, Any]:
        """The columns of the file as kept with a draft or a case (triage.case.StoredFile)."""
        return {
            "filename": self.filename,
            "media_type": self.media_type,
            "size_bytes": len(self.content),
            "sha256": hashlib.sha256(self.content).hexdigest(),
            "content": self.content,
            "created_at": now,
        }


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _check_docx_inflates_safely(label: str, content: bytes) -> None:
    """Refuse a zip bomb or an archive inside the archive.

    The declared sizes (central directory) are checked first; then every member is
    decompressed in chunks, counting, because declared sizes can lie."""
    too_big = FileRejected(
        f"{label} is too big when it is opened. Save it as a PDF, or make it smaller, and try again"
    )
    packed = FileRejected(
        f"{label} has another file packed inside it, such as an embedded spreadsheet or zip "
        "file. Save it as a PDF and upload that instead"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if len(members) > MAX_DOCX_MEMBERS:
                raise too_big
            if sum(m.file_size for m in members) > MAX_DOCX_INFLATED:
                raise too_big
            inflated = 0
            for member in members:
                if member.is_dir():
                    continue
                with archive.open(member) as stream:
                    first = True
                    while chunk := stream.read(_CHUNK):
                        if first and chunk.startswith(_ZIP_MAGIC):
                            raise packed
                        first = False
                        inflated += len(chunk)
                        if inflated > MAX_DOCX_INFLATED:
                            raise too_big
    except FileRejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        # A member whose real size differs from its declared one fails its check here.
        raise too_big from None


def _is_text(content: bytes) -> bool:
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        if encoding == "utf-16" and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not _CONTROL.search(text)
    return False


def sniff_media_type(content: bytes) -> str | None:
    """The allowed media type the content really is, or None."""
    kind = filetype.guess(content)
    if kind is not None:
        if kind.mime == DOCX or kind.mime == "application/zip":
            return DOCX if _is_docx(content) else None
        return kind.mime if kind.mime in ALLOWED else None
    return "text/plain" if _is_text(content) else None


def safe_filename(name: str, media_type: str) -> str:
    """The name as the family knew it, without paths or control characters, with a true extension."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _NAME_REFUSED.sub("", name).strip().strip(".") or "file"
    stem, dot, ext = name.rpartition(".")
    expected = ALLOWED[media_type]
    if not dot:
        stem, ext = name, ""
    if ext.lower() not in {expected, "jpeg" if expected == "jpg" else expected}:
        stem = name
        ext = expected
    return f"{stem[:120]}.{ext.lower()}"


def check_file(name: str, content: bytes, *, max_bytes: int) -> CheckedFile:
    """Accept the file if its content is an allowed kind and within the size limit."""
    label = _NAME_REFUSED.sub("", name) or "The selected file"
    if not content:
        raise FileRejected(f"{label} is empty")
    if len(content) > max_bytes:
        raise FileRejected(f"{label} must be smaller than {max_bytes // (1024 * 1024)}MB")
    media_type = sniff_media_type(content)
    if media_type is None:
        raise FileRejected(f"{label} must be {ALLOWED_DESCRIPTION}")
    if media_type == DOCX:
        _check_docx_inflates_safely(label, content)
    return CheckedFile(safe_filename(name, media_type), media_type, content)
