"""Measure ranking on the judged Cranfield collection, queries as people type them, on every engine.

Usage: ``python -m bench.ranking_eval [--folder DIR] [--engines tantivy,whoosh] [--json OUT]``

The 1,400 Cranfield abstracts (``../shared/data/cranfield/`` beside the
repository; formats in its SOURCE.md) are indexed into a temporary store of
each engine, one English passage per abstract (title = the .T title, text =
the .W abstract), in one commit. Each of the 225 queries is run through
``IndexStore.search`` in two modes: as typed (exactly as written: the search
asks for every word, and goes on with the passages holding most of them when
too few hold all) and, for comparison, as an OR of its distinct words. Each
engine's first ten hits are scored with nDCG@10 (graded gain 5 - code from
``cranqrel``), MAP@10 and P@10. In OR mode the Whoosh store's numpy evaluator
is also checked against Whoosh's own collector (``searcher.search``) on the
same index and parsed query: their top tens must agree query by query.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh import scoring

from indexer.engines import DEFAULT_ENGINE, ENGINES, SearchQuery, open_store
from indexer.engines.whoosh.compile import whoosh_query
from indexer.fields import OPERATOR_WORDS
from indexer.models import Passage, passage_id_for
from indexer.querylang import MAX_QUERY_WORDS

REPO_ROOT = Path(__file__).resolve().parents[1]
CRANFIELD_DIR = REPO_ROOT / ".." / "shared" / "data" / "cranfield"
DOCUMENTS_FILE = "cran.all.1400"
QUERIES_FILE = "cran.qry"
QRELS_FILE = "cranqrel"
# Rank cut-off of every measure: the first page of results a user reads.
CUTOFF = 10
# A judged code c in 1..4 (1 = complete answer) has the graded gain GAIN_BASE - c.
GAIN_BASE = 5
# Judged codes counted as relevant; -1 ("no interest") and anything else has gain 0.
RELEVANT_CODES = range(1, GAIN_BASE)
# Every Cranfield abstract is English, so it goes into the stemmed English text field.
LANGUAGE = "en"
# Each Cranfield document is indexed as this single passage.
ORDINAL = 1
# SMART field markers: ".I 12" opens a record; ".T", ".A", ".B", ".W" open its fields.
SMART_MARKER = re.compile(r"^\.([A-Z])(?:\s+(\S+))?\s*$")
# The words of a query, as the query language finds them.
PLAIN_WORD = re.compile(r"\w+")
TITLE, ABSTRACT = "T", "W"
MODES = ("typed", "or")
# Whoosh's own collector ranks the Whoosh index as the reference of the store's numpy evaluator.
REFERENCE = "whoosh-collector"
# The mode in which the reference is run (its parser and ours read OR queries alike).
REFERENCE_MODE = "or"
# Digits kept in printed and returned measures.
PRECISION = 4
# The parser keeps MAX_QUERY_WORDS tokens, so "w1 OR w2 ..." may hold this many words before
# a cut leaves a dangling OR (which the parser reads as an ANDed word "or").
MAX_OR_WORDS = (MAX_QUERY_WORDS + 1) // 2
# Relative difference under which two engines' scores of one hit count as equal (float sum order).
SCORE_TOLERANCE = 1e-9
# Least-overlapping queries listed per mode: enough to start looking into a disagreement.
WORST_LISTED = 5

Ranking = tuple[tuple[str, float], ...]  # (doc_id, score) pairs, best first


@dataclass(frozen=True)
class Collection:
    """Documents (id -> (title, abstract)), queries in file order and graded judgements per query."""

    documents: dict[str, tuple[str, str]]
    queries: tuple[str, ...]
    qrels: dict[int, dict[str, int]]  # query ordinal (1-based) -> doc_id -> gain


def parse_smart(text: str) -> list[tuple[str, dict[str, str]]]:
    """Return the (.I id, {marker: text}) records of a SMART file; repeated markers are joined."""
    records: list[tuple[str, dict[str, list[str]]]] = []
    current = None
    for line in text.splitlines():
        marker = SMART_MARKER.match(line)
        if marker and marker.group(1) == "I" and marker.group(2):
            records.append((marker.group(2), {}))
            current = None
        elif marker and records:
            current = records[-1][1].setdefault(marker.group(1), [])
        elif current is not None:
            current.append(line)
    return [(rid, {k: " ".join(" ".join(v).split()) for k, v in fields.items()}) for rid, fields in records]


def gain_of(code: int) -> int:
    """Return the graded gain of a judged code (0 for a non-relevant one)."""
    return GAIN_BASE - code if code in RELEVANT_CODES else 0


def load_qrels(text: str) -> dict[int, dict[str, int]]:
    """Return the graded judgements of ``cranqrel`` (query ordinal, doc id, code per line)."""
    qrels: dict[int, dict[str, int]] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            qrels.setdefault(int(parts[0]), {})[str(int(parts[1]))] = gain_of(int(parts[2]))
    return qrels


def load_collection(folder: Path = CRANFIELD_DIR) -> Collection:
    """Read the Cranfield documents, queries and judgements from ``folder``."""
    def read(name: str) -> str:
        return (folder / name).read_text(encoding="utf-8", errors="replace")

    documents = {str(int(rid)): (fields.get(TITLE, ""), fields.get(ABSTRACT, ""))
                 for rid, fields in parse_smart(read(DOCUMENTS_FILE))}
    queries = tuple(fields.get(ABSTRACT, "") for _, fields in parse_smart(read(QUERIES_FILE)))
    return Collection(documents, queries, load_qrels(read(QRELS_FILE)))


def passage_for(doc_id: str, title: str, abstract: str) -> Passage:
    """Return the single passage of one Cranfield document."""
    return Passage(passage_id=passage_id_for(doc_id, ORDINAL), doc_id=doc_id, ordinal=ORDINAL,
                   text=abstract, title=title or None, lang=LANGUAGE, path=f"cranfield/{doc_id}")


def build_store(collection: Collection, index_dir: Path, engine: str = DEFAULT_ENGINE):
    """Index every document into a new store of ``engine`` at ``index_dir`` in one commit and return it."""
    store = open_store(index_dir, create=True, engine=engine)
    store.replace_documents((doc_id, [passage_for(doc_id, *fields)])
                            for doc_id, fields in collection.documents.items())
    return store


def or_words(text: str) -> list[str]:
    """Return the distinct words of ``text`` in order, without punctuation or operators."""
    return list(dict.fromkeys(w.lower() for w in PLAIN_WORD.findall(text) if w not in OPERATOR_WORDS))


def or_query(text: str) -> str:
    """Return the first MAX_OR_WORDS distinct words of ``text`` joined by OR."""
    return " OR ".join(or_words(text)[:MAX_OR_WORDS])


def query_for(text: str, mode: str) -> str:
    """Return the query text a mode searches for."""
    return or_query(text) if mode == "or" else text


def store_ranking(store, text: str) -> Ranking:
    """Return a store's first hits for ``text``."""
    results = store.search(SearchQuery(text=text, limit=CUTOFF, with_facets=False, with_snippets=False))
    return tuple((hit.passage.doc_id, hit.score) for hit in results.hits)


