"""Who speaks and who is reported: a document's own speaker(s), and the people each passage reports.

A passage's speakers are who delivers it: the document's own speakers (the
librarian's, the person of a speech title such as "Address by …", a letter's
signatories, the person of "a press conference by …") in the document's body,
and nobody in its annexes or in a document that names no speaker of its own (a
press release). The people a passage reports ("Russian President Vladimir
Putin outlined …", "Mr Jenča said that …") are a separate role, never one of
its speakers. Rules, in the order they apply to a passage: a named person (or a
role such as "the President of Uzbekistan" resolved to someone already
reported, or "he") next to a reporting verb is reported; a vocative or
first-person opener ("Dear colleagues", "I think") or a collective subject
("All the leaders … voiced") returns to the document's own voice; otherwise a
report continues for a few passages, then the document's own voice takes over
again.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from indexer.facets.cues import (
    CLOSING_MARKS, agent_after, cue_regexes, ends_inside_quotation, governed, is_noun_cue, names_its_agent, outside_quotes,
    speaks_as_delegate, speaks_as_self,
)
from indexer.facets.names import clean_name
from indexer.facets.roles import role_references, roles_match
from indexer.facets.vocab import fold
from indexer.models import Block, Metadata

if TYPE_CHECKING:
    from indexer.facets.speakers import SpeakerAuthority

# How much unattributed text (characters) after a report still belongs to the reported person:
# a leader's remarks run over a few short paragraphs in summaries such as corpus/001, but counted
# in characters the rule means the same for single paragraphs and for merged passages.
MAX_CONTINUATION_CHARS = 600
# A reporting verb and its subject are at most this many characters apart ("X, in his speech, noted").
CUE_WINDOW = 60
# A quotation opening this close after a reporting verb holds the reported words ("said recently in
# Bogota, on 23 August, the third world countries \"continue…\"").
QUOTE_AFTER_CUE = 80
# Quotation marks that open a passage holding the words a "he said:" before it introduced.
OPENING_MARKS = "\"“«"
# After "Address by …", the speaker's name starts within this many characters (room for a title).
LEAD_NAME_WINDOW = 60
# The header zone searched for "a press conference by …" when the title names nobody.
HEADER_BLOCKS = 5
# A title this close to a name is that person's title ("Chinese President Xi Jinping").
NAME_TITLE_GAP = 3
# A speech title names its kind within its first words ("Opening remarks by …").
TITLE_CUE_OFFSET = 30
# Words in a name taken from a title when the person is not in the authority file.
UNKNOWN_NAME_WORDS = (2, 4)

# Nouns naming a spoken or written piece by one person, in titles ("Address by …").
SPEECH_NOUNS = (
    r"address|remarks|statement|speech|message|toast|lecture|briefing|interview|press conference"
    r"|press statement|discours|allocution|intervention|declaration|entretien"
    r"|выступление|обращение|заявление|речь|интервью|послание|приветствие"
)
# Chinese titles put the speaker first: 习近平在…上的讲话.
CHINESE_SPEECH_NOUNS = r"讲话|致辞|发言|演讲|答记者问|采访"
# Abbreviations whose full stop does not end a sentence ("Mr. Modi", "H.E. Mr. Tokayev").
ABBREVIATIONS = r"Mrs?|Ms|Dr|St|No|Prof|H\.E|i\.e|e\.g|г|т\.е"
# A letter's signatory follows one of these marks.
SIGNATURE_MARKS = r"signed|signe|подпись|签名|firmado"

_CONNECTED = re.compile(r"(?:\s(?:by|of|from|with|de|du|des|par)|d['’])$")
# Russian speech nouns take their speaker in the genitive, without a preposition
# ("Выступление Президента Республики Узбекистан Шавката Мирзиёева").
_RUSSIAN_SPEECH_NOUN = re.compile(r"(?:выступление|обращение|заявление|речь|интервью|послание|приветствие)$")
# A preposition between such a noun and a name makes the name its subject, not its speaker
# ("Заявление о визите … Владимира Путина", "Заявление по итогам переговоров с …").
_RUSSIAN_PREPOSITION = re.compile(r"\b(?:о|об|обо|по|на|в|во|с|со|к|ко|для|после|перед|при|за|от|у|из|до)\b")


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern]:
    return {
        **cue_regexes(),
        "title": re.compile(rf"\b(?:{SPEECH_NOUNS})\b(?:\s+(?:delivered|given|made))?"
                            rf"(?:\s+(?:by|of|from|with|de|du|des|par)\b|\s+d['’])?"),
        "han_title": re.compile(CHINESE_SPEECH_NOUNS),
        "signature": re.compile(rf"[(（]\s*(?:{SIGNATURE_MARKS})\s*[)）]\s*(?P<name>[^\n(（]+)"),
        "sentence_end": re.compile(r"(?<=[.!?…。！？])[\"”»’]?\s+|\n"),
        "abbreviation": re.compile(rf"(?:\b[A-ZА-Я]|\b(?:{ABBREVIATIONS}))\.$"),
    }


def document_speakers(
    blocks: Sequence[Block], metadata: Metadata, authority: SpeakerAuthority
) -> tuple[str, ...]:
    """Return the document's own speaker(s): the librarian's, the person of a speech title, a letter's signatory."""
    if metadata.speakers:
        return _unique(authority.canonical(name) or clean_name(name) for name in metadata.speakers)
    heading = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else "")
    title = " ".join(heading.split())
    for finder in (_speaker_in_title, _signatories, _speaker_in_lead):
        found = finder(title, blocks, authority)
        if found:
            return found
    return ()


