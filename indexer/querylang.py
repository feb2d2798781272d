"""The query language users type, parsed into a small engine-neutral tree.

Words (all must match), "phrases", OR, NOT / -word, +word, field:value
(speaker, reported, title, topic, lang, type, source, year, symbol), prefix*, fuzzy~ and
brackets. A token that joins words with punctuation (A/75/704, Kasym-Jomart,
l'Organisation) is a phrase of those words. The parser is total: any string
becomes a tree or ``None`` (nothing to search); stray operators, signs and
brackets are read as the text they are and dropped when they hold no word.
Each engine compiles the tree to its own queries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Union

# Words, numbers and dotted abbreviations (U.N.): the same words the engines index.
WORD = re.compile(r"\w+(?:\.?\w+)*")
# Fields a user may type before a colon; any other "x:" is read as the word x.
TEXT_FIELDS = frozenset({"speaker", "reported", "title"})
FACET_FIELDS = frozenset({"topic", "lang", "type", "source", "year"})
# Fields matched on their whole value but not facets: a document symbol (symbol:A/75/704).
KEY_FIELDS = frozenset({"symbol"})
# Fields whose value is one whole value, never words to search or mark.
VALUE_FIELDS = FACET_FIELDS | KEY_FIELDS
USER_FIELDS = TEXT_FIELDS | VALUE_FIELDS
OPERATORS = frozenset({"OR", "AND", "NOT"})
# Longer queries are cut to this many words: more says nothing to BM25 and costs time.
MAX_QUERY_WORDS = 64
# Brackets nested deeper than this are read as text, so no input can exhaust the stack.
MAX_DEPTH = 16
# Largest edit distance a fuzzy~ term reaches (more matches nearly every short word).
MAX_FUZZY_DISTANCE = 2
# A prefix shorter than this reaches too many words to mean anything; it is searched as a word.
MIN_PREFIX_CHARS = 2

TOKEN = re.compile(r"""
    (?P<quote>"[^"]*")
  | (?P<open>\()
  | (?P<close>\))
  | (?P<sign>(?<![^\s(])[-+](?=[^\s]))
  | (?P<field>[A-Za-z_]+):(?=[^\s)])
  | (?P<bare>[^\s()"]+)
  | (?P<stray>")
""", re.VERBOSE)
FUZZY_TOKEN = re.compile(r"(\w+)~(\d*)")
PREFIX_TOKEN = re.compile(r"(\w+)\*+")


@dataclass(frozen=True)
class Term:
    """One word, in every text field or in ``field``."""

    text: str
    field: str | None = None
    required: bool = False  # typed as +word: never dropped from a long question


@dataclass(frozen=True)
class Phrase:
    """Words that must stand together in this order."""

    words: tuple[str, ...]
    field: str | None = None
    quoted: bool = False  # typed in quotes (not joined by punctuation): never dropped from a long question


@dataclass(frozen=True)
class Prefix:
    """Every word beginning with ``text``."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class Fuzzy:
    """Every word within ``distance`` edits of ``text``."""

    text: str
    distance: int = 1
    field: str | None = None


@dataclass(frozen=True)
class And:
    """Every child must match (a ``Not`` child must not)."""

    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    """Any child may match."""

    children: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    """The child must not match."""

    child: "Node"


@dataclass(frozen=True)
class Coordinated:
    """Every ``required`` child and any of ``optional``: those holding every optional child first, then by score.

    No user types it: a long question whose words cannot all be found is relaxed into one.
    """

    required: tuple["Node", ...]
    optional: tuple["Node", ...]


Leaf = Union[Term, Phrase, Prefix, Fuzzy]


@dataclass(frozen=True)
class Widened:
    """What was typed (a word, or a run of words) or any of its equivalents in other languages and scripts.

    No user types it: words of a query found in the vocabularies' equivalents are widened into one.
    """

    typed: tuple[Leaf, ...]
    also: tuple[Leaf, ...]
    lang: str | None = None  # the language typed in, when the vocabulary tells it


@dataclass(frozen=True)
class Preferred:
    """The child's matches; those also matching ``prefer`` (a facet value) score ``bonus`` more."""

    child: "Node"
    prefer: Term
    bonus: float


Node = Union[Leaf, And, Or, Not, Coordinated, Widened, Preferred]


@dataclass(frozen=True)
class Token:
    """One lexical piece of a query: its kind and its text."""

    kind: str
    text: str


def tokenize(text: str) -> list[Token]:
    """Return the tokens of ``text``; every character belongs to some token or to the space between."""
    tokens = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "bare" and value in OPERATORS:
            kind = "operator"
        elif kind == "field" and value.lower() not in USER_FIELDS:
            kind = "bare"
        tokens.append(Token(kind, value))
    return tokens


class _Parser:
    """Recursive descent over tokens that never fails: whatever does not fit the grammar is skipped."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.position = 0
        self.words = 0

    def peek(self) -> Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> Node | None:
        """Parse every token, skipping closing brackets that close nothing."""
        parts = []
        while self.peek() is not None:
            node = self.disjunction(depth=0, field=None)
            if node is not None:
                parts.append(node)
            if self.peek() is not None and self.peek().kind == "close":
                self.take()
        return simplify(And(tuple(parts)))

    def disjunction(self, depth: int, field: str | None) -> Node | None:
        """Parse ``a OR b OR c`` (each side a conjunction); an OR missing a side is dropped."""
        options = [self.conjunction(depth, field)]
        while self.peek() is not None and self.peek() == Token("operator", "OR"):
            self.take()
            options.append(self.conjunction(depth, field))
        return simplify(Or(tuple(option for option in options if option is not None)))

    def conjunction(self, depth: int, field: str | None) -> Node | None:
        """Parse a run of negated or plain clauses up to an OR, a closing bracket or the end."""
        parts = []
        while True:
            token = self.peek()
            if token is None or token.kind == "close" or token == Token("operator", "OR"):
                break
            node = self.negation(depth, field)
            if node is not None:
                parts.append(node)
        return simplify(And(tuple(parts)))

    def negation(self, depth: int, field: str | None) -> Node | None:
        """Parse any number of NOT, -, + and AND before one clause; an odd count of negations negates it."""
        negated = required = False
        while self.peek() is not None and (self.peek().kind == "sign" or self.peek().kind == "operator"):
            token = self.take()
            if token.text in ("-", "NOT"):
                negated = not negated
            elif token.text == "+":
                required = True
        if self.peek() is None or self.peek().kind == "close":
            return None
        node = self.clause(depth, field)
        if required and isinstance(node, Term):
            node = Term(node.text, node.field, required=True)
        return Not(node) if negated and node is not None else node

    def clause(self, depth: int, field: str | None) -> Node | None:
        """Parse a bracketed group, a field:value, a phrase or a word."""
        token = self.take()
        if token.kind == "open":
            return self.group(depth, field)
        if token.kind == "field":
            following = self.peek()
            if following is None or following.kind in ("close", "sign", "operator"):
                return self.leaf(Token("bare", token.text), field)
            return self.clause(depth, token.text.lower())
        return self.leaf(token, field)

    def group(self, depth: int, field: str | None) -> Node | None:
        """Parse up to the matching closing bracket (or the end); past MAX_DEPTH the bracket is text."""
        if depth >= MAX_DEPTH:
            return None
        node = self.disjunction(depth + 1, field)
        if self.peek() is not None and self.peek().kind == "close":
            self.take()
        return node

    def leaf(self, token: Token, field: str | None) -> Node | None:
        """Return the word, phrase, prefix or fuzzy term of one token, within the word limit."""
        if self.words >= MAX_QUERY_WORDS:
            return None
        node = leaf_of(token, field)
        if isinstance(node, Phrase):
            node = words_leaf(list(node.words[:MAX_QUERY_WORDS - self.words]), node.field, node.quoted)
            self.words += len(node.words) if isinstance(node, Phrase) else 1
        elif node is not None:
            self.words += 1
        return node


def leaf_of(token: Token, field: str | None) -> Leaf | None:
    """Return the leaf a quoted or bare token stands for, or None when it holds no word."""
    if field in VALUE_FIELDS:
        value = token.text.strip('"').strip()
        return Term(value, field) if WORD.search(value) else None
    if token.kind == "quote":
        return words_leaf(WORD.findall(token.text), field, quoted=True)
    fuzzy = FUZZY_TOKEN.fullmatch(token.text)
    if fuzzy:
        distance = int(fuzzy.group(2)) if fuzzy.group(2) else 1
        return Fuzzy(fuzzy.group(1), max(1, min(distance, MAX_FUZZY_DISTANCE)), field)
    prefix = PREFIX_TOKEN.fullmatch(token.text)
    if prefix and len(prefix.group(1)) >= MIN_PREFIX_CHARS:
        return Prefix(prefix.group(1), field)
    return words_leaf(WORD.findall(token.text), field)


def words_leaf(words: list[str], field: str | None, quoted: bool = False) -> Leaf | None:
    """Return a term for one word, a phrase for several, None for none; a quoted word is a required term."""
    if not words:
        return None
    if len(words) == 1:
        return Term(words[0], field, required=quoted)
    return Phrase(tuple(words), field, quoted=quoted)


def simplify(node: Node | None) -> Node | None:
    """Return ``node`` without empty groups, one-child groups or a doubled negation."""
    if isinstance(node, (And, Or)):
        children = tuple(child for child in node.children if child is not None)
        if not children:
            return None
        if len(children) == 1:
            return children[0]
        return type(node)(children)
    if isinstance(node, Not) and isinstance(node.child, Not):
        return node.child.child
    return node


def parse_query(text: str | None) -> Node | None:
    """Return the tree of what the user typed, or None when it holds nothing to search for."""
    if not text:
        return None
    return _Parser(tokenize(text)).parse()


def positive_leaves(node: Node | None) -> Iterator[Leaf]:
    """Yield the leaves a match must or may contain (not those under a negation)."""
    if node is None or isinstance(node, Not):
        return
    if isinstance(node, Coordinated):
        for child in node.required + node.optional:
            yield from positive_leaves(child)
    elif isinstance(node, Widened):
        yield from node.typed + node.also
    elif isinstance(node, Preferred):
        yield from positive_leaves(node.child)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from positive_leaves(child)
    else:
        yield node


def is_negative(node: Node | None) -> bool:
    """Return whether a tree only excludes (``-a NOT b``): it matches everything but its children."""
    if isinstance(node, Not):
        return True
    return isinstance(node, And) and all(isinstance(child, Not) for child in node.children)


def leaf_words(leaf: Leaf) -> tuple[str, ...]:
    """Return the words a leaf stands for (a phrase's words, a term's word, a prefix's stem)."""
    return leaf.words if isinstance(leaf, Phrase) else (leaf.text,)


def query_words(node: Node | None) -> list[str]:
    """Return the plain words a match may contain, for highlighting and spelling suggestions."""
    words = []
    for leaf in positive_leaves(node):
        if leaf.field not in VALUE_FIELDS:
            words.extend(leaf_words(leaf))
    return words
