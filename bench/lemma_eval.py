"""Measure whether lemmatising English helps ranking on Cranfield (tantivy): stems, lemmas, or lemmas then stems.

Usage: ``python -m bench.lemma_eval [--folder DIR] [--fields text_en,title] [--json OUT]``

Three analyses of the English text field are compared on the same 1,400
abstracts and 225 queries, with ``bench.ranking_eval``'s loading, indexing,
searching and measures:

- ``stem``: the engine as it is (tantivy's English Snowball stemmer);
- ``lemma``: every word replaced by its simplemma English lemma before tantivy
  reads it, and no stemmer;
- ``lemma+stem``: the simplemma lemma, then the Snowball stemmer.

The lemmas are made in Python the way ``schema.prepared`` cuts Chinese into
pairs: this script swaps ``schema.prepared`` (and, for ``lemma``,
``schema.field_analyzer``) inside its own process only, so indexed text and
query words go through the same lemmatiser. The engine's files are not changed.
Each variant's per-query nDCG@10 and AP@10 are compared with ``stem``'s, query
by query: wins, losses, ties, an exact two-sided sign test and a paired
bootstrap 95% interval of the mean difference.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import simplemma
import tantivy

from bench.ranking_eval import (
    CRANFIELD_DIR,
    CUTOFF,
    DOCUMENTS_FILE,
    PRECISION,
    Collection,
    average_precision_at,
    build_store,
    collect_rankings,
    load_collection,
    measures,
    ndcg_at,
)
from indexer.engines.tantivy import schema
from indexer.fields import WORD_PATTERN

ENGINE = "tantivy"
# The lemmatiser's language: every Cranfield abstract and query is English.
LEMMA_LANGUAGE = "en"
# Fields whose text is lemmatised by default: the English text field (titles keep the label analyser).
DEFAULT_FIELDS = ("text_en",)
# Variant name -> (lemmatise first, keep tantivy's Snowball stemmer).
VARIANTS = {"stem": (False, True), "lemma": (True, False), "lemma+stem": (True, True)}
BASELINE = "stem"
# Query modes of bench.ranking_eval: as typed (the README's headline figure) and the OR of the words.
MODES = ("typed", "or")
# Per-query measures compared pairwise.
PAIRED_MEASURES = {f"ndcg@{CUTOFF}": ndcg_at, f"map@{CUTOFF}": average_precision_at}
# Paired bootstrap: resamples of the 225 queries and a fixed seed, so reruns print the same interval.
BOOTSTRAP_RESAMPLES = 10_000
BOOTSTRAP_SEED = 12
CONFIDENCE = 0.95
# Index builds per variant; the fastest is reported (one build of 1,400 abstracts takes well under a second).
BUILD_REPEATS = 3
# Per-query differences smaller than this count as ties (float summation noise).
TIE = 1e-9
# Words shown per variant so a reader can see the analysis took effect.
SAMPLE = "Flows studies was heated wings vortices buckling analyses"
WORD = re.compile(WORD_PATTERN)


@cache
def lemma(word: str) -> str:
    """Return simplemma's English lemma of one word (lower-cased first, as the analyser would)."""
    return simplemma.lemmatize(word.lower(), lang=LEMMA_LANGUAGE)


def lemmatised(text: str) -> str:
    """Return ``text`` with each word (as the analyser's tokenizer cuts it) replaced by its lemma."""
    return WORD.sub(lambda match: lemma(match.group()), text)


@cache
def unstemmed_analyzer() -> tantivy.TextAnalyzer:
    """Return the English text analyser without its stemmer (tokenizer, lower case, ASCII folding)."""
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(WORD_PATTERN))
            .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build())


@contextmanager
def analysis(variant: str, fields: tuple[str, ...]):
    """Within the block, analyse ``fields`` as ``variant`` says, at indexing and at search; restore afterwards."""
    lemmatise, stem = VARIANTS[variant]
    original_prepared, original_analyzer = schema.prepared, schema.field_analyzer

    def prepared(field: str, text: str) -> str:
        text = original_prepared(field, text)
        return lemmatised(text) if lemmatise and field in fields else text

    def field_analyzer(field: str) -> tantivy.TextAnalyzer:
        return unstemmed_analyzer() if not stem and field in fields else original_analyzer(field)

    schema.prepared, schema.field_analyzer = prepared, field_analyzer
    schema.analyse.cache_clear()
    lemma.cache_clear()  # each variant pays for its own lemmas in its build time
    try:
        yield
    finally:
        schema.prepared, schema.field_analyzer = original_prepared, original_analyzer
        schema.analyse.cache_clear()


def per_query(rankings: list, collection: Collection, measure) -> list[float]:
    """Return one measure of every query's ranking, in query order."""
    return [measure([doc for doc, _ in ranking], collection.qrels.get(ordinal, {}))
            for ordinal, ranking in enumerate(rankings, start=1)]


def sign_test(wins: int, losses: int) -> float:
    """Return the exact two-sided sign test p-value of wins against losses (ties left out)."""
    trials = wins + losses
    if not trials:
        return 1.0
    tail = sum(math.comb(trials, k) for k in range(min(wins, losses) + 1)) / 2 ** trials
    return min(1.0, 2 * tail)


