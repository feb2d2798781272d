"""List and score the passages of UN General Debate speeches that report someone (Passage.reported).

Usage: ``python -m bench.reported_eval [--docs N] [--half dev|heldout|new|all] [--list] [--labels FILE]``

A slice of ``--docs`` speeches (1,500 by default) is taken evenly over the
archive's paths sorted by name (``bench.corpus.evenly_spread``: no randomness,
the same N always gives the same slice, every decade appears) and laid out as a
corpus folder with its catalogue, as ``make bench`` does. Each speech goes
through the indexer's own stages (``prepare_document``, the source group's
repeated blocks, ``build_passages``). The slice is split by position: speeches
at even positions are the DEVELOPMENT half (read them to design rules), those at
odd positions the first HELD-OUT half. That half has since been read to write rules, so both are now
development data; ``new`` is a second held-out set of ``NEW_DOCS`` speeches taken evenly (same rule) over
the archive's speeches outside the slice, labelled only after the rules were final. It is laid out and
indexed as a corpus folder of its own, so the first slice's results do not change with it.

``--list`` prints every passage with a non-empty ``reported``, its text and the
label it has, so a person can label it. Without ``--list`` the script prints,
per half, the passages that report someone, the (passage, person) pairs, how
many are labelled correct in ``bench/data/reported_labels.tsv`` and the
precision; pairs with no label are counted apart and named so they can be
labelled. Speech texts are kept in ``var/reported_eval`` (ignored by git).
"""
from __future__ import annotations

import argparse
import csv
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import (
    ARCHIVE, COLLECTION, VOCABULARY_FILES, catalogue_row, evenly_spread, extract_speeches, read_metadata,
    write_catalogue,
)
from indexer.boilerplate.repeated import repeated_fingerprints
from indexer.config import Config
from indexer.documents import UNGROUPED, build_passages, prepare_document
from indexer.vocabularies import load_vocabularies

REPO_ROOT = Path(__file__).resolve().parents[1]
# 1,500 of the archive's 10,952 speeches: five times the bench-quick slice, about 20 per session.
DEFAULT_DOCS = 1500
WORK_DIR = REPO_ROOT / "var" / "reported_eval"
LABELS = REPO_ROOT / "bench" / "data" / "reported_labels.tsv"
# Labels of the second held-out set ("new"), written after the rules were final; read with LABELS.
NEW_LABELS = REPO_ROOT / "bench" / "data" / "reported_labels_new.tsv"
LABEL_COLUMNS = ("speech", "ordinal", "person", "correct", "why")
HALVES = ("dev", "heldout", "new")
# The second held-out set: half the first slice, taken from the speeches the slice leaves out.
NEW_DOCS = 750


@dataclass(frozen=True)
class Report:
    """One passage that reports someone."""

    half: str
    speech: str  # the file's stem, e.g. USA_25_1970
    ordinal: int
    speakers: tuple[str, ...]
    reported: tuple[str, ...]
    text: str


def half_of(position: int) -> str:
    """Return the half a speech at ``position`` of the slice belongs to: even positions develop, odd ones test."""
    return HALVES[position % 2]  # "dev" or "heldout"; the second held-out set is "new"


def lay_out(docs: int, work_dir: Path, new: bool = False) -> tuple[Path, dict[str, str]]:
    """Write the slice (or, with ``new``, the second held-out set) as a corpus folder and return it with halves.

    The folder is written once and reused while the slice is the same.
    """
    speeches = read_metadata(ARCHIVE)
    chosen = evenly_spread(speeches, docs)
    if new:
        taken = {speech.path for speech in chosen}
        chosen = evenly_spread([speech for speech in speeches if speech.path not in taken], NEW_DOCS)
    corpus_dir = work_dir / (f"corpus-new-{NEW_DOCS}-outside-{docs}" if new else f"corpus-{docs}")
    halves = {Path(speech.path).stem: "new" if new else half_of(position) for position, speech in enumerate(chosen)}
    if not (corpus_dir / COLLECTION / "catalogue.csv").exists():
        shutil.rmtree(corpus_dir, ignore_errors=True)
        (corpus_dir / COLLECTION).mkdir(parents=True)
        extract_speeches(ARCHIVE, {speech.path: corpus_dir / COLLECTION / speech.path for speech in chosen})
        write_catalogue([catalogue_row(speech) for speech in chosen], corpus_dir / COLLECTION / "catalogue.csv")
    for name in VOCABULARY_FILES:  # always the repository's current vocabularies
        if (REPO_ROOT / "corpus" / name).exists():
            shutil.copy2(REPO_ROOT / "corpus" / name, corpus_dir / name)
    return corpus_dir, halves


