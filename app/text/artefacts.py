"""Trained models, built once and stored in FV_MODEL_DIR, not trained at every start.

A model is a pure function of what it was trained from: the shipped data files, the
engine's own source (the rules whose findings are its features) and the libraries that
fit it. Their SHA-256 (inputs_hash: a few hundred kilobytes, a few milliseconds) is the
model's key, stored in its file beside a format version. Loading reads the file if the
key and version match; otherwise (missing, stale, unreadable) it trains, and writes the
file when the directory is writable, so the next start loads it. `familyvoice models
build` (and `make install`) does this ahead of time for every model.

Files are JSON, never pickles: loading parses numbers and strings and runs no code. Written
to a temporary file and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from app.config import ROOT

# Bumped when the layout of the files below changes: older files are then rebuilt.
FORMAT_VERSION = 1

# Standard logging: the batch commands' stdout holds nothing but their JSON Lines.
log = logging.getLogger(__name__)


def model_directory() -> Path:
    """FV_MODEL_DIR. Read on its own when the other settings are incomplete: the batch
    commands and the benches need no secret key."""
    from pydantic import ValidationError

    from app.config import Settings, get_settings

    try:
        return get_settings().model_dir
    except ValidationError:
        return Path(os.environ.get("FV_MODEL_DIR") or Settings.model_fields["model_dir"].default)


def inputs_hash(files: Iterable[Path], packages: Iterable[str] = ()) -> str:
    """SHA-256 of the files (by their path in the project and their bytes) and of the
    installed versions of the packages: what a model was built from."""
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        digest.update(f"{name}\n".encode())
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
        digest.update(b"\n")
    for package in sorted(set(packages)):
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "(missing)"
        digest.update(f"{package}=={version}\n".encode())
    return digest.hexdigest()


def sources(*modules: str) -> list[Path]:
    """The source files of app modules ("app.text.redact") or packages ("app.text.risk")."""
    found: list[Path] = []
    for module in modules:
        path = ROOT.joinpath(*module.split("."))
        found += sorted(path.glob("*.py")) + sorted(path.glob("*.json")) if path.is_dir() else []
        found += [path.with_suffix(".py")] if not path.is_dir() else []
    return found


def path_for(directory: Path, name: str) -> Path:
    return directory / f"{name}.json"


def read(directory: Path, name: str, key: str) -> dict[str, Any] | None:
    """The stored model if it was built from these inputs (key) by this format, else None."""
    path = path_for(directory, name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("model file %s unreadable: %s", path.name, str(exc)[:200])
        return None
    if (
        not isinstance(data, dict)
        or data.get("artefact") != name
        or data.get("artefact_format") != FORMAT_VERSION
        or data.get("inputs_sha256") != key
        or not isinstance(data.get("model"), dict)
    ):
        return None
    model: dict[str, Any] = data["model"]
    return model


def write(directory: Path, name: str, key: str, model: dict[str, Any]) -> Path | None:
    """Store model under its key; None (and a warning) if the directory is not writable."""
    record = {
        "artefact": name,
        "artefact_format": FORMAT_VERSION,
        "inputs_sha256": key,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": model,
    }
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(record, out, ensure_ascii=False)
            os.chmod(temp, 0o644)  # mkstemp's 0600 would hide it from the app's user
            os.replace(temp, path_for(directory, name))
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except OSError as exc:
        log.warning("model %s not saved in %s: %s", name, directory, exc.strerror)
        return None
    return path_for(directory, name)


def load_or_build(
    directory: Path,
    name: str,
    files: Sequence[Path],
    packages: Sequence[str],
    build: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    """The stored model built from these inputs, or a new one built now (and stored).

    build returns the model as plain JSON values; the caller turns it into its object,
    so a model just built and one loaded from its file are the same model."""
    key = inputs_hash(files, packages)
    model = read(directory, name, key)
    if model is None:
        model = json.loads(json.dumps(build()))  # exactly what the file will hold
        write(directory, name, key, model)
    return model
