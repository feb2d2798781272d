"""The ``archive-search`` command: index, extract, status and serve.

Exit status: 0 all went well; 1 the run could not be done (bad configuration,
unreadable index); 2 wrong usage; 3 the run finished but some files were
rejected (each is listed with its reason); 4 another indexing run is in
progress (``index --wait SECONDS`` waits for it instead).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from indexer.config import Config, ConfigError, load_config
from indexer.engines import DEFAULT_ENGINE, ENGINES, StoreError
from indexer.manifest import ManifestError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REJECTED, EXIT_BUSY = 0, 1, 2, 3, 4
# Width of the progress bar on a terminal, in characters.
PROGRESS_WIDTH = 30
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def _progress_bar(done: int, total: int, current: str) -> None:
    filled = PROGRESS_WIDTH * done // max(total, 1)
    bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
    name = current if len(current) <= 40 else "…" + current[-39:]
    sys.stderr.write(f"\r[{bar}] {done}/{total} {name:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _config(args) -> Config:
    return load_config(corpus_dir=getattr(args, "corpus", None), index_dir=getattr(args, "index", None),
                       engine=getattr(args, "engine", None))


def command_index(args) -> int:
    """Index the corpus folder, print a summary and the rejected files."""
    from indexer.pipeline import run_exclusively
    from indexer.runlock import IndexBusy

    config = _config(args)
    if not config.corpus_dir.is_dir():
        print(f"error: corpus folder {config.corpus_dir} does not exist", file=sys.stderr)
        return EXIT_FAILED
    show_progress = sys.stderr.isatty() and not args.quiet
    try:
        report = run_exclusively(config, rebuild=args.rebuild, wait=args.wait,
                                 echo=_progress_bar if show_progress else None, label="command line")
    except IndexBusy as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BUSY
    print(report.summary())
    for path, reason in sorted(report.rejected.items()):
        print(f"rejected: {path}: {reason}")
    for path, messages in sorted(report.warnings.items()):
        for message in messages:
            print(f"warning: {path}: {message}")
    return EXIT_REJECTED if report.rejected else EXIT_OK


def command_extract(args) -> int:
    """Print the passages files would become, as JSON lines or readable text."""
    from indexer.facets.attribution import speaker_line
    from indexer.preview import preview_file

    config = _config(args)
    status = EXIT_OK
    for name in args.files:
        try:
            passages = preview_file(Path(name), config)
        except (OSError, ValueError) as error:
            print(f"rejected: {name}: {error}", file=sys.stderr)
            status = EXIT_REJECTED
            continue
        for passage in passages:
            if args.json:
                print(json.dumps(passage, ensure_ascii=False))
            else:
                print(f"--- {passage['passage_id']} [{passage['lang']}] {passage['date'] or 'no date'} "
                      f"{speaker_line(passage['speakers'], passage['reported']) or 'no speaker'} | "
                      f"{', '.join(passage['topics'])}")
                print(passage["text"])
    return status


def command_status(args) -> int:
    """Print what the index holds, its last runs and rejected files; a damaged index fails (exit status 1)."""
    from indexer.status import index_status

    config = _config(args)
    status = index_status(config, check_files=True)
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=1))
        return EXIT_FAILED if status["damaged"] else EXIT_OK
    if not status["exists"]:
        print(f"no index at {config.index_dir}: run 'archive-search index'")
        return EXIT_OK
    print(f"index: {status['index_dir']} ({status['engine']})  documents: {status['documents']}  "
          f"passages: {status['passages']}  size: {status['size_bytes'] / 1e6:.1f} MB  built: {status['built_at']}")
    for facet in ("lang", "type", "source"):
        counts = ", ".join(f"{value} {count}" for value, count in status["per_facet"].get(facet, []))
        print(f"{facet}: {counts}")
    if status["last_run"]:
        print("last run: " + ", ".join(f"{k} {v}" for k, v in status["last_run"].items()))
    for path, reason in status["rejected"].items():
        print(f"rejected: {path}: {reason}")
    for problem in status["damaged"]:
        print(f"damaged: generation {status['generation']}: {problem}")
    if status["damaged"]:
        print("the index is damaged: rebuild it from the corpus with 'archive-search index --rebuild'")
        return EXIT_FAILED
    return EXIT_OK


def command_withdraw(args) -> int:
    """Withdraw a document: out of the index at once, its file moved aside under _withdrawn/."""
    from indexer.librarian import LibrarianError, withdraw_document
    from indexer.runlock import IndexBusy

    config = _config(args)
    try:
        withdrawn = withdraw_document(config, args.path, wait=args.wait)
    except IndexBusy as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BUSY
    except LibrarianError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"withdrawn: {withdrawn.relative} (moved to {', '.join(withdrawn.moved_to)})")
    return EXIT_OK


def command_meta(args) -> int:
    """Save librarian metadata for a document in its sidecar file."""
    from indexer.librarian import LibrarianError, parse_assignments, save_metadata

    config = _config(args)
    try:
        sidecar = save_metadata(config, args.path, parse_assignments(args.assignments))
    except LibrarianError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"saved {sidecar}; run 'archive-search index' to apply it")
    return EXIT_OK


def command_serve(args) -> int:
    """Serve the web app through a production WSGI server (several processes with ``--workers``)."""
    from webapp.server import serve_in_one_process, serve_in_processes

    config = _config(args)
    if args.workers < 1 or args.threads < 1:
        print("error: --workers and --threads must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    print(f"serving {config.index_dir} on http://{args.host}:{args.port}/ "
          f"({args.workers} process{'es' if args.workers > 1 else ''} of {args.threads} threads)", flush=True)
    if args.workers > 1:
        serve_in_processes(config, args.host, args.port, args.workers, args.threads)
    else:
        serve_in_one_process(config, args.host, args.port, args.threads)
    return EXIT_OK


def plain_text(docstring_line: str) -> str:
    """Return a docstring line as a terminal shows it: reStructuredText's ``code`` marks become quotes."""
    return docstring_line.replace("``", "'")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command."""
    parser = argparse.ArgumentParser(prog="archive-search", description=plain_text(__doc__.splitlines()[0]))
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index", help="index the corpus folder (incremental unless --rebuild)")
    index.add_argument("--corpus", help="corpus folder (default: corpus/ or $ARCHIVE_SEARCH_CORPUS)")
    index.add_argument("--index", help="index folder (default: var/index or $ARCHIVE_SEARCH_INDEX)")
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch beside the live index")
    index.add_argument("--engine", choices=ENGINES,
                       help=f"search engine to build with (default: {DEFAULT_ENGINE} or $ARCHIVE_SEARCH_ENGINE); "
                            "changing it needs --rebuild")
    index.add_argument("--quiet", action="store_true", help="no progress bar")
    index.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                       help="wait this long for another indexing run to end (default: refuse at once)")
    index.set_defaults(handler=command_index)
    extract = commands.add_parser("extract", help="show the passages files would become")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--json", action="store_true", help="one JSON object per passage and line")
    extract.add_argument("--corpus", help="corpus folder whose vocabularies and metadata apply")
    extract.add_argument("--index", help="index folder whose repeated-block list applies")
    extract.set_defaults(handler=command_extract)
    status = commands.add_parser("status", help="what the index holds, last run, rejected files")
    status.add_argument("--json", action="store_true")
    status.add_argument("--index", help="index folder")
    status.add_argument("--corpus", help="corpus folder")
    status.set_defaults(handler=command_status)
    withdraw = commands.add_parser("withdraw", help="take a document out of the index and the corpus (moved aside)")
    withdraw.add_argument("path", help="the document's path in the corpus folder")
    withdraw.add_argument("--wait", type=float, default=10.0, metavar="SECONDS",
                          help="wait this long for a running indexing run (default 10)")
    withdraw.add_argument("--corpus", help="corpus folder")
    withdraw.add_argument("--index", help="index folder")
    withdraw.set_defaults(handler=command_withdraw)
    meta = commands.add_parser("meta", help="set librarian metadata of a document (sidecar NAME.meta.json)")
    meta.add_argument("path", help="the document's path in the corpus folder")
    meta.add_argument("assignments", nargs="+", metavar="KEY=VALUE",
                      help="title, date, speakers (several separated by ';'), type, source, topics, lang, url")
    meta.add_argument("--corpus", help="corpus folder")
    meta.add_argument("--index", help="index folder")
    meta.set_defaults(handler=command_meta)
    serve = commands.add_parser("serve", help="serve the web app (waitress; gunicorn with --workers)")
    serve.add_argument("--index", help="index folder")
    serve.add_argument("--corpus", help="corpus folder (for vocabularies)")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--threads", type=int, default=8, help="threads per process (default 8)")
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes (default 1, waitress); more run gunicorn, one per core is a good start")
    serve.set_defaults(handler=command_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (ConfigError, StoreError, ManifestError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # output piped into a program that stopped reading (e.g. head)
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted: the last committed state of the index is intact", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
