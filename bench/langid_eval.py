"""Measure language identification on real sentences: archive-search's detector beside langdetect and py3langid alone.

Usage: ``python -m bench.langid_eval [--data DIR] [--per-source N] [--sentences 1,3] [--out FILE]``

The sentences are fetched and extracted by ``bench.langid_data`` into ``--data``
(default ``var/langid-data``, ignored by git) on the first run. Each language
is reported on one held-out source, one its rules and thresholds were never
tuned on; the other sources (development) are reported below it. A passage is
one sentence, or several consecutive ones of a seeded sample; an answer of
``und`` (too short to tell) counts as wrong. Bulgarian and Serbian are controls:
how many of their passages a Central Asian label takes.
"""
from __future__ import annotations

import argparse
import platform
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from random import Random
from typing import Callable

from bench.langid_data import load, sentence_files
from indexer.config import Config
from indexer.language import LANGDETECT_ALIASES, detect_language, py3langid_ranked

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT / "var" / "langid-data"
# The source each language is reported on: never looked at while writing the rules.
HELD_OUT = {
    "kk": "firefox-esr-l10n", "ky": "debian-mo", "uz-Cyrl": "fitrat", "uz-Latn": "fitrat", "tg": "firefox-esr-l10n",
    "mn": "debian-mo", **{label: "eld-bigtest" for label in
                          ("ru", "en", "fr", "zh", "hi", "ur", "fa", "uk", "tr", "az", "be", "de", "es")},
}
CONTROLS = ("bg", "sr")
CENTRAL_ASIAN = frozenset({"kk", "ky", "uz", "tg", "mn"})
DETECTORS = ("archive-search", "langdetect alone", "py3langid alone")
# Sentences sampled per (language, source): enough that one error moves accuracy by a tenth of a point.
PER_SOURCE = 1000
SEED = 0


def langdetect_alone() -> Callable[[str], str]:
    """Return plain langdetect, seeded, Chinese variants as one language."""
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = SEED

    def detected(text: str) -> str:
        try:
            found = detect(text)
        except LangDetectException:
            return "und"
        return LANGDETECT_ALIASES.get(found, found)
    return detected


def detectors() -> dict[str, Callable[[str], str]]:
    """Return each measured detector as a function of a text."""
    config = Config()
    return {
        "archive-search": lambda text: detect_language(text, config),
        "langdetect alone": langdetect_alone(),
        "py3langid alone": lambda text: py3langid_ranked(text)[0][0],
    }


@dataclass
class Result:
    """One detector's answers on one set of passages."""

    right: int = 0
    total: int = 0
    seconds: float = 0.0
    wrong: Counter = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        """Return the share of passages labelled right, in per cent."""
        return 100.0 * self.right / self.total if self.total else 0.0


def passages(sentences: list[str], size: int, limit: int) -> list[str]:
    """Return passages of ``size`` consecutive sentences of a seeded sample of at most ``limit`` sentences."""
    sample = list(sentences)
    Random(SEED).shuffle(sample)
    sample = sample[:limit]
    return [" ".join(sample[start:start + size]) for start in range(0, len(sample) - size + 1, size)]


def measure(detect: Callable[[str], str], texts: list[str], expected: str) -> Result:
    """Return how often ``detect`` gives ``expected`` on ``texts``, what else it says and how long it takes."""
    result = Result(total=len(texts))
    started = time.perf_counter()
    answers = [detect(text) for text in texts]
    result.seconds = time.perf_counter() - started
    result.right = sum(answer == expected for answer in answers)
    result.wrong = Counter(answer for answer in answers if answer != expected)
    return result


def evaluate(data: dict, keys: list[tuple[str, str]], size: int, limit: int) -> dict:
    """Return every detector's result on each (label, source) of ``keys``, for passages of ``size`` sentences."""
    measured = detectors()
    for detect in measured.values():
        detect("warm up: load the models before timing")
    results = {}
    for label, source in keys:
        texts = passages(data[(label, source)], size, limit)
        expected = label.split("-")[0]
        results[(label, source)] = {name: measure(detect, texts, expected) for name, detect in measured.items()}
    return results


def share_central_asian(result: Result) -> float:
    """Return the share of passages (per cent) labelled as a Central Asian language."""
    return 100.0 * sum(count for lang, count in result.wrong.items() if lang in CENTRAL_ASIAN) / max(result.total, 1)


def label_name(label: str) -> str:
    """Return a label as the tables show it: the language's name, and the script where it has two."""
    from webapp.facets import LANGUAGE_NAMES

    lang, _, script = label.partition("-")
    name = LANGUAGE_NAMES.get(lang, lang)
    return f"{name} ({'Cyrillic' if script == 'Cyrl' else 'Latin'})" if script else name


def wrong_labels(result: Result) -> str:
    """Return the commonest wrong answers of a result, as 'ru 3, und 1'."""
    return ", ".join(f"{lang} {count}" for lang, count in result.wrong.most_common(3))


