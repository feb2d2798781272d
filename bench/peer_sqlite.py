"""The same passages and searches in SQLite FTS5: bm25 ranking, facet counts by GROUP BY.

One external-content FTS5 table over text, title, heading and speaker
(tokenizer ``porter unicode61 remove_diacritics 2``: English Porter stems, like
the project's English field), bm25 with the project's field weights, facet
values in a (passage, facet, value) table. Each search puts its matches in a
temporary table, then counts every facet over the matches filtered by the
other facets (as the project does), pages by rank or date and cuts snippets
with ``snippet()``. FTS5 has no fuzzy terms: ``word~`` is searched as the word.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable

from bench.querytext import Clause, parse_text

TOKENIZER = "porter unicode61 remove_diacritics 2"
# bm25 weights of text, title, heading, speaker: the project's BM25F boosts.
BM25_WEIGHTS = (1.0, 2.0, 1.3, 1.5)
FTS_COLUMNS = ("text", "title", "heading", "speaker")
# Values returned per facet: what the web app can show at most (webapp.facets.MAX_LISTED_VALUES).
FACET_LIMIT = 1000
SNIPPET_TOKENS = 32
PLAIN_SNIPPET_CHARS = 200
INSERT_BATCH = 5000


def _fts_term(clause: Clause) -> str:
    quoted = '"' + clause.text.replace('"', '""') + '"'
    term = quoted + "*" if clause.kind == "prefix" else quoted
    return f"{clause.field} : {term}" if clause.field else term


def match_expression(text: str) -> tuple[str | None, str | None, tuple[tuple[str, str], ...]]:
    """Return the FTS5 MATCH of a query's positive part, of its exclusions, and its facet clauses."""
    parsed = parse_text(text)
    groups = ["(" + " OR ".join(_fts_term(c) for c in group) + ")" for group in parsed.groups]
    excluded = " OR ".join(_fts_term(c) for c in parsed.excluded)
    return (" AND ".join(groups) or None), (excluded or None), parsed.facets


