"""The learned name detector (app/text/name_model.py), one writer held out at a time.

    .venv/bin/python bench/names.py [--cuts 0.3 0.4 0.5 0.6 0.7]

Two folds: train on data/dev2 and score data/dev3, then train on data/dev3 and score
data/dev2 (two independent writers). For each held-out writer: names leaked and kept
words lost by the rules alone, by rules ∪ model at several probability cuts, and by the
model alone (its own recall, which is what it can add where the rules miss a new writer's
names). Scoring as bench/redaction.py: a NAME span leaks unless detected spans cover its
letters and digits whole; a kept word is lost if any detected span touches it; "extra
words /1000" are the words the model adds that lie in no labelled entity (over-redaction
the kept labels may not see). Also times training on both files (what the app does at
start-up) and the model's share of redaction time.

Caveat: the rules were tuned on both files, so "rules alone" here is far better than on a
new writer (6.8% on the blind set, ~10% on each new writer before tuning); the model's
features include what the rules found elsewhere in the text, which is likewise optimistic.
The model-alone rows are the honest part: the model never saw the held-out writer.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.text import name_model
from app.text.name_model import (
    Labelled,
    NameModel,
    cut_for,
    features,
    read_labelled,
    text_features,
    train,
)
from app.text.redact import find_entities, rule_names

# The kept spans are read here, not by the model: it never trains on them.
from bench.redaction import read_corpus

FILES = {
    "dev2": Path("data/dev2/redaction.jsonl"),
    "dev3": Path("data/dev3/redaction.jsonl"),
}


def _covered(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    covered = [False] * length
    for start, end in spans:
        for i in range(start, min(end, length)):
            covered[i] = True
    return covered


def evaluate(model: NameModel, path: Path, cuts: list[float]) -> list[tuple[str, dict[str, float]]]:
    """Rows of (label, {leak, kept_lost, extra}) for one held-out file."""
    docs = read_corpus(path)
    prepared = []
    for doc in docs:
        rules = [(e.start, e.end) for e in find_entities(doc.text, learned=False)]
        tokens, marked = rule_names(doc.text)
        lower = name_model._lower_text(tokens)
        # Every candidate, the rules' own included (for the model-alone rows); words the
        # model never scores (a town after "in") count as not found by it.
        scoring = {i for i, _ in text_features(doc.text, tokens, [False] * len(tokens))}
        scored = [
            (tokens[i], marked[i], model.probability(features(doc.text, tokens, marked, i, lower)))
            for i, t in enumerate(tokens)
            if i in scoring
        ]
        prepared.append((doc, rules, scored))
    words = sum(len(doc.text.split()) for doc in docs)

    def measure(spans_of) -> dict[str, float]:  # type: ignore[no-untyped-def]
        leaked = names = lost = kept = extra = 0
        for doc, rules, scored in prepared:
            spans, added = spans_of(rules, scored)
            covered = _covered(len(doc.text), spans)
            labelled = _covered(len(doc.text), [(s, e) for _, s, e in doc.entities])
            for kind, start, end in doc.entities:
                if kind == "NAME":
                    names += 1
                    leaked += not all(
                        covered[i] for i in range(start, end) if doc.text[i].isalnum()
                    )
            for start, end in doc.kept:
                kept += 1
                lost += any(covered[start:end])
            extra += sum(not any(labelled[s:e]) for s, e in added)
        return {
            "leak": leaked / max(names, 1),
            "kept_lost": lost / max(kept, 1),
            "extra": extra / max(words, 1) * 1000,
        }

    rows = [("rules alone", measure(lambda rules, scored: (rules, [])))]
    for cut in cuts:

        def union(rules, scored, cut=cut):  # type: ignore[no-untyped-def]
            added = [(t.start, t.end) for t, m, p in scored if not m and p >= cut_for(t, cut)]
            return rules + added, added

        rows.append((f"rules ∪ model @{cut:.2f}", measure(union)))
    for cut in cuts:

        def alone(rules, scored, cut=cut):  # type: ignore[no-untyped-def]
            spans = [(t.start, t.end) for t, m, p in scored if p >= cut_for(t, cut)]
            return spans, spans

        rows.append((f"model alone @{cut:.2f}", measure(alone)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cuts", type=float, nargs="+", default=[0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    args = parser.parse_args()
    labelled: dict[str, list[Labelled]] = {k: read_labelled(p) for k, p in FILES.items()}
    find_entities("Warm up, Sam.", learned=False)  # lists loaded before any clock
    for train_on, test_on in (("dev2", "dev3"), ("dev3", "dev2")):
        model = train(labelled[train_on])
        print(f"\ntrained on {train_on}, scored on {test_on} (writer held out)")
        print(f"{'':<26}{'names leak':>12}{'kept lost':>12}{'extra /1000w':>14}")
        for label, r in evaluate(model, FILES[test_on], args.cuts):
            print(f"{label:<26}{r['leak']:>12.1%}{r['kept_lost']:>12.1%}{r['extra']:>14.1f}")
    import sklearn.linear_model  # noqa: F401  (imported by the app's other models anyway)

    started = time.perf_counter()
    train([doc for docs in labelled.values() for doc in docs])
    print(f"\ntraining on both files (the shipped model): {time.perf_counter() - started:.2f} s")
    print(f"shipped cut: {name_model.CUT}")


if __name__ == "__main__":
    main()
