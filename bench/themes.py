"""Themes: a keyword baseline, the rules, the model and rules ∪ model on held-out paraphrases.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/themes.py [--seconds 2]

data/themes/eval.jsonl is written from a phrase bank of its own (data/themes/make_examples.py),
sharing no sentence with the training examples, so these scores measure generalisation to
paraphrase, not memory. The model is trained here from data/themes/train.jsonl (shipped
examples only, as on first use), not read from FV_MODEL_DIR, so runs are comparable.
(a) baseline: a theme when the text contains a word of its label (THEMES.md "theme").
(b) rules: app.text.themes.rule_codes. (c) model: the trained model alone.
(d) rules ∪ model: app.text.themes.classify, what the app ships.
Speed: one text per call, as the app classifies, pinned to one core, after a warm-up.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.text import theme_model, themes

STOP = {"of", "and", "to", "the"}


def baseline() -> Callable[[str], list[str]]:
    words = {
        t.code: [w.lower() for w in re.findall(r"[A-Za-z-]+", t.label) if w.lower() not in STOP]
        for t in themes.THEMES
    }
    patterns = {
        code: re.compile(r"\b(" + "|".join(map(re.escape, ws)) + r")\b", re.IGNORECASE)
        for code, ws in words.items()
    }
    return lambda text: [code for code, p in patterns.items() if p.search(text)]


def per_second(system: Callable[[str], list[str]], texts: list[str], seconds: float) -> float:
    for text in texts[:50]:
        system(text)  # warm
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in texts:
            system(text)
        done += len(texts)
    return done / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="timing per system")
    parser.add_argument(
        "--data",
        type=Path,
        default=themes.HELD_OUT_EXAMPLES,
        help="labelled JSON Lines {text, themes}; data/blind/themes.jsonl for the blind set",
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    started = time.perf_counter()
    model = themes.train_shipped()
    trained_in = time.perf_counter() - started
    held_out = theme_model.read_examples(args.data)
    gold = [e.themes for e in held_out]
    texts = [e.text for e in held_out]
    systems: dict[str, Callable[[str], list[str]]] = {
        "baseline": baseline(),
        "rules": themes.rule_codes,
        "model": lambda text: list(model.scored(text)),
        "rules+model": lambda text: themes.classify_with(model, text),
    }
    codes = list(themes.CODES)
    scores = {
        name: theme_model.score(gold, [f(t) for t in texts], codes) for name, f in systems.items()
    }

    words = sum(len(t.split()) for t in texts) / len(texts)
    print(
        f"{len(held_out)} held-out texts from {args.data.name} ({words:.0f} words on average); model trained on "
        f"{model.meta['training_counts']['examples']} in {trained_in:.2f}s, "
        f"{sum(len(v.terms) for v in model.vectorizers)} features"
    )
    print("P / R / F1 per code")
    header = f"{'':<28}" + "".join(f"{name:>20}" for name in systems)
    print(header)
    print("-" * len(header))

    def cells(triple: Callable[[theme_model.Scores], tuple[float, float, float]]) -> str:
        return "".join(
            f"{'{:.2f}/{:.2f}/{:.2f}'.format(*triple(scores[name])):>20}" for name in systems
        )

    for code in codes:
        support = sum(code in g for g in gold)
        print(f"{code + f' ({support})':<28}" + cells(lambda s, c=code: s.per_code[c]))
    print("-" * len(header))
    print(f"{'micro':<28}" + cells(lambda s: s.micro))
    print(f"{'macro':<28}" + cells(lambda s: s.macro))
    speeds = {name: per_second(f, texts, args.seconds) for name, f in systems.items()}
    print(f"{'texts/second, 1 core':<28}" + "".join(f"{speeds[n]:>20,.0f}" for n in systems))
    target = "meets" if speeds["rules+model"] >= 2000 else "MISSES"
    print(f"rules+model (what ships) {target} the 2,000 texts/second target")


if __name__ == "__main__":
    main()
