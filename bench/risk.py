"""Risk detection: a keyword baseline, the first-generation rules and the current detector.

    .venv/bin/python bench/risk.py [--data data/risk/eval.jsonl] [--repeat 20] [--misses]

The data is hand-written JSON Lines, one text a line: {"text", "urgent", "signals", "hard"?}.
data/risk/eval.jsonl was written before the detector was tuned and is never tuned on;
data/risk/dev.jsonl is the set the rules may be tuned on (see data/risk/README.md for
the labelling policy). Every text is invented: no real personal data.

For each detector it prints:
- recall: urgent texts flagged urgent (the figure that matters: a miss can cost a child);
- precision: flagged texts that are urgent;
- false-alarm rate: non-urgent texts flagged, over all negatives and over the plain
  ones (the "hard" negatives use harm words about the past, process or idiom, and a
  flag on them is tolerable);
- per category: recall of the urgent texts labelled with that signal, and how often
  that signal itself was named;
- documents per second on one core (the whole set, --repeat times).
--misses lists the current detector's misses and false alarms.
Where /usr/share/dict/british-english is installed (Debian's wbritish), it also lists the
dictionary words the fuzzy step rewrites into a different word: each one is a possible
false alarm ("starting" read as "starving") and belongs in risk._REAL_WORDS.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _risk_v1  # noqa: E402

from app.text import risk  # noqa: E402

# What a hurried first attempt looks like: a handful of words, any of them means urgent.
_NAIVE = re.compile(r"\b(hit|abuse|suicide|missing|knife)\b", re.IGNORECASE)


def naive(text: str) -> tuple[bool, tuple[str, ...]]:
    return (bool(_NAIVE.search(text)), ())


def v1(text: str) -> tuple[bool, tuple[str, ...]]:
    result = _risk_v1.assess_risk(text)
    return (result.urgent, result.signals)


def current(text: str) -> tuple[bool, tuple[str, ...]]:
    result = risk.assess_risk(text)
    return (result.urgent, result.signals)


DETECTORS: dict[str, Callable[[str], tuple[bool, tuple[str, ...]]]] = {
    "naive keywords": naive,
    "v1 rules": v1,
    "current": current,
}


@dataclass(frozen=True)
class Item:
    text: str
    urgent: bool
    signals: tuple[str, ...]
    hard: bool


def load(path: Path) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            items.append(
                Item(row["text"], row["urgent"], tuple(row["signals"]), row.get("hard", False))
            )
    return items


def evaluate(
    name: str, detect: Callable[[str], tuple[bool, tuple[str, ...]]], items: list[Item], repeat: int
) -> None:
    verdicts = [detect(item.text) for item in items]
    urgent = [i for i, item in enumerate(items) if item.urgent]
    negatives = [i for i, item in enumerate(items) if not item.urgent]
    plain = [i for i in negatives if not items[i].hard]
    hard = [i for i in negatives if items[i].hard]
    flagged = [i for i, (flag, _) in enumerate(verdicts) if flag]
    caught = sum(verdicts[i][0] for i in urgent)
    true_flags = sum(items[i].urgent for i in flagged)

    def rate(idx: list[int]) -> str:
        hits = sum(verdicts[i][0] for i in idx)
        return f"{hits / len(idx):.3f} ({hits}/{len(idx)})" if idx else "n/a"

    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            detect(item.text)
    elapsed = time.perf_counter() - start

    print(f"\n== {name}")
    print(f"  recall            {caught / len(urgent):.3f} ({caught}/{len(urgent)})")
    print(f"  precision         {true_flags / len(flagged):.3f}" if flagged else "  precision n/a")
    print(f"  false alarms      {rate(negatives)}  all negatives")
    print(f"                    {rate(plain)}  plain complaints")
    print(f"                    {rate(hard)}  hard negatives")
    print(f"  docs/s            {repeat * len(items) / elapsed:,.0f}")
    categories = sorted({s for i in urgent for s in items[i].signals})
    print(f"  {'category':<20}{'flagged':>16}{'signal named':>16}")
    for category in categories:
        idx = [i for i in urgent if category in items[i].signals]
        flagged_here = sum(verdicts[i][0] for i in idx)
        named = sum(category in verdicts[i][1] for i in idx)
        print(
            f"  {category:<20}{flagged_here / len(idx):>9.3f} {flagged_here:>2}/{len(idx):<3}"
            f"{named / len(idx):>9.3f} {named:>2}/{len(idx):<3}"
        )


def fuzzy_false_friends() -> None:
    dictionary = Path("/usr/share/dict/british-english")
    if not dictionary.exists():
        print("\n(no /usr/share/dict/british-english: fuzzy false-friend check not run)")
        return
    words = {w.strip().lower() for w in dictionary.read_text().splitlines() if w.isalpha()}
    targets = set(risk._FUZZY_TARGETS)
    rewritten = sorted(
        (word, risk._normalise_token(word))
        for word in words
        if word not in targets and risk._normalise_token(word) in targets
    )
    print(
        f"\n== fuzzy step on {len(words):,} dictionary words: {len(rewritten)} read as a harm word"
        " (check each means the same)"
    )
    print("  " + ", ".join(f"{a}->{b}" for a, b in rewritten))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data/risk/eval.jsonl")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    items = load(args.data)
    print(
        f"{args.data.relative_to(ROOT) if args.data.is_absolute() else args.data}: "
        f"{len(items)} texts, {sum(i.urgent for i in items)} urgent"
    )
    for name, detect in DETECTORS.items():
        evaluate(name, detect, items, args.repeat)
    fuzzy_false_friends()
    if args.misses:
        print("\n== current detector: misses")
        for item in items:
            result = risk.assess_risk(item.text)
            if item.urgent and not result.urgent:
                print(f"  MISS {item.signals} {item.text!r}")
        print("== current detector: false alarms")
        for item in items:
            result = risk.assess_risk(item.text)
            if not item.urgent and result.urgent:
                tag = "hard" if item.hard else "PLAIN"
                print(f"  {tag} {[(e.signal, e.text) for e in result.evidence]} {item.text!r}")


if __name__ == "__main__":
    main()
