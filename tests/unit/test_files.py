"""Attachments are accepted by what their bytes are, never by their names."""

import io
import zipfile

import pytest

from app.concerns.files import DOCX, FileRejected, check_file, safe_filename

MB = 1024 * 1024
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 100


def make_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def make_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", EXE)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "media_type", "stored_name"),
    [
        ("letter.pdf", PDF, "application/pdf", "letter.pdf"),
        ("photo.PNG", PNG, "image/png", "photo.png"),
        ("photo.jpeg", JPEG, "image/jpeg", "photo.jpeg"),
        ("notes.docx", make_docx(), DOCX, "notes.docx"),
        ("notes.txt", "Meeting on 3 March – £20 bus fare".encode(), "text/plain", "notes.txt"),
        ("notes.txt", "Windows text £".encode("cp1252"), "text/plain", "notes.txt"),
        # A photo called .pdf is still a photo: kept, with its true extension.
        ("scan.pdf", PNG, "image/png", "scan.pdf.png"),
    ],
)
def test_allowed_files_are_accepted_by_content(name, content, media_type, stored_name) -> None:
    checked = check_file(name, content, max_bytes=10 * MB)
    assert checked.media_type == media_type
    assert checked.filename == stored_name
    assert checked.content == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", EXE),  # an executable renamed .pdf
        ("report.pdf", ELF),
        ("letter.docx", make_zip()),  # a zip that is not a Word document
        ("notes.txt", b"text\x00with\x00nulls"),
        ("image.gif", b"GIF89a" + b"\x00" * 20),
    ],
)
def test_other_files_are_refused_with_a_clear_message(name, content) -> None:
    with pytest.raises(FileRejected, match="must be a PDF, JPG, PNG, Word document"):
        check_file(name, content, max_bytes=10 * MB)


def test_empty_and_oversized_files_are_refused() -> None:
    with pytest.raises(FileRejected, match="is empty"):
        check_file("a.pdf", b"", max_bytes=10 * MB)
    with pytest.raises(FileRejected, match="smaller than 10MB"):
        check_file("a.pdf", PDF + b"0" * (10 * MB), max_bytes=10 * MB)


def test_filenames_lose_paths_and_control_characters() -> None:
    assert safe_filename("../../etc/passwd.txt", "text/plain") == "passwd.txt"
    assert safe_filename("C:\\Users\\me\\letter.pdf", "application/pdf") == "letter.pdf"
    assert safe_filename("bad\x00name\x1f.pdf", "application/pdf") == "badname.pdf"
    assert safe_filename("", "image/png") == "file.png"
    assert len(safe_filename("x" * 500 + ".pdf", "application/pdf")) <= 130