def pooled(results: list[dict], name: str) -> Result:
    """Return one detector's results over several sets, summed."""
    total = Result()
    for by_detector in results:
        result = by_detector[name]
        total.right, total.total, total.seconds = total.right + result.right, total.total + result.total, \
            total.seconds + result.seconds
        total.wrong.update(result.wrong)
    return total


def held_out_table(single: dict, grouped: dict, size: int) -> list[str]:
    """Return the Markdown table of the held-out sources: one-sentence and ``size``-sentence passages."""
    lines = [f"| language | source | passages | archive-search | langdetect alone | py3langid alone "
             f"| archive-search, {size} sentences | langdetect alone, {size} sentences | archive-search's wrong labels |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for key, by_detector in single.items():
        cells = [f"{by_detector[name].accuracy:.1f}" for name in DETECTORS]
        cells += [f"{grouped[key][name].accuracy:.1f}" for name in DETECTORS[:2]]
        lines.append(f"| {label_name(key[0])} | {key[1]} | {by_detector[DETECTORS[0]].total} | "
                     + " | ".join(cells) + f" | {wrong_labels(by_detector[DETECTORS[0]])} |")
    totals = [pooled(list(single.values()), name) for name in DETECTORS]
    totals += [pooled(list(grouped.values()), name) for name in DETECTORS[:2]]
    lines.append(f"| **all (micro)** | | {totals[0].total} | " + " | ".join(f"**{t.accuracy:.1f}**" for t in totals) + " | |")
    worst = [min(by[name].accuracy for by in single.values()) for name in DETECTORS]
    worst += [min(by[name].accuracy for by in grouped.values()) for name in DETECTORS[:2]]
    lines.append("| **worst language** | | | " + " | ".join(f"{value:.1f}" for value in worst) + " | |")
    return lines


def other_table(results: dict) -> list[str]:
    """Return the Markdown table of the development sources (one sentence per passage)."""
    lines = ["| language | source | passages | archive-search | langdetect alone | py3langid alone | archive-search's wrong labels |",
             "|---|---|---:|---:|---:|---:|---|"]
    for key, by_detector in results.items():
        cells = " | ".join(f"{by_detector[name].accuracy:.1f}" for name in DETECTORS)
        lines.append(f"| {label_name(key[0])} | {key[1]} | {by_detector[DETECTORS[0]].total} | {cells} "
                     f"| {wrong_labels(by_detector[DETECTORS[0]])} |")
    return lines


def control_lines(results: dict) -> list[str]:
    """Return a sentence per control language: its accuracy and how often a Central Asian label took it."""
    return [f"- {label_name(key[0])} ({key[1]}, {by[DETECTORS[0]].total} sentences): archive-search "
            f"{by[DETECTORS[0]].accuracy:.1f} % right, {share_central_asian(by[DETECTORS[0]]):.1f} % labelled "
            f"Kazakh, Kyrgyz, Uzbek, Tajik or Mongolian; langdetect alone {by[DETECTORS[1]].accuracy:.1f} %."
            for key, by in results.items()]


def timing_line(single: dict, grouped: dict, size: int) -> str:
    """Return the mean time per passage of each detector."""
    parts = []
    for name in DETECTORS:
        one, many = pooled(list(single.values()), name), pooled(list(grouped.values()), name)
        parts.append(f"{name} {1000 * one.seconds / one.total:.2f} ms ({1000 * many.seconds / many.total:.2f} ms "
                     f"for {size} sentences)")
    return "Mean time per passage, one sentence: " + "; ".join(parts) + "."


def setting_line() -> str:
    """Return the date, machine, Python and commit of this run."""
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO_ROOT, capture_output=True,
                            text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{date.today().isoformat()}, {cpu}, Python {platform.python_version()}, commit {commit}."


def report(data: dict, per_source: int, size: int) -> str:
    """Return the Markdown report of every table."""
    held = [(label, source) for label, source in HELD_OUT.items()]
    development = [key for key in sorted(data) if key[0] in HELD_OUT and key not in held]
    controls = [(label, "eld-bigtest") for label in CONTROLS]
    single, grouped = evaluate(data, held, 1, per_source), evaluate(data, held, size, per_source)
    lines = [setting_line(), "", *held_out_table(single, grouped, size), "", timing_line(single, grouped, size), "",
             "Development sources (looked at while writing the rules), one sentence per passage:", "",
             *other_table(evaluate(data, development, 1, per_source)), "", "Controls:", "",
             *control_lines(evaluate(data, controls, 1, per_source))]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Fetch the sentences if needed, measure, print the Markdown report (and write it to --out)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="cache of downloads and sentences")
    parser.add_argument("--per-source", type=int, default=PER_SOURCE, help="sentences sampled per language and source")
    parser.add_argument("--sentences", type=int, default=3, help="sentences per passage of the second measurement")
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    text = report(load(sentence_files(args.data)), args.per_source, args.sentences)
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
