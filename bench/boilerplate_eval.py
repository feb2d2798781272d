"""Score the HTML boilerplate stripper on trafilatura's labelled evaluation set.

Usage: ``python -m bench.boilerplate_eval [--limit N] [--json OUT] [--split dev|holdout]``

The archive (``../shared/data/trafilatura-eval.tar.gz`` beside the repository) is
unpacked into a temporary folder once per run. Each page goes through
``clean_html``; the text of its blocks, joined with newlines, is scored with the
upstream metric (tests/eval_common.py upstream, as described in the archive's
SOURCE.md): whitespace-normalised substring match of the "with" and "without"
snippets, micro-averaged precision, recall, accuracy and F1; a crash counts as
empty output. Dateline blocks are left out of the joined text by default
because the passage splitter leaves them out of what is indexed
(``--with-datelines`` puts them back).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tarfile
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from bs4.dammit import UnicodeDammit

from indexer.boilerplate.html import clean_html
from indexer.config import Config

REPO_ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = REPO_ROOT / ".." / "shared" / "data" / "trafilatura-eval.tar.gz"
DATASET_FOLDER = "trafilatura-eval"
ANNOTATIONS = "evaldata.json"
# Each annotated file is looked for in these folders, in this order (as upstream).
PAGE_FOLDERS = ("cache", "eval")
WHITESPACE_RE = re.compile(r"\s+")
# Splits for tuning on one half and checking on the other, by a stable hash of the URL.
SPLITS = ("all", "dev", "holdout")


@dataclass(frozen=True)
class Page:
    """One annotated page of the evaluation set."""

    url: str
    path: Path
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass
class Scores:
    """Micro-summed counts over the pages scored, and the time spent extracting."""

    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0
    pages: int = 0
    crashes: int = 0
    seconds: float = 0.0

    def summary(self) -> dict:
        """Return precision, recall, accuracy, F1 and time per page."""
        tp, fn, fp, tn = (
            self.true_positives, self.false_negatives, self.false_positives, self.true_negatives,
        )
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        total = tp + fn + fp + tn
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "accuracy": round((tp + tn) / total, 4) if total else 0.0,
            "f1": round(f1, 4),
            "pages": self.pages,
            "crashes": self.crashes,
            "ms_per_page": round(1000 * self.seconds / self.pages, 1) if self.pages else 0.0,
            "counts": asdict(self),
        }


@contextmanager
def unpacked(archive: Path = ARCHIVE) -> Iterator[Path]:
    """Unpack the evaluation archive into a temporary folder and yield the data set folder."""
    with tempfile.TemporaryDirectory(prefix="boilerplate-eval-") as folder:
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder) / DATASET_FOLDER


def _split_of(url: str) -> str:
    return "dev" if hashlib.sha1(url.encode("utf-8")).digest()[0] % 2 == 0 else "holdout"


def load_pages(dataset: Path, split: str = "all") -> list[Page]:
    """Return the annotated pages (sorted by URL), optionally one half of them."""
    annotations = json.loads((dataset / ANNOTATIONS).read_text(encoding="utf-8"))
    pages = []
    for url in sorted(annotations):
        entry = annotations[url]
        candidates = [dataset / folder / entry["file"] for folder in PAGE_FOLDERS]
        path = next((c for c in candidates if c.exists()), candidates[-1])
        if split == "all" or _split_of(url) == split:
            pages.append(Page(url, path, tuple(entry["with"]), tuple(entry.get("without", ()))))
    return pages


def decode(data: bytes) -> str:
    """Decode page bytes: UTF-8 when valid, else the declared or detected character set."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return UnicodeDammit(data, is_html=True).unicode_markup or ""


def _normalise(text: str) -> str:
    return WHITESPACE_RE.sub(" ", text).strip()


def score_page(output: str, page: Page, scores: Scores) -> None:
    """Add one page's snippet matches to ``scores``."""
    text = _normalise(output)
    for snippet in page.with_:
        if _normalise(snippet) in text:
            scores.true_positives += 1
        else:
            scores.false_negatives += 1
    for snippet in page.without:
        if _normalise(snippet) in text:
            scores.false_positives += 1
        else:
            scores.true_negatives += 1


def html_extractor(with_datelines: bool = False) -> Callable[[str], str]:
    """Return the extractor under test: page markup in, indexed text out."""
    config = Config()

    def extract(html: str) -> str:
        """Return the indexed text of one page."""
        blocks = clean_html(html, config)
        return "\n".join(b.text for b in blocks if with_datelines or b.kind != "dateline")

    return extract


def evaluate(pages: Iterable[Page], extract: Callable[[str], str]) -> Scores:
    """Run ``extract`` on every page and score it; a crash counts as empty output."""
    scores = Scores()
    for page in pages:
        html = decode(page.path.read_bytes())
        started = time.perf_counter()
        try:
            output = extract(html)
        except Exception as error:  # noqa: BLE001 - the upstream metric scores a crash as empty output
            print(f"crash on {page.url}: {error!r}", file=sys.stderr)
            output = ""
            scores.crashes += 1
        scores.seconds += time.perf_counter() - started
        scores.pages += 1
        score_page(output, page, scores)
    return scores


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation from the command line and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    parser.add_argument("--split", choices=SPLITS, default="all", help="half of the set to score")
    parser.add_argument("--archive", type=Path, default=ARCHIVE, help="evaluation archive")
    parser.add_argument("--with-datelines", action="store_true", help="score dateline blocks too")
    args = parser.parse_args(argv)
    if not args.archive.exists():
        print(f"evaluation archive not found: {args.archive}", file=sys.stderr)
        return 2
    with unpacked(args.archive) as dataset:
        pages = load_pages(dataset, args.split)[: args.limit]
        summary = evaluate(pages, html_extractor(args.with_datelines)).summary()
    summary["split"] = args.split
    print(json.dumps({k: v for k, v in summary.items() if k != "counts"}, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