def whoosh_ranking(searcher, store, text: str) -> Ranking:
    """Return Whoosh's own first hits for ``text`` with the same parsed query."""
    parsed = whoosh_query(text, store.words())
    if parsed is None:
        return ()
    results = searcher.search(parsed, limit=CUTOFF)
    return tuple((hit["doc_id"], hit.score) for hit in results)


def timed(run, queries: tuple[str, ...]) -> tuple[list[Ranking], float]:
    """Return the rankings of every query and the seconds they took."""
    started = time.perf_counter()
    rankings = [run(query) for query in queries]
    return rankings, time.perf_counter() - started


def collect_rankings(stores: dict, queries: tuple[str, ...], modes: tuple[str, ...] = MODES) -> dict:
    """Return {"rankings": {mode: {engine: [ranking per query]}}, "seconds": {mode: {engine: seconds}}}.

    With a Whoosh store among ``stores``, the OR mode also holds Whoosh's own collector's rankings.
    """
    rankings = {mode: {} for mode in modes}
    seconds = {mode: {} for mode in modes}
    for mode in modes:
        for engine, store in stores.items():
            rankings[mode][engine], seconds[mode][engine] = timed(
                lambda q, store=store: store_ranking(store, query_for(q, mode)), queries)
    if REFERENCE_MODE in modes and "whoosh" in stores:
        store = stores["whoosh"]
        searcher = store._index.searcher(weighting=scoring.BM25F())
        try:
            rankings[REFERENCE_MODE][REFERENCE], seconds[REFERENCE_MODE][REFERENCE] = timed(
                lambda q: whoosh_ranking(searcher, store, or_query(q)), queries)
        finally:
            searcher.close()
    return {"rankings": rankings, "seconds": seconds}