def _speaker_in_title(title: str, blocks: Sequence[Block], authority: SpeakerAuthority) -> tuple[str, ...]:
    """Return the person a speech title is by ("Address by …", "Xi Jinping's speech", "习近平…讲话")."""
    folded = fold(title)
    mentions = authority.find_mentions(title)
    if mentions and _regexes()["han_title"].search(title):
        return (mentions[0][0],)
    for name, start, end in mentions:
        if re.match(rf"['’]s\s+(?:\w+\s+)?(?:{SPEECH_NOUNS})\b", folded[end:]):
            return (name,)
    cue = _regexes()["title"].search(folded)
    if not cue or cue.start() > TITLE_CUE_OFFSET:
        return ()
    genitive = _RUSSIAN_SPEECH_NOUN.search(cue.group())
    connected = _CONNECTED.search(cue.group()) or genitive
    window = LEAD_NAME_WINDOW if connected else NAME_TITLE_GAP
    for name, start, _ in mentions:
        if cue.end() <= start <= cue.end() + window and not (
                genitive and _RUSSIAN_PREPOSITION.search(folded, cue.end(), start)):
            return (name,)
    unknown = _unknown_name(title[cue.end():]) if connected else None
    return (unknown,) if unknown else ()


def _unknown_name(rest: str) -> str | None:
    """Return a name written right after a title cue if it is only capitalised words after honorifics."""
    head = re.split(r"\s(?:at|to|on|in|during|before|for|à|au|на|в)\s|[,(:;–—]| - ", rest, maxsplit=1)[0]
    words = [w for w in head.split() if not (w.isupper() and len(w) > 1)]
    name = clean_name(" ".join(words))
    tokens = name.split()
    low, high = UNKNOWN_NAME_WORDS
    if low <= len(tokens) <= high and all(t[:1].isupper() for t in tokens):
        return name
    return None


def _signatories(title: str, blocks: Sequence[Block], authority: SpeakerAuthority) -> tuple[str, ...]:
    """Return the names after "(Signed)" marks in the first block that has any."""
    for block in blocks:
        folded = fold(block.text)
        spans = [m.span("name") for m in _regexes()["signature"].finditer(folded)]
        names = [n for n in (block.text[start:end].strip(" .,;") for start, end in spans) if n]
        if names:
            return _unique(authority.canonical(n) or clean_name(n) for n in names)
    return ()


def _speaker_in_lead(title: str, blocks: Sequence[Block], authority: SpeakerAuthority) -> tuple[str, ...]:
    """Return the person of "a press conference by …" in the first blocks."""
    for block in blocks[:HEADER_BLOCKS]:
        folded = fold(block.text)
        mentions = authority.find_mentions(block.text)
        for cue in _regexes()["title"].finditer(folded):
            if not _CONNECTED.search(cue.group()):
                continue
            for name, start, _ in mentions:
                if cue.end() <= start <= cue.end() + LEAD_NAME_WINDOW:
                    return (name,)
    return ()


