"""The batch contract shared by `redact`, `assess-risk` and `classify-themes`.

JSON Lines in, one JSON object out per line, in order, keeping every input field and
adding the engine's own. A malformed line gets an output line with "error" and the
run goes on; the caller exits non-zero if any line failed.
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