def ndcg_at(ranked: list[str], gains: dict[str, int], cutoff: int = CUTOFF) -> float:
    """Return nDCG at ``cutoff`` with linear graded gains (0 when nothing is relevant)."""
    dcg = sum(gains.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranked[:cutoff]))
    ideal = sorted((g for g in gains.values() if g > 0), reverse=True)[:cutoff]
    best = sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))
    return dcg / best if best else 0.0


def average_precision_at(ranked: list[str], gains: dict[str, int], cutoff: int = CUTOFF) -> float:
    """Return average precision at ``cutoff``, normalised by min(relevant, cutoff)."""
    relevant = sum(1 for g in gains.values() if g > 0)
    found, total = 0, 0.0
    for rank, doc in enumerate(ranked[:cutoff], start=1):
        if gains.get(doc, 0) > 0:
            found += 1
            total += found / rank
    return total / min(relevant, cutoff) if relevant else 0.0


def precision_at(ranked: list[str], gains: dict[str, int], cutoff: int = CUTOFF) -> float:
    """Return the share of relevant documents among the first ``cutoff``."""
    return sum(1 for doc in ranked[:cutoff] if gains.get(doc, 0) > 0) / cutoff


def measures(rankings: list[Ranking], qrels: dict[int, dict[str, int]]) -> dict:
    """Return mean nDCG@10, MAP@10, P@10 over all queries and how many queries had a hit."""
    per_query = [([doc for doc, _ in ranking], qrels.get(ordinal, {}))
                 for ordinal, ranking in enumerate(rankings, start=1)]
    count = len(per_query) or 1
    return {
        f"ndcg@{CUTOFF}": round(sum(ndcg_at(r, g) for r, g in per_query) / count, PRECISION),
        f"map@{CUTOFF}": round(sum(average_precision_at(r, g) for r, g in per_query) / count, PRECISION),
        f"p@{CUTOFF}": round(sum(precision_at(r, g) for r, g in per_query) / count, PRECISION),
        "answered": sum(1 for r, _ in per_query if r),
    }


def overlap(first: Ranking, second: Ranking) -> float:
    """Return the share of the larger top list found in the other (1.0 when both are empty)."""
    a, b = {doc for doc, _ in first}, {doc for doc, _ in second}
    return len(a & b) / max(len(a), len(b)) if a or b else 1.0


def _same_score(first: float, second: float) -> bool:
    return math.isclose(first, second, rel_tol=SCORE_TOLERANCE)


def _above(ranking: Ranking, boundary: float) -> dict[str, float]:
    """Return the documents of a ranking scored clearly above ``boundary``, with their scores."""
    return {doc: score for doc, score in ranking if score > boundary and not _same_score(score, boundary)}


def rankings_agree(first: Ranking, second: Ranking) -> bool:
    """Return whether two top lists give the same documents the same scores, rank scores included.

    A full list may differ only in documents tied with its last score (either may be cut there).
    """
    if len(first) != len(second):
        return False
    if not all(_same_score(a, b) for (_, a), (_, b) in zip(first, second)):
        return False
    if len(first) < CUTOFF:
        mine, theirs = dict(first), dict(second)
    else:
        mine, theirs = _above(first, first[-1][1]), _above(second, first[-1][1])
    return mine.keys() == theirs.keys() and all(_same_score(mine[doc], theirs[doc]) for doc in mine)