class SqliteEngine:
    """Passages in an SQLite FTS5 index, searched like the project's store."""

    name = "SQLite FTS5"

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(str(path))
        self.db.execute("PRAGMA temp_store = MEMORY")

    def build(self, passages: Iterable[dict]) -> None:
        """Create the tables and index every passage (dicts from ``bench.peers.passage_rows``)."""
        db = self.db
        db.executescript(f"""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE passage(id INTEGER PRIMARY KEY, passage_id TEXT, doc_id TEXT, ordinal INT, path TEXT,
                text TEXT, title TEXT, heading TEXT, speaker TEXT, lang TEXT, date TEXT,
                date_low INT, date_high INT);
            CREATE TABLE facet(id INT, name TEXT, value TEXT);
            CREATE VIRTUAL TABLE fts USING fts5({', '.join(FTS_COLUMNS)}, content='passage', content_rowid='id',
                tokenize='{TOKENIZER}');
        """)
        rows, facets = [], []
        for number, passage in enumerate(passages, start=1):
            rows.append((number, passage["passage_id"], passage["doc_id"], passage["ordinal"], passage["path"],
                         passage["text"], passage["title"], passage["heading"], " ; ".join(passage["speakers"]),
                         passage["lang"], passage["date"], passage["date_low"], passage["date_high"]))
            facets.extend((number, name, value) for name in passage["facets"] for value in passage["facets"][name])
            if len(rows) >= INSERT_BATCH:
                self._insert(rows, facets)
                rows, facets = [], []
        self._insert(rows, facets)
        db.executescript("""
            INSERT INTO fts(fts) VALUES ('rebuild');
            CREATE INDEX facet_by_value ON facet(name, value, id);
            CREATE INDEX facet_by_passage ON facet(id, name, value);
            CREATE INDEX passage_by_date ON passage(date_low, date_high);
            ANALYZE;
        """)
        db.commit()

    def _insert(self, rows: list, facets: list) -> None:
        self.db.executemany("INSERT INTO passage VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        self.db.executemany("INSERT INTO facet VALUES (?,?,?)", facets)

    def _load_matches(self, query) -> None:
        positive, excluded, _ = match_expression(query.text)
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        self.db.execute("DROP TABLE IF EXISTS temp.m")
        dates, arguments = self._date_condition(query)
        if positive:
            self.db.execute(f"CREATE TEMP TABLE m AS SELECT fts.rowid AS id, bm25(fts, {weights}) AS score "
                            f"FROM fts JOIN passage p ON p.id = fts.rowid WHERE fts MATCH ? {dates}",
                            [positive, *arguments])
        else:
            self.db.execute(f"CREATE TEMP TABLE m AS SELECT p.id AS id, 0.0 AS score FROM passage p WHERE 1 {dates}",
                            arguments)
        if excluded:
            self.db.execute("DELETE FROM m WHERE id IN (SELECT rowid FROM fts WHERE fts MATCH ?)", [excluded])

    @staticmethod
    def _date_condition(query) -> tuple[str, list]:
        from indexer.fields import date_bounds

        parts, arguments = [], []
        if query.date_from:
            parts.append("AND p.date_low >= ?")
            arguments.append(date_bounds(query.date_from)[0])
        if query.date_to:
            parts.append("AND p.date_high <= ?")
            arguments.append(date_bounds(query.date_to)[1])
        return " ".join(parts), arguments

    @staticmethod
    def _filter_conditions(filters: list[tuple[str, tuple, tuple]], skip: str | None = None) -> tuple[str, list]:
        parts, arguments = [], []
        for name, include, exclude in filters:
            if name == skip:
                continue
            for values, negation in ((include, ""), (exclude, "NOT ")):
                if values:
                    marks = ",".join("?" * len(values))
                    parts.append(f"AND m.id {negation}IN (SELECT id FROM facet WHERE name = ? AND value IN ({marks}))")
                    arguments += [name, *values]
        return " ".join(parts), arguments

    def search(self, query) -> dict:
        """Run a ``SearchQuery``; return the total, the page of (passage id, snippet) and the facet counts."""
        self._load_matches(query)
        positive, _, text_facets = match_expression(query.text)
        # field:value in the text is part of the query (it narrows every count); URL filters are facet choices.
        fixed_sql, fixed_arguments = self._filter_conditions([(name, (value,), ()) for name, value in text_facets])
        filters = [(f.name, f.include, f.exclude) for f in query.filters]
        conditions, arguments = self._filter_conditions(filters)
        conditions, arguments = fixed_sql + " " + conditions, fixed_arguments + arguments
        total = self.db.execute(f"SELECT count(*) FROM m WHERE 1 {conditions}", arguments).fetchone()[0]
        facets = {}
        for name in query.facet_fields if query.with_facets else ():
            others, others_arguments = self._filter_conditions(filters, skip=name)
            facets[name] = tuple(self.db.execute(
                f"SELECT value, count(*) AS c FROM facet WHERE name = ? AND id IN "
                f"(SELECT id FROM m WHERE 1 {fixed_sql} {others}) GROUP BY value ORDER BY c DESC, value "
                f"LIMIT {FACET_LIMIT}", [name, *fixed_arguments, *others_arguments]))
        return {"total": total, "hits": self._page(query, positive, conditions, arguments), "facets": facets}

    def _page(self, query, positive: str | None, conditions: str, arguments: list) -> list[tuple[str, str]]:
        sort = query.sort if (positive or query.sort != "relevance") else "newest"
        order = {"relevance": "m.score", "newest": "p.date_low DESC, p.ordinal",
                 "oldest": "p.date_high, p.ordinal"}[sort]
        ids = [row[0] for row in self.db.execute(
            f"SELECT m.id FROM m JOIN passage p ON p.id = m.id WHERE 1 {conditions} ORDER BY {order} "
            f"LIMIT ? OFFSET ?", [*arguments, query.limit, query.offset])]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        if positive and query.with_snippets:
            rows = self.db.execute(
                f"SELECT fts.rowid, p.passage_id, snippet(fts, 0, '<mark>', '</mark>', '…', {SNIPPET_TOKENS}) "
                f"FROM fts JOIN passage p ON p.id = fts.rowid WHERE fts MATCH ? AND fts.rowid IN ({marks})",
                [positive, *ids])
        else:
            rows = self.db.execute(f"SELECT id, passage_id, substr(text, 1, {PLAIN_SNIPPET_CHARS}) FROM passage "
                                   f"WHERE id IN ({marks})", ids)
        found = {number: (passage_id, snippet) for number, passage_id, snippet in rows}
        return [found[number] for number in ids if number in found]

    def close(self) -> None:
        """Close the database."""
        self.db.close()
