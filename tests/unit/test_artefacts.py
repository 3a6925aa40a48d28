"""Models built once and stored (app/text/artefacts.py), and the text engines' layering."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.config import ROOT
from app.text import artefacts, lexicon, name_model, theme_model, themes, warmup
from app.text.theme_model import Example

TINY = [
    Example("waited months for a reply, still waiting", ("delays",)),
    Example("the delay went on and on, months of waiting", ("delays",)),
    Example("nothing for months, the wait is too long", ("delays",)),
    Example("still waiting after a year of delays", ("delays",)),
    Example("months of delay and no end to the waiting", ("delays",)),
    Example("she was rude and spoke down to me", ("attitude-respect",)),
    Example("rude, patronising, treated me like a child", ("attitude-respect",)),
    Example("he shouted and was so rude to us", ("attitude-respect",)),
    Example("patronising and rude every visit", ("attitude-respect",)),
    Example("rude manner, spoke down to my mum", ("attitude-respect",)),
]


def _counting_build(calls: list[int], value: float = 1.5):
    def build() -> dict[str, object]:
        calls.append(1)
        return {"weights": {"bias": value}}

    return build


def test_a_model_is_built_once_then_loaded_from_its_file(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text('{"text": "x"}\n')
    calls: list[int] = []
    first = artefacts.load_or_build(tmp_path, "m", [data], ["numpy"], _counting_build(calls))
    again = artefacts.load_or_build(tmp_path, "m", [data], ["numpy"], _counting_build(calls))
    assert first == again == {"weights": {"bias": 1.5}}
    assert calls == [1]  # the second came from the file
    stored = json.loads((tmp_path / "m.json").read_text())
    assert stored["inputs_sha256"] == artefacts.inputs_hash([data], ["numpy"])
    assert stored["artefact_format"] == artefacts.FORMAT_VERSION


def test_a_change_to_the_data_rebuilds_the_model(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text('{"text": "x"}\n')
    calls: list[int] = []
    artefacts.load_or_build(tmp_path, "m", [data], [], _counting_build(calls))
    data.write_text('{"text": "y"}\n')
    rebuilt = artefacts.load_or_build(tmp_path, "m", [data], [], _counting_build(calls, 2.5))
    assert calls == [1, 1]
    assert rebuilt == {"weights": {"bias": 2.5}}
    assert artefacts.load_or_build(tmp_path, "m", [data], [], _counting_build(calls)) == rebuilt
    assert calls == [1, 1]


@pytest.mark.parametrize("content", ["not json", "[]", '{"artefact": "m"}'])
def test_an_unreadable_or_foreign_file_is_rebuilt(tmp_path: Path, content: str) -> None:
    (tmp_path / "m.json").write_text(content)
    calls: list[int] = []
    assert artefacts.load_or_build(tmp_path, "m", [], [], _counting_build(calls))
    assert calls == [1]
    assert json.loads((tmp_path / "m.json").read_text())["artefact"] == "m"


def test_an_unwritable_directory_still_gives_the_model(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    calls: list[int] = []
    model = artefacts.load_or_build(blocked / "models", "m", [], [], _counting_build(calls))
    assert model == {"weights": {"bias": 1.5}}


def test_the_shipped_name_model_is_stored_and_loads_as_trained(tmp_path: Path) -> None:
    model = name_model.shipped()
    stored = json.loads(artefacts.path_for(artefacts.model_directory(), "name-model").read_text())
    assert stored["inputs_sha256"] == artefacts.inputs_hash(
        name_model.inputs(), name_model._PACKAGES
    )
    assert stored["model"]["weights"] == model.weights
    # Its key covers the labelled texts, the word lists and the rules' own source.
    inputs = {p.name for p in name_model.inputs()}
    assert {"redaction.jsonl", "cues.txt", "name_rules.py", "tokens.py"} <= inputs


def test_a_theme_model_from_changed_shipped_examples_is_trained_again(
    monkeypatch, tmp_path: Path
) -> None:
    old = theme_model.train(TINY, taxonomy=themes.CODES)
    old.meta["shipped_sha256"] = "examples that have changed since"
    old.save(tmp_path)

    def train_shipped() -> theme_model.TextClassifier:
        model = theme_model.train(TINY, taxonomy=themes.CODES)
        model.meta["shipped_sha256"] = themes.shipped_key()
        return model

    monkeypatch.setattr(themes, "model_directory", lambda: tmp_path)
    monkeypatch.setattr(themes, "train_shipped", train_shipped)
    themes.forget_model()
    try:
        model = themes.current_model()
        assert model.meta["shipped_sha256"] == themes.shipped_key()
        assert theme_model.latest_version(tmp_path) == 2  # the old file stays, as history
    finally:
        themes.forget_model()


def test_models_build_warms_every_engine(monkeypatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(warmup, "warm", lambda progress: seen.append("warm") or {})
    assert CliRunner().invoke(cli, ["models", "build"]).exit_code == 0
    assert seen == ["warm"]
    assert CliRunner().invoke(cli, ["models", "train"]).exit_code != 0
    assert seen == ["warm"]


def test_word_lists_are_sections_of_data_files(tmp_path: Path, monkeypatch) -> None:
    assert "camhs" in lexicon.KEEP and "monday" in lexicon.KEEP
    assert lexicon.NOT_NAMES <= lexicon.COMMON
    assert all(p.suffix == ".txt" for p in lexicon.data_files())
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    (tmp_path / "bad.txt").write_text("# a list with no name\nwords\n")
    with pytest.raises(ValueError, match="before the first"):
        lexicon.words("bad", "x")


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The app.text modules a file imports, at its top or inside a function: "from
    app.text.risk import context" imports app.text.risk.context, not the package."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found & modules


def test_the_text_engines_import_one_another_without_a_cycle() -> None:
    modules = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (ROOT / "app" / "text").rglob("*.py")
    }
    graph = {m: _imports(p, set(modules)) - {m} for m, p in modules.items()}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(
            nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt}))
            for nxt in graph[start]
        )

    assert [m for m in modules if reaches(m, m, {m})] == []
