"""Lay out the UN General Debate speeches (or an even slice) as a corpus folder with a librarian catalogue.

The archive (``../shared/data/ungdc.tar.gz`` beside the repository) holds
``ungdc/TXT/Session NN - YYYY/ISO_NN_YYYY.txt`` and ``ungdc/metadata.jsonl``
(one line per speech: path, country, year, session, speaker, ``all_speakers``).
A slice of ``--docs N`` speeches is taken evenly over the paths sorted by
name, so every decade appears, and the same N always gives the same slice. Only
the chosen speeches are extracted, streaming through the archive once.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = REPO_ROOT.parent / "shared" / "data" / "ungdc.tar.gz"
ARCHIVE_FOLDER = "ungdc"
METADATA_FILE = "metadata.jsonl"
CATALOGUE_COLUMNS = ("path", "title", "date", "speaker", "type", "source", "lang")
DOC_TYPE = "speech"
SOURCE = "UN General Debate"
# Left empty so the language stage runs as it would on an uncatalogued archive (the texts are English).
CATALOGUE_LANG = ""
# The project's librarian vocabularies, copied into the benchmark corpus so the facet stage does real work.
VOCABULARY_FILES = ("speakers.yaml", "topics.yaml", "doctypes.yaml", "sources.yaml")
# Where the speeches go inside the corpus folder (a folder is a collection).
COLLECTION = "ungdc"
# Copy k of a scaled collection is dated k centuries later (1946-2024 becomes 2046-2124, ...), so no two copies
# share a year, a session or a title, and every copy is a distinct document with facets of its own.
YEARS_PER_COPY = 100
COPY_FOLDER = "copy-{k}"


@dataclass(frozen=True)
class Speech:
    """One speech of the collection as described by metadata.jsonl."""

    path: str  # relative to the archive folder: TXT/Session NN - YYYY/ISO_NN_YYYY.txt
    country: str
    session: int
    year: int
    speakers: tuple[str, ...]


def ordinal(number: int) -> str:
    """Return an English ordinal: 1st, 2nd, 3rd, 11th, 21st, 78th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def speech_from_record(record: dict) -> Speech:
    """Return the Speech of one metadata.jsonl record (two listed speakers are both kept)."""
    names = [entry.get("speaker", "") for entry in record.get("all_speakers", ())] or [record.get("speaker", "")]
    speakers = tuple(dict.fromkeys(name.strip() for name in names if name and name.strip()))
    return Speech(record["path"], record["country"], int(record["session"]), int(record["year"]), speakers)