def bootstrap_interval(differences: list[float]) -> tuple[float, float]:
    """Return the paired bootstrap CONFIDENCE interval of the mean of per-query differences."""
    rng = random.Random(BOOTSTRAP_SEED)
    count = len(differences)
    means = sorted(sum(rng.choices(differences, k=count)) / count for _ in range(BOOTSTRAP_RESAMPLES))
    cut = (1 - CONFIDENCE) / 2
    return means[int(cut * BOOTSTRAP_RESAMPLES)], means[int((1 - cut) * BOOTSTRAP_RESAMPLES) - 1]


def paired(variant: list[float], baseline: list[float]) -> dict:
    """Return how a variant's per-query values compare with the baseline's."""
    differences = [v - b for v, b in zip(variant, baseline)]
    wins = sum(1 for d in differences if d > TIE)
    losses = sum(1 for d in differences if d < -TIE)
    low, high = bootstrap_interval(differences)
    return {"mean_difference": round(sum(differences) / len(differences), PRECISION),
            "better": wins, "worse": losses, "same": len(differences) - wins - losses,
            "sign_p": round(sign_test(wins, losses), PRECISION),
            "ci95": (round(low, PRECISION), round(high, PRECISION))}


def run_variant(collection: Collection, variant: str, fields: tuple[str, ...], work: Path) -> dict:
    """Index the collection under one analysis, run every query in every mode; return measures and rankings."""
    with analysis(variant, fields):
        sample = schema.analyse(fields[0], SAMPLE)
        timings = []
        for repeat in range(BUILD_REPEATS):
            started = time.perf_counter()
            store = build_store(collection, work / f"{variant}-{repeat}", ENGINE)
            timings.append(time.perf_counter() - started)
            if repeat < BUILD_REPEATS - 1:
                store.close()
        try:
            collected = collect_rankings({ENGINE: store}, collection.queries, MODES)
        finally:
            store.close()
    rankings = {mode: collected["rankings"][mode][ENGINE] for mode in MODES}
    return {"sample": " ".join(sample), "build_seconds": round(min(timings), 2),
            "modes": {mode: measures(rankings[mode], collection.qrels) for mode in MODES},
            "rankings": rankings}


def evaluate(folder: Path = CRANFIELD_DIR, fields: tuple[str, ...] = DEFAULT_FIELDS) -> dict:
    """Run every variant and compare each with the baseline query by query."""
    collection = load_collection(folder)
    with tempfile.TemporaryDirectory(prefix="lemma-eval-") as work:
        runs = {variant: run_variant(collection, variant, fields, Path(work)) for variant in VARIANTS}
    comparisons = {}
    for variant, run in runs.items():
        if variant == BASELINE:
            continue
        comparisons[variant] = {
            mode: {name: paired(per_query(run["rankings"][mode], collection, measure),
                                per_query(runs[BASELINE]["rankings"][mode], collection, measure))
                   for name, measure in PAIRED_MEASURES.items()}
            for mode in MODES}
    return {"queries": len(collection.queries), "fields": list(fields),
            "simplemma": getattr(simplemma, "__version__", "?"),
            "variants": {v: {k: r[k] for k in ("modes", "build_seconds", "sample")} for v, r in runs.items()},
            "paired": comparisons}


def markdown(summary: dict) -> str:
    """Return the measures and the paired comparisons as Markdown tables."""
    names = [f"ndcg@{CUTOFF}", f"map@{CUTOFF}", f"p@{CUTOFF}", "answered"]
    lines = ["| variant | mode | " + " | ".join(names) + " | build s |", "|---|---|" + "---:|" * (len(names) + 1)]
    for variant, run in summary["variants"].items():
        for mode, values in run["modes"].items():
            cells = [str(values[name]) for name in names] + [str(run["build_seconds"])]
            lines.append(f"| {variant} | {mode} | " + " | ".join(cells) + " |")
    header = f"| variant vs {BASELINE} | mode | measure | mean diff | better | worse | same | sign p | bootstrap 95% |"
    lines += ["", header, "|---|---|---|---:|---:|---:|---:|---:|---|"]
    for variant, modes in summary["paired"].items():
        for mode, by_measure in modes.items():
            for name, c in by_measure.items():
                lines.append(f"| {variant} | {mode} | {name} | {c['mean_difference']:+} | {c['better']} | "
                             f"{c['worse']} | {c['same']} | {c['sign_p']} | [{c['ci95'][0]:+}, {c['ci95'][1]:+}] |")
    lines += ["", "Analysed sample: " + SAMPLE]
    lines += [f"- {variant}: {run['sample']}" for variant, run in summary["variants"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the comparison from the command line and print the Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=CRANFIELD_DIR, help="the Cranfield folder")
    parser.add_argument("--fields", default=",".join(DEFAULT_FIELDS),
                        help="fields lemmatised, comma-separated (the first is shown in the sample)")
    parser.add_argument("--json", type=Path, default=None, help="also write the summary here")
    args = parser.parse_args(argv)
    fields = tuple(name.strip() for name in args.fields.split(",") if name.strip())
    if not (args.folder / DOCUMENTS_FILE).exists():
        print(f"Cranfield collection not found: {args.folder}", file=sys.stderr)
        return 2
    summary = evaluate(args.folder, fields)
    print(markdown(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
