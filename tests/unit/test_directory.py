"""Schools from the DfE register: the phrases redaction looks for, and reading a GIAS export."""

import pytest

from app.directory.service import ImportProblem, read_gias, school_phrases


@pytest.mark.parametrize(
    ("name", "phrases"),
    [
        ("St Mary's CE Primary School", ["St Mary's CE Primary School", "St Mary's"]),
        (
            "Whitecross Hereford High School",
            ["Whitecross Hereford High School", "Whitecross Hereford"],
        ),
        # A one-word core may be a town or a common word: only the full name is looked for.
        ("Hereford Academy", ["Hereford Academy"]),
        ("Riverside Primary School", ["Riverside Primary School"]),
        ("St Ethelbert's School", ["St Ethelbert's School", "St Ethelbert's"]),
        ("Bishop's Academy", ["Bishop's Academy", "Bishop's"]),
    ],
)
def test_school_phrases(name, phrases) -> None:
    assert school_phrases(name) == phrases


def test_a_gias_export_in_windows_1252_is_read() -> None:
    raw = 'URN,EstablishmentName,Town\r\n116000,"St Thomas à Becket School",Hereford\r\n'.encode(
        "cp1252"
    )
    assert read_gias(raw) == [(116000, "St Thomas à Becket School", "Hereford")]


def test_a_file_that_is_not_gias_is_refused_with_the_reason() -> None:
    with pytest.raises(ImportProblem, match="URN and EstablishmentName"):
        read_gias(b"name,town\nA School,Ross\n")
    with pytest.raises(ImportProblem, match="Line 3"):
        read_gias(b"URN,EstablishmentName\n1,A School\nx,B School\n")