def evenly_spread(items: list, count: int | None) -> list:
    """Return ``count`` items taken at even steps over ``items`` (all of them when count is None or larger)."""
    if count is None or count >= len(items):
        return list(items)
    if count <= 0:
        return []
    return [items[index * len(items) // count] for index in range(count)]


def catalogue_row(speech: Speech) -> dict[str, str]:
    """Return the catalogue.csv row of a speech (the date is the year: the corpus has no day)."""
    return {
        "path": speech.path,
        "title": f"General Debate, {ordinal(speech.session)} session: {speech.country}",
        "date": str(speech.year),
        "speaker": ";".join(speech.speakers),
        "type": DOC_TYPE,
        "source": SOURCE,
        "lang": CATALOGUE_LANG,
    }


def write_catalogue(rows: list[dict[str, str]], path: Path) -> None:
    """Write catalogue rows as CSV with the columns the project reads."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CATALOGUE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def read_metadata(archive: Path) -> list[Speech]:
    """Return every speech described by the archive's metadata.jsonl, sorted by path."""
    with tarfile.open(archive, "r|gz") as tar:
        for member in tar:
            if member.isfile() and member.name == f"{ARCHIVE_FOLDER}/{METADATA_FILE}":
                lines = tar.extractfile(member).read().decode("utf-8").splitlines()
                speeches = [speech_from_record(json.loads(line)) for line in lines if line.strip()]
                return sorted(speeches, key=lambda speech: speech.path)
    raise FileNotFoundError(f"{archive} holds no {ARCHIVE_FOLDER}/{METADATA_FILE}")


def extract_speeches(archive: Path, targets: dict[str, Path]) -> dict[str, tuple[int, int]]:
    """Write the archive's speeches named in ``targets`` (path in the collection -> file); return words and chars."""
    texts = {}
    prefix = f"{ARCHIVE_FOLDER}/"
    with tarfile.open(archive, "r|gz") as tar:
        for member in tar:
            relative = member.name[len(prefix):] if member.name.startswith(prefix) else None
            if member.isfile() and relative in targets:
                data = tar.extractfile(member).read()
                targets[relative].parent.mkdir(parents=True, exist_ok=True)
                targets[relative].write_bytes(data)
                text = data.decode("utf-8", errors="replace")
                texts[relative] = (len(text.split()), len(text))
    missing = sorted(set(targets) - set(texts))
    if missing:
        raise FileNotFoundError(f"{archive} lacks {len(missing)} speeches listed in its metadata, e.g. {missing[0]}")
    return texts


@dataclass(frozen=True)
class BenchCorpus:
    """A corpus folder ready to index, and the one speech kept back for the incremental run."""

    corpus_dir: Path
    documents: int  # speeches in the corpus folder now
    newcomer: Speech | None  # written by ``add_newcomer``
    waiting_dir: Path  # where the kept-back speech waits
    words: int
    chars: int


def shifted_copy(speech: Speech, k: int) -> Speech:
    """Return copy ``k`` of a speech: its own path, dated ``k`` centuries later, its session shifted alike."""
    return Speech(f"{COPY_FOLDER.format(k=k)}/{speech.path}", speech.country, speech.session + k * YEARS_PER_COPY,
                  speech.year + k * YEARS_PER_COPY, speech.speakers)


def add_copies(corpus_dir: Path, speeches: list[Speech], copies: int) -> list[Speech]:
    """Hard-link ``copies - 1`` shifted copies of each speech into the corpus (copies share the text on disk)."""
    added = []
    for k in range(1, copies):
        for speech in speeches:
            copy = shifted_copy(speech, k)
            target = corpus_dir / COLLECTION / copy.path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(corpus_dir / COLLECTION / speech.path, target)
            added.append(copy)
    return added


def prepare_corpus(archive: Path, work_dir: Path, docs: int | None, copies: int = 1) -> BenchCorpus:
    """Lay out a corpus of ``docs`` speeches of ``archive`` (all if None) under ``work_dir``, one kept back.

    ``copies`` above one repeats the collection that many times, each copy shifted in time (``shifted_copy``).
    """
    chosen = evenly_spread(read_metadata(archive), docs)
    newcomer = chosen.pop() if len(chosen) > 1 else None
    corpus_dir, waiting_dir = work_dir / "corpus", work_dir / "waiting"
    (corpus_dir / COLLECTION).mkdir(parents=True)
    for name in VOCABULARY_FILES:
        vocabulary = REPO_ROOT / "corpus" / name
        if vocabulary.exists():
            shutil.copy2(vocabulary, corpus_dir / name)
    targets = {speech.path: corpus_dir / COLLECTION / speech.path for speech in chosen}
    if newcomer:
        targets[newcomer.path] = waiting_dir / newcomer.path
    sizes = extract_speeches(archive, targets)
    kept = [sizes[speech.path] for speech in chosen]
    copied = add_copies(corpus_dir, chosen, copies)
    write_catalogue([catalogue_row(s) for s in chosen + copied + ([newcomer] if newcomer else [])],
                    corpus_dir / COLLECTION / "catalogue.csv")
    return BenchCorpus(corpus_dir, len(chosen) + len(copied), newcomer, waiting_dir,
                       copies * sum(w for w, _ in kept), copies * sum(c for _, c in kept))


def add_newcomer(corpus: BenchCorpus) -> str:
    """Copy the kept-back speech into the corpus and return its path relative to the corpus folder."""
    if corpus.newcomer is None:
        raise ValueError("the slice is too small to keep a speech back")
    target = corpus.corpus_dir / COLLECTION / corpus.newcomer.path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(corpus.waiting_dir / corpus.newcomer.path, target)
    return f"{COLLECTION}/{corpus.newcomer.path}"


def remove_newcomer(corpus: BenchCorpus) -> None:
    """Take the kept-back speech out of the corpus again (the next engine's build must not see it)."""
    if corpus.newcomer is not None:
        (corpus.corpus_dir / COLLECTION / corpus.newcomer.path).unlink(missing_ok=True)
