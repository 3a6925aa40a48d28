"""The batch contract shared by `redact`, `assess-risk` and `classify-themes`.

JSON Lines in, one JSON object out per line, in order, keeping every input field and
adding the engine's own. A malformed line gets an output line with "error" and the
run goes on; the caller exits non-zero if any line failed. ENGINES holds each
command's engine: what it reads from a record and what it adds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

Engine = Callable[[dict[str, Any]], dict[str, Any]]


class LineError(ValueError):
    """This line cannot be processed; the message goes in its "error" field."""


def require_text(record: dict[str, Any]) -> str:
    text = record.get("text")
    if not isinstance(text, str):
        raise LineError('"text" must be a string')
    return text


def run(lines: Iterable[str], engine: Engine, out: TextIO) -> int:
    """Process each line with engine; returns how many lines failed."""
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            failures += 1
            out.write(json.dumps({"line": number, "error": f"not valid JSON: {exc.msg}"}) + "\n")
            continue
        if not isinstance(record, dict):
            failures += 1
            out.write(
                json.dumps({"line": number, "error": "each line must be a JSON object"}) + "\n"
            )
            continue
        try:
            result = {**record, **engine(record)}
        except LineError as exc:
            failures += 1
            result = {**record, "error": str(exc)}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return failures


def redact_record(record: dict[str, Any]) -> dict[str, Any]:
    """ "redacted" and "entities" for "text", with the record's "known_names" found too."""
    from app.text import redact

    text = require_text(record)
    names = record.get("known_names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise LineError('"known_names" must be a list of strings')
    result = redact.redact(text, names)
    return {
        "redacted": result.redacted,
        "entities": [{"type": e.type, "start": e.start, "end": e.end} for e in result.entities],
    }


def assess_record(record: dict[str, Any]) -> dict[str, Any]:
    """ "urgent", "signals" and "evidence" for "text"."""
    from app.text import risk

    assessment = risk.assess_risk(require_text(record))
    return {
        "urgent": assessment.urgent,
        "signals": list(assessment.signals),
        # Why: each signal's words, as offsets into the input text.
        "evidence": [
            {"signal": e.signal, "start": e.start, "end": e.end} for e in assessment.evidence
        ],
    }


def classify_record(record: dict[str, Any]) -> dict[str, Any]:
    """ "themes" (codes) for "text"."""
    from app.text import themes

    return {"themes": themes.classify(require_text(record))}


# The engines are imported when a line first needs one: each command loads only its own.
ENGINES: dict[str, Engine] = {
    "redact": redact_record,
    "assess-risk": assess_record,
    "classify-themes": classify_record,
}
