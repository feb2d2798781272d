"""Time the indexing stages without touching the engine: wrap the stage functions where they are looked up.

The pipeline calls its stages through module-level names (``indexer.documents.clean``,
``indexer.documents.split_document`` ...) and the store through the methods of
the built engine's store class (``TantivyStore``, ``WhooshStore``). Inside the
benchmark process those names are replaced by timing wrappers for the duration
of one build, then restored. Time is charged exclusively: a facet function
called from inside ``split_document`` (the turn detector) counts as facets, not
passages. What no wrapper covers is "other".
"""
from __future__ import annotations

import functools
import importlib
import inspect
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from typing import Callable, Iterator

from indexer.engines import DEFAULT_ENGINE, ENGINE_CLASSES

STAGE_ORDER = ("reading", "boilerplate", "passages", "language", "facets", "index writing", "manifest")
# (module, attribute, stage): every name through which the pipeline reaches a stage before the store.
PIPELINE_FUNCTIONS = (
    ("indexer.pipeline", "_file_state", "reading"),
    ("indexer.documents", "read_document", "reading"),
    ("indexer.documents", "librarian_metadata", "reading"),
    ("indexer.documents", "clean", "boilerplate"),
    ("indexer.documents", "drop_repeated", "boilerplate"),
    ("indexer.documents", "block_fingerprint", "boilerplate"),
    ("indexer.pipeline", "repeated_fingerprints", "boilerplate"),
    ("indexer.documents", "split_document", "passages"),
    ("indexer.documents", "detect_passage_languages", "language"),
    ("indexer.documents", "document_source", "facets"),
    ("indexer.documents", "document_title", "facets"),
    ("indexer.documents", "document_date", "facets"),
    ("indexer.documents", "document_type", "facets"),
    ("indexer.documents", "document_speakers", "facets"),
    ("indexer.documents", "starts_turn", "facets"),
    ("indexer.documents", "passage_reported", "facets"),
    ("indexer.documents", "passage_topics", "facets"),
    ("indexer.pipeline", "save_manifest", "manifest"),
)
# The methods of the engine's store class through which the pipeline writes the index.
STORE_METHODS = ("replace_documents", "delete_documents", "set_labels", "close")
WRITING_STAGE = "index writing"
# Marks a wrapped method its class inherited: restoring it deletes the wrapper from the class.
INHERITED = object()


def stage_functions(engine: str = DEFAULT_ENGINE) -> tuple[tuple[str, str, str], ...]:
    """Return every (module, attribute, stage) through which a build with ``engine`` reaches a stage."""
    module_name, class_name = ENGINE_CLASSES[engine]
    return PIPELINE_FUNCTIONS + tuple((module_name, f"{class_name}.{method}", WRITING_STAGE)
                                      for method in STORE_METHODS)


class StageClock:
    """Exclusive seconds and call counts per stage, fed by wrapped functions."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter = Counter()
        self._children: list[list[float]] = []
        self.missing: list[str] = []  # stage functions the engine no longer has

    def wrap(self, stage: str, function: Callable) -> Callable:
        """Return ``function`` charging its own time (not its timed callees') to ``stage``."""
        @functools.wraps(function)
        def timed(*args, **kwargs):
            """Call the stage function, charging its exclusive time."""
            children = [0.0]
            self._children.append(children)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                self._children.pop()
                self.seconds[stage] += elapsed - children[0]
                self.calls[stage] += 1
                if self._children:
                    self._children[-1][0] += elapsed
        return timed

    def table(self, total_seconds: float) -> dict[str, float]:
        """Return seconds per stage in pipeline order, with the unwrapped remainder as "other"."""
        table = {stage: round(self.seconds.get(stage, 0.0), 3) for stage in STAGE_ORDER}
        table["other"] = round(max(total_seconds - sum(self.seconds.values()), 0.0), 3)
        return table


def _owner_and_name(module_name: str, dotted: str):
    owner = importlib.import_module(module_name)
    *path, name = dotted.split(".")
    for part in path:
        owner = getattr(owner, part, None)
    return owner, name


@contextmanager
def instrumented(clock: StageClock, functions: tuple[tuple[str, str, str], ...]) -> Iterator[StageClock]:
    """Replace each stage function by a timing wrapper while the block runs, then restore it.

    A method the class inherits is wrapped on the class itself, so only that engine's calls count.

    The pipeline's worker processes are switched off meanwhile: stages timed in a worker would
    never reach this process's clock. The end-to-end build is timed separately, with workers.
    """
    import indexer.workers

    saved = [(indexer.workers, "WORKERS", indexer.workers.WORKERS)]
    indexer.workers.WORKERS = 1
    try:
        for module_name, dotted, stage in functions:
            owner, name = _owner_and_name(module_name, dotted)
            original = inspect.getattr_static(owner, name, None) if owner is not None else None
            if original is None:
                clock.missing.append(f"{module_name}.{dotted}")
                continue
            saved.append((owner, name, vars(owner).get(name, INHERITED)))
            setattr(owner, name, clock.wrap(stage, original))
        yield clock
    finally:
        for owner, name, original in reversed(saved):
            if original is INHERITED:
                delattr(owner, name)
            else:
                setattr(owner, name, original)
