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


def docx_with(members: dict[str, bytes], *, lie_about: str | None = None) -> bytes:
    """A DOCX with extra members; lie_about makes that member's declared size tiny."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in members.items():
            archive.writestr(name, data)
    content = buffer.getvalue()
    if lie_about is not None:
        # Rewrite the declared uncompressed size (central directory and local header).
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo(lie_about)
        real = info.file_size.to_bytes(4, "little")
        content = content.replace(real, (100).to_bytes(4, "little"))
    return content


def test_a_docx_that_inflates_past_the_limit_is_refused() -> None:
    bomb = docx_with({"word/media/big.xml": b"0" * (120 * MB)})
    assert len(bomb) < 1 * MB  # small to send, huge to open
    with pytest.raises(FileRejected, match="too big when it is opened"):
        check_file("report.docx", bomb, max_bytes=10 * MB)


def test_a_docx_whose_sizes_lie_is_refused_while_reading() -> None:
    liar = docx_with({"word/media/big.xml": b"0" * (120 * MB)}, lie_about="word/media/big.xml")
    with pytest.raises(FileRejected):
        check_file("report.docx", liar, max_bytes=10 * MB)


def test_a_docx_with_an_archive_inside_is_refused() -> None:
    nested = docx_with({"word/embeddings/inner.docx": make_zip()})
    with pytest.raises(FileRejected, match="another file packed inside"):
        check_file("report.docx", nested, max_bytes=10 * MB)


def test_an_ordinary_docx_with_pictures_is_still_accepted() -> None:
    docx = docx_with({"word/media/image1.png": PNG * 1000, "word/styles.xml": b"<w:styles/>"})
    assert check_file("report.docx", docx, max_bytes=10 * MB).media_type == DOCX


@pytest.mark.parametrize(
    "control",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_bidi_controls_are_removed_from_file_names(control) -> None:
    name = safe_filename(f"invoice{control}fdp.pdf", "application/pdf")
    assert name == "invoicefdp.pdf"
    assert (
        check_file(f"invoice{control}fdp.exe", PDF, max_bytes=MB).filename == "invoicefdp.exe.pdf"
    )