def reports(corpus_dir: Path, halves: dict[str, str], only: str | None = None) -> tuple[list[Report], dict[str, int]]:
    """Run the indexer's stages over every speech; return the reporting passages (every passage of ``only``)."""
    config = Config(corpus_dir=corpus_dir)
    vocabularies = load_vocabularies(config)
    paths = sorted((corpus_dir / COLLECTION).rglob("*.txt"))
    prepared = [prepare_document(path, config, vocabularies) for path in paths]
    groups: dict[str, dict[str, list[str]]] = {}
    for doc in prepared:
        groups.setdefault(doc.group, {})[doc.path] = doc.fingerprints()
    repeated = {group: repeated_fingerprints(members) for group, members in groups.items()}
    found, counts = [], dict.fromkeys(HALVES, 0)
    for path, doc in zip(paths, prepared):
        speech = path.stem
        group_repeated = repeated.get(doc.group, frozenset()) if doc.group != UNGROUPED else frozenset()
        _, passages = build_passages(doc, speech, group_repeated, config, vocabularies)
        counts[halves[speech]] += len(passages)
        found += [Report(halves[speech], speech, p.ordinal, p.speakers, p.reported, p.text)
                  for p in passages if p.reported or speech == only]
    return found, counts


def read_labels(path: Path) -> dict[tuple[str, int, str], tuple[bool, str]]:
    """Return (speech, ordinal, person) -> (correct, why) from the labels file."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(row["speech"], int(row["ordinal"]), row["person"]): (row["correct"] == "yes", row["why"])
                for row in rows}


def score(found: list[Report], labels: dict, half: str) -> dict[str, object]:
    """Return the counts and precision of one half's (passage, person) pairs against the labels."""
    pairs = [(r.speech, r.ordinal, person) for r in found if r.half == half for person in r.reported]
    labelled = [labels[pair][0] for pair in pairs if pair in labels]
    unlabelled = [pair for pair in pairs if pair not in labels]
    correct = sum(labelled)
    return {"passages": sum(r.half == half for r in found), "pairs": len(pairs), "correct": correct,
            "wrong": len(labelled) - correct, "unlabelled": unlabelled,
            "precision": correct / len(labelled) if labelled else None}


def print_listing(found: list[Report], labels: dict, half: str) -> None:
    """Print every reporting passage of ``half`` with its text and labels, for a person to label."""
    for report in found:
        if half != "all" and report.half != half:
            continue
        print(f"=== {report.half} {report.speech} #{report.ordinal} speakers={'; '.join(report.speakers)}")
        for person in report.reported:
            label = labels.get((report.speech, report.ordinal, person))
            mark = "unlabelled" if label is None else ("yes" if label[0] else "no") + f" ({label[1]})"
            print(f"    reported: {person} [{mark}]")
        print(report.text)
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="speeches in the slice")
    parser.add_argument("--half", choices=HALVES + ("all",), default="all")
    parser.add_argument("--list", action="store_true", help="print every reporting passage with its text")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--work-dir", type=Path, default=WORK_DIR)
    parser.add_argument("--speech", help="with --list: print every passage of this speech (e.g. NRU_69_2014)")
    args = parser.parse_args(argv)
    found, counts, halves = [], dict.fromkeys(HALVES, 0), {}
    for new in (False, True):
        if args.half not in ("all", "new") if new else args.half == "new":
            continue
        corpus_dir, some = lay_out(args.docs, args.work_dir, new)
        more, more_counts = reports(corpus_dir, some, args.speech)
        found += more
        halves.update(some)
        counts = {half: counts[half] + more_counts.get(half, 0) for half in HALVES}
    labels = read_labels(args.labels) | read_labels(NEW_LABELS)
    if args.speech:
        found = [report for report in found if report.speech == args.speech]
    if args.list:
        print_listing(found, labels, args.half)
        return 0
    for half in HALVES if args.half == "all" else (args.half,):
        result = score(found, labels, half)
        precision = "n/a" if result["precision"] is None else f"{result['precision']:.1%}"
        print(f"{half}: {sum(h == half for h in halves.values())} speeches, {counts[half]} passages, "
              f"{result['passages']} report someone; {result['pairs']} (passage, person) pairs: "
              f"{result['correct']} correct, {result['wrong']} wrong, {len(result['unlabelled'])} unlabelled; "
              f"precision {precision}")
        for speech, ordinal, person in result["unlabelled"]:
            print(f"    unlabelled: {speech}\t{ordinal}\t{person}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
