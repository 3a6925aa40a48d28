"""Training a new theme model version, scoring it on the held-out texts, and its report.

`familyvoice themes train` calls train_version and prints report_lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.text import theme_model, themes


@dataclass(frozen=True)
class Trained:
    model: theme_model.TextClassifier
    path: Path | None  # the model file written (always, for a new version)
    held_out: int  # how many held-out texts it was scored on
    # Scores on the held-out texts: the model alone, and the rules falling back to it.
    results: dict[str, theme_model.Scores]


def score_held_out(model: theme_model.TextClassifier) -> tuple[int, dict[str, theme_model.Scores]]:
    """(how many held-out texts, scores of the model alone and of rules-or-model on them)."""
    held_out = theme_model.read_examples(themes.HELD_OUT_EXAMPLES)
    gold = [e.themes for e in held_out]
    texts = [e.text for e in held_out]
    results = {
        "model": theme_model.score(gold, model.predict(texts), model.labels),
        "rules_or_model": theme_model.score(
            gold, [themes.classify_with(model, t) for t in texts], model.labels
        ),
    }
    return len(held_out), results


def train_version(examples: Sequence[theme_model.Example], model_dir: Path) -> Trained:
    """Train on examples, record the held-out scores in the model, save it as a new version."""
    model = theme_model.train(
        examples, taxonomy=themes.CODES, taxonomy_version=themes.TAXONOMY_VERSION
    )
    count, results = score_held_out(model)
    model.meta["held_out"] = {
        name: {"examples": count, "micro_f1": round(r.micro[2], 4)}
        | {"macro_f1": round(r.macro[2], 4)}
        for name, r in results.items()
    }
    path = model.save(model_dir)
    themes.forget_model()  # the next classification loads the new version
    return Trained(model, path, count, results)


def report_lines(trained: Trained) -> list[str]:
    """What was learnt from which examples, how it scored, and where it was written."""
    model = trained.model
    counts = model.meta["training_counts"]
    sources = sorted(counts["examples"])
    lines = ["Examples: " + ", ".join(f"{counts['examples'][s]} {s}" for s in sources)]
    lines.append(f"{'code':<24}" + "".join(f"{s:>9}" for s in sources) + "  learnt")
    for code, per_source in counts["per_code"].items():
        learnt = "yes" if code in model.labels else "no (too few)"
        row = "".join(f"{per_source.get(s, 0):>9}" for s in sources)
        lines.append(f"{code:<24}{row}  {learnt}")
    for name, r in trained.results.items():
        lines.append(
            f"Held-out ({trained.held_out} texts), {name.replace('_', ' ')}: "
            f"micro P {r.micro[0]:.3f} R {r.micro[1]:.3f} F1 {r.micro[2]:.3f}, "
            f"macro F1 {r.macro[2]:.3f}"
        )
    lines.append(f"Theme model version {model.version} written to {trained.path}")
    return lines