def agreement(store: list[Ranking], whoosh: list[Ranking]) -> dict:
    """Return the mean top-10 overlap, how many top lists agree, and the least-overlapping queries."""
    overlaps = [overlap(s, w) for s, w in zip(store, whoosh)]
    worst = sorted(range(len(overlaps)), key=lambda i: (overlaps[i], i))[:WORST_LISTED]
    return {
        "mean_overlap": round(sum(overlaps) / (len(overlaps) or 1), PRECISION),
        "identical_order": sum(1 for s, w in zip(store, whoosh) if [d for d, _ in s] == [d for d, _ in w]),
        "agree_up_to_ties": sum(1 for s, w in zip(store, whoosh) if rankings_agree(s, w)),
        "differing": [ordinal for ordinal, (s, w) in enumerate(zip(store, whoosh), start=1)
                      if not rankings_agree(s, w)][:WORST_LISTED],
        "worst": [(i + 1, round(overlaps[i], PRECISION)) for i in worst if overlaps[i] < 1.0],
    }


def summarise(collection: Collection, collected: dict) -> dict:
    """Return the measures per mode and engine, the reference agreement and the search times."""
    rankings = collected["rankings"]
    reference = rankings.get(REFERENCE_MODE, {})
    summary = {
        "queries": len(collection.queries),
        "documents": len(collection.documents),
        "modes": {mode: {engine: measures(ranked, collection.qrels) for engine, ranked in engines.items()}
                  for mode, engines in rankings.items()},
        "seconds": {mode: {engine: round(spent, 2) for engine, spent in times.items()}
                    for mode, times in collected["seconds"].items()},
        "or_queries_cut": sum(1 for q in collection.queries if len(or_words(q)) > MAX_OR_WORDS),
    }
    if REFERENCE in reference:
        summary["agreement"] = agreement(reference["whoosh"], reference[REFERENCE])
    return summary


def evaluate(folder: Path = CRANFIELD_DIR, engines: tuple[str, ...] = ENGINES) -> dict:
    """Index the collection into a temporary store of each engine, run every query both ways, return the summary."""
    collection = load_collection(folder)
    build_seconds = {}
    with tempfile.TemporaryDirectory(prefix="ranking-eval-") as work:
        stores = {}
        try:
            for engine in engines:
                started = time.perf_counter()
                stores[engine] = build_store(collection, Path(work) / engine, engine)
                build_seconds[engine] = round(time.perf_counter() - started, 2)
            summary = summarise(collection, collect_rankings(stores, collection.queries))
        finally:
            for store in stores.values():
                store.close()
    summary["build_seconds"] = build_seconds
    return summary


def markdown_table(summary: dict) -> str:
    """Return the measures as a Markdown table, one row per mode and engine."""
    names = [f"ndcg@{CUTOFF}", f"map@{CUTOFF}", f"p@{CUTOFF}", "answered"]
    lines = ["| mode | engine | " + " | ".join(names) + " | seconds |", "|---|---|" + "---:|" * (len(names) + 1)]
    for mode, engines in summary["modes"].items():
        for engine, values in engines.items():
            cells = [str(values[name]) for name in names] + [str(summary["seconds"][mode][engine])]
            lines.append(f"| {mode} | {engine} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation from the command line and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=CRANFIELD_DIR, help="the Cranfield folder")
    parser.add_argument("--engines", default=",".join(ENGINES), help="engines to measure, comma-separated")
    parser.add_argument("--json", type=Path, default=None, help="also write the summary here")
    args = parser.parse_args(argv)
    engines = tuple(name.strip() for name in args.engines.split(",") if name.strip())
    unknown = [name for name in engines if name not in ENGINES]
    if unknown or not engines:
        print(f"unknown engine {', '.join(unknown) or '(none)'}; choose from {', '.join(ENGINES)}", file=sys.stderr)
        return 2
    if not (args.folder / DOCUMENTS_FILE).exists():
        print(f"Cranfield collection not found: {args.folder}", file=sys.stderr)
        return 2
    summary = evaluate(args.folder, engines)
    print(markdown_table(summary))
    print()
    print(json.dumps({k: summary[k] for k in ("queries", "documents", "build_seconds", "or_queries_cut", "agreement")
                      if k in summary}, indent=1))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