def starts_turn(text: str, authority: SpeakerAuthority) -> bool:
    """Return True if the paragraph's first sentence quotes a named person."""
    first = _sentences(text)[:1]
    if not first:
        return False
    start, end = first[0]
    sentence = text[start:end]
    mentions = [("person", name, s, e, governed(sentence, s)) for name, s, e in authority.find_mentions(sentence)]
    return any(kind == "person" for kind, _, _ in _attributed(sentence, fold(sentence), mentions))


def passage_reported(
    passage_texts: Sequence[str], document_speakers: tuple[str, ...], authority: SpeakerAuthority
) -> list[tuple[str, ...]]:
    """Return, for each passage, the people whose words it reports (never one of the document's own speakers)."""
    return [tuple(name for name in names if name not in document_speakers)
            for names in _reported_runs(passage_texts, document_speakers, authority)]


def _reported_runs(
    passage_texts: Sequence[str], document_speakers: tuple[str, ...], authority: SpeakerAuthority
) -> list[tuple[str, ...]]:
    """Return, for each passage, the people reported in it or still reported from the passages before."""
    history: list[str] = list(document_speakers)
    current: str | None = None
    idle = 0  # characters of unattributed text since the last report
    opened = False  # the passage starts inside a quotation opened before it
    unfinished = ""  # the folded text of the passage before when it leaves its report's words to this one
    result: list[tuple[str, ...]] = []
    for text in passage_texts:
        folded = fold(text)
        plain = outside_quotes(folded, opened)
        quoted, grouped, last_end = _quoted(text, authority, history, current)
        if quoted:
            result.append(quoted)
            history.extend(quoted)
            current, idle = (quoted[-1] if _carries_on(text, folded, plain, last_end, opened) else None), 0
        elif current is not None and idle < MAX_CONTINUATION_CHARS and not grouped and (
                opened or _continues(unfinished, folded) or not _own_voice(plain)):
            result.append((current,))
            idle += len(text)
            if not ends_inside_quotation(folded, opened) and (_own_voice(plain) or _closes_quotation(folded)):
                current = None
        else:
            result.append(())
            current, idle = None, 0
        opened = ends_inside_quotation(folded, opened)
        unfinished = folded if current is not None else ""
    return result


def _continues(before: str, folded: str) -> bool:
    """Return True if a passage opens with the words a report in the passage before left to it.

    It does when that passage stops inside a sentence ("told the Conference on Disarmament that the
    Treaty" | "(NPT) regime, faces …") or when it ends on a colon and this one opens with a quotation
    ("stating:" | "“We are the ones who …”").
    """
    end = before.rstrip()[-1:]
    if not end:
        return False
    if end == ":":
        return folded.lstrip()[:1] in OPENING_MARKS
    return end.isalnum() or end == ","


def _own_voice(plain: str) -> bool:
    """Return True if unquoted folded text is the document's own voice: an opener, "I", "we", "my delegation"."""
    return bool(_regexes()["opener"].match(plain)) or speaks_as_self(plain) or speaks_as_delegate(plain)


def _closes_quotation(folded: str) -> bool:
    """Return True if the text ends with a closing quotation mark (the reported words end there)."""
    return folded.rstrip(" .,;)")[-1:] in CLOSING_MARKS


def _carries_on(text: str, folded: str, plain: str, last_end: int, opened: bool) -> bool:
    """Return True if the passage's last report runs on into the next passage.

    It does when its quotation is still open or it ends on a colon ("he said:"); it does not when
    the speaker talks about themself (a quotation inside their own account), when the report's
    words are a closed quotation, or when a sentence after the report is in the speaker's own voice.
    """
    if ends_inside_quotation(folded, opened) or folded.rstrip().endswith(":"):
        return True
    if _regexes()["opener"].match(plain) or speaks_as_self(plain):
        return False
    quotation = _regexes()["quotation"].search(folded, last_end)
    if quotation and quotation.start() - last_end <= QUOTE_AFTER_CUE and quotation.group()[-1] in CLOSING_MARKS:
        return False
    after = next((start for start, _ in _sentences(text) if start >= last_end), len(text))
    return not speaks_as_delegate(plain[after:])


def _quoted(
    text: str, authority: SpeakerAuthority, history: list[str], current: str | None
) -> tuple[tuple[str, ...], bool, int]:
    """Return the people quoted in a passage, whether a group is quoted there, and where its last report ends."""
    folded = fold(text)
    people: list[str] = []
    grouped = False
    last_end = 0
    mentions = authority.find_mentions(text)
    for start, end in _sentences(text):
        candidates = _candidates(text, start, end, mentions, authority, history, current)
        for kind, name, cue_end in _attributed(text[start:end], folded[start:end], candidates):
            if kind == "person" and name:
                people.append(name)
                last_end = max(last_end, start + cue_end)
            grouped = grouped or kind == "group"
    return _unique(people), grouped, last_end


def _candidates(text, start, end, mentions, authority, history, current) -> list[tuple]:
    """Return possible subjects in one sentence as (kind, name, start, end, governed) relative to the sentence.

    A name or role after a preposition or thanks ("with President Putin", "we thank the
    Secretary-General") is governed: it is the object of the sentence, not its speaker.
    """
    sentence = text[start:end]
    found = [("person", name, s - start, e - start) for name, s, e in mentions if start <= s and e <= end]
    named_spans = [(s, e) for _, _, s, e in found]
    for title, places, s, e in role_references(sentence):
        if any(_gap((s, e), span) <= NAME_TITLE_GAP for span in named_spans):
            continue
        who = next((name for name in reversed(history) if roles_match(title, places, authority.role(name))), None)
        if who:
            found.append(("person", who, s, e))
    found = [(*candidate, governed(sentence, candidate[2])) for candidate in found]
    folded = fold(sentence)
    for match in _regexes()["pronoun"].finditer(folded):
        before = [name for name, _, e in mentions if e <= start + match.start()]
        found.append(("person", before[-1] if before else current, match.start(), match.end(), False))
    found += [("group", None, m.start(), m.end(), False) for m in _regexes()["group"].finditer(folded)]
    plain = outside_quotes(folded)
    found += [("self", None, m.start(), m.end(), False) for m in _regexes()["own"].finditer(plain)]
    found += [("self", None, m.start(), m.end(), False) for m in _regexes()["delegation"].finditer(folded)]
    return found


def _attributed(sentence: str, folded: str, candidates: list[tuple]) -> list[tuple[str, str | None, int]]:
    """Return (kind, name, end of the cue) of the subject nearest to each reporting verb of a sentence.

    A governed name counts only as the agent a cue names after itself ("proposed by X", "according to X");
    the speaker's own "we" only before the cue ("we believe", not "X remarked, we all share …").
    """
    chosen = []
    for cue in _regexes()["cue"].finditer(folded):
        if sentence[cue.start()].isupper() and sentence[:cue.start()].strip(" \"“«'‘(—–-"):
            continue  # a capitalised word inside a sentence is a name ("Independent States"), not a verb
        agent = names_its_agent(folded, cue.end())
        if not agent and is_noun_cue(folded, cue.start()):
            continue  # "our calls for his wisdom": a noun, not a reporting verb
        agents = [c for c in candidates if agent and c[2] >= cue.end() and agent_after(sentence, cue.end(), c[2])]
        scored = [(_gap(cue.span(), (c[2], c[3])), c[2], c) for c in agents or candidates
                  if (not c[4] or c in agents) and (c[0] != "self" or c[3] <= cue.start())]
        scored = [item for item in scored if item[0] <= CUE_WINDOW]
        if scored:
            best = min(scored, key=lambda item: item[:2])[2]
            chosen.append((best[0], best[1], cue.end()))
    return chosen


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Return the number of characters between two spans (0 if they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def _sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of the sentences of ``text``, not breaking after "Mr." or initials."""
    spans, start = [], 0
    for match in _regexes()["sentence_end"].finditer(text):
        if _regexes()["abbreviation"].search(text[max(start, match.start() - 6):match.start()]):
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _unique(names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for name in names if name))


def speaker_line(speakers: tuple[str, ...], reported: tuple[str, ...]) -> str:
    """Return the speakers and the people they report as one line ("A, reporting B and C")."""
    if not reported:
        return ", ".join(speakers)
    if not speakers:
        return f"Reporting {_listed(reported)}"
    return f"{', '.join(speakers)}, reporting {_listed(reported)}"


def _listed(names: tuple[str, ...]) -> str:
    """Return names as a list read aloud: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
