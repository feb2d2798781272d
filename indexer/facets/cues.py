"""What the reporting rules read in a sentence: reporting verbs, subjects, objects, quotations, the document's voice.

``attribution.py`` decides who a passage reports; this module holds the word
lists it reads (folded: lower case, no accents; en / fr / ru) and the small
readings of text they need: which words are quoted, whether a quotation is
still open at a passage's end, whether a name is the object of a preposition or
of thanks ("we thank Secretary-General Kofi Annan", "discussions with President
Putin"), and whether a sentence is in the document's own voice ("We need…",
"My delegation believes…").
"""
from __future__ import annotations

import re
from functools import lru_cache

# Spoken words named with their speaker after them ("the false allegations made by President Hassan
# Rouhani", "the opening remarks of Secretary-General Guterres"): the person is their agent, not an object.
AGENT_NOUN_CUES = (
    r"(?:allegations|statements?|remarks|proposals?|appeals?|comments|claims) (?:made|put forward|voiced) by",
    r"(?:opening |closing )?(?:remarks|comments) of", r"in the words of",
)
# Reporting verbs and attribution phrases (the agent nouns first: they win over "remarks" at the same place).
REPORTING_CUES = AGENT_NOUN_CUES + (
    r"sa(?:id|ys|ying)", r"stat(?:ed|es|ing)", r"not(?:ed|es|ing)", r"stress(?:ed|es|ing)",
    r"emphasi[sz](?:ed|es|ing)", r"underlin(?:ed|es|ing)", r"underscor(?:ed|es|ing)",
    r"point(?:ed|s|ing) out", r"add(?:ed|s)", r"declar(?:ed|es|ing)", r"announc(?:ed|es|ing)",
    r"remark(?:ed|s)", r"remind(?:ed|s)", r"recall(?:ed|s)", r"told", r"explain(?:ed|s)",
    r"express(?:ed|es) (?:his|her|the|their|confidence|hope|concern|gratitude|support)",
    r"believ(?:es|ed)", r"urg(?:ed|es)", r"call(?:ed|s) (?:for|on|upon)", r"propos(?:ed|es)",
    r"suggest(?:ed|s)", r"outlin(?:ed|es)", r"warn(?:ed|s)", r"highlight(?:ed|s)",
    r"(?:re)?affirm(?:ed|s)", r"assert(?:ed|s)", r"insist(?:ed|s)", r"observ(?:ed|es)",
    r"voic(?:ed|es)", r"made the following", r"drew (?:special )?attention", r"according to",
    r"in the (?:opinion|view) of",
    r"in (?:his|her|their) (?:speech|speeches|address|remarks|statement|video message|message)",
    r"(?:a|ont) (?:declare|dit|souligne|indique|affirme|estime|rappele|ajoute|note|precise|annonce"
    r"|insiste|propose|releve|explique|fait valoir|mis en avant|exprime)",
    r"a t (?:il|elle) (?:dit|declare|souligne|ajoute|precise|indique)", r"selon", r"d['’]apres",
    r"(?:сказал|заявил|отметил|подчеркнул|указал|добавил|сообщил|напомнил|заметил|предложил"
    r"|призвал|выразил|констатировал)[аи]?",
    r"считает", r"по словам", r"по мнению", r"выступая", r"в своем выступлении",
)
# Subjects that stand for the person quoted just before.
PRONOUNS = r"he|she|il|elle|он|она"
# The document's speaker talking about themself ("during my meeting with …"): a quotation
# inside such a passage is reported by the speaker and does not carry over to the next passages.
FIRST_PERSON_SINGULAR = r"i|my|me|myself|je|j|moi|mon|ma|mes|я|мне|меня|мой|моя|мое|мои|мною"
# The delegate or their country as a subject ("We need…", "My delegation believes…"): the speaker's
# own voice, in a speech as in a press summary where a leader's "we" stands inside quotation marks.
OWN_SUBJECTS = (
    r"we|i(?= [a-z])|(?:my|our) (?:delegation|country|government)|nous|je|мы|я"
)
# The delegation as a subject: the delegate's words even inside quotation marks (GMB_67_2012 opens a
# quotation mark on every paragraph of its own speech); no one the delegate quotes says "my delegation".
DELEGATION_SUBJECTS = r"(?:my|our) delegation"
# Collective subjects: the document reports a group, not one person.
GROUP_SUBJECTS = (
    r"(?:all )?(?:the )?(?:leaders|heads of (?:state|government)|member states|participants"
    r"|parties|ministers|sides|delegations|countries)",
    r"(?:les )?(?:dirigeants|chefs d['’]etat|etats membres|parties|participants|ministres)",
    r"лидеры|главы государств|государства члены|стороны|участники|министры",
)
# Openers that return a passage to the document's own voice: an address to the audience
# or the speaker talking about themself.
DOCUMENT_VOICE_OPENERS = (
    r"dear\b", r"ladies and gentlemen", r"distinguished\b", r"excellenc", r"colleagues\b",
    r"i (?:would|should|must|want|wish|think|believe|am|have|can|cannot|note)\b", r"i['’]m\b",
    r"let me\b", r"allow me\b", r"thank you\b", r"in conclusion\b", r"summing up\b",
    r"chers?\b", r"mesdames\b", r"messieurs\b", r"je (?:voudrais|tiens|pense|crois|suis)\b",
    r"permettez moi\b", r"уважаем", r"дамы и господа", r"коллеги\b", r"я (?:хотел|думаю|считаю)",
    r"позвольте\b",
)
# Words that make the person written right after them an object, not the one who speaks:
# prepositions ("with President Putin", "the efforts of Secretary-General Kofi Annan") and
# thanks or tribute ("we thank", "I congratulate", "pay tribute to").
OBJECT_MARKERS = (
    r"to|with|by|for|from|of|on|upon|at|about|towards?|against|between|avec|par|pour|de|du|des"
    r"|during|after|before|since|under|among|including"
    r"|thanks?|thanked|thanking|congratulat\w*|commend\w*|salute[sd]?|prais\w*|welcom\w*|applaud\w*"
    r"|support(?:s|ed)?|urged|told|reminded|invited|asked|requested|remercie\w*|felicit\w*"
)
# A determiner right before a cue makes it a noun, not a verb ("our calls for his wisdom", "the remarks").
NOUN_DETERMINERS = r"our|his|her|their|its|my|your|the"
# Words between such a marker and a name: titles, honorifics, "the" ("to the Secretary-General,
# His Excellency Javier Pérez de Cuéllar"); any capitalised word counts as one too.
TITLE_FILLERS = frozenset({"the", "his", "her", "excellency", "secretary-general", "president", "late", "former"})
# Cues after which the person is named as their agent ("proposed by President Karimov", "according to").
AGENT_CUE_END = re.compile(r"(?:\b(?:to|of|by)|selon|d['’]apres)\s*$")
# Honorifics that may follow a comma in an apposition ("the Secretary-General, His Excellency …").
HONORIFICS = frozenset({"his", "her", "excellency", "mr", "mrs", "ms", "dr", "don", "sir", "h", "e", "h.e"})
# Particles inside a name ("Javier Pérez de Cuéllar", "Ursula von der Leyen"): not prepositions there.
NAME_PARTICLES = frozenset({"de", "du", "des", "da", "dos", "del", "della", "van", "von", "der", "al", "el", "bin", "ibn"})
# Honorifics written with a full stop that does not end the phrase ("by Mr. Boutros Boutros-Ghali").
DOTTED_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "h", "e", "st", "prof"})
# How far back from a name to look for the word that governs it.
OBJECT_LOOKBACK = 80
# Quotation marks that close a quotation opened in an earlier passage.
CLOSING_MARKS = "\"”»"

_WORD_OR_MARK = re.compile(r"[\w'’-]+|[,.;:]")


@lru_cache(maxsize=1)
def cue_regexes() -> dict[str, re.Pattern]:
    """Return the compiled cue, subject and quotation patterns (over folded text)."""
    return {
        "cue": re.compile(rf"\b(?:{'|'.join(REPORTING_CUES)})\b"),
        "pronoun": re.compile(rf"\b(?:{PRONOUNS})\b"),
        "group": re.compile(rf"\b(?:{'|'.join(GROUP_SUBJECTS)})\b"),
        "own": re.compile(rf"\b(?:{OWN_SUBJECTS})\b"),
        "delegation": re.compile(rf"\b(?:{DELEGATION_SUBJECTS})\b"),
        "noun": re.compile(rf"\b(?:{NOUN_DETERMINERS})\s+$"),
        "opener": re.compile(rf"\W*(?:{'|'.join(DOCUMENT_VOICE_OPENERS)})"),
        "first_person": re.compile(rf"\b(?:{FIRST_PERSON_SINGULAR})\b"),
        "object": re.compile(rf"(?:{OBJECT_MARKERS})"),
        "quotation": re.compile(r'"[^"]*(?:"|$)|“[^”]*(?:”|$)|«[^»]*(?:»|$)'),
    }


def outside_quotes(text: str, opened: bool = False) -> str:
    """Return ``text`` with its quoted words blanked (same length); ``opened``: it starts inside a quotation."""
    head = 0
    if opened:
        closing = [i for i in (text.find(mark) for mark in CLOSING_MARKS) if i >= 0]
        head = min(closing) + 1 if closing else len(text)
    rest = cue_regexes()["quotation"].sub(lambda m: " " * len(m.group()), text[head:])
    return " " * head + rest


def ends_inside_quotation(text: str, opened: bool = False) -> bool:
    """Return True if a quotation is still open at the end of ``text``."""
    if opened and not any(mark in text for mark in CLOSING_MARKS):
        return True
    head = len(text) - len(outside_quotes(text, opened).lstrip(" ")) if opened else 0
    last = None
    for last in cue_regexes()["quotation"].finditer(text, head):
        pass
    return bool(last) and last.end() == len(text) and not (
        len(last.group()) > 1 and last.group()[-1] in CLOSING_MARKS)


def speaks_as_self(plain: str) -> bool:
    """Return True if folded, unquoted text says "I", "my" or "me" (the document's own speaker)."""
    return bool(cue_regexes()["first_person"].search(plain))


def speaks_as_delegate(plain: str) -> bool:
    """Return True if folded, unquoted text has the speaker or their country as a subject ("we", "my delegation")."""
    return bool(cue_regexes()["own"].search(plain))


def governed(text: str, start: int) -> bool:
    """Return True if the name at ``start`` follows a preposition or thanks (an object, not a subject).

    Titles and honorifics between the two are skipped; a comma ends the look back unless only
    honorifics stand after it ("to the Secretary-General, His Excellency Javier …" is governed,
    "Opening the meeting of the Council, Russian President Vladimir Putin" is not).
    """
    words = _WORD_OR_MARK.findall(text[max(0, start - OBJECT_LOOKBACK):start])
    titled = False  # a title other than an honorific stands between the name and the word looked at
    closed = False  # a determiner began the name's phrase: a capitalised word before it is another phrase
    while words:
        word = words.pop()
        low = word.lower()
        if low == "of" and words and (words[-1][:1].isupper() or words[-1].lower() in TITLE_FILLERS):
            titled, closed = True, False
            continue  # "the Secretary-General of the United Nations, Javier …"
        if low in NAME_PARTICLES and words and words[-1][:1].isupper():
            continue  # "Javier Peres de Cuellar" read as "Cuellar"
        if word == "." and len(words) > 1 and words[-1].lower() in DOTTED_HONORIFICS and words[-2] != ",":
            continue  # "by Mr. Boutros Boutros-Ghali": the full stop belongs to the honorific
        if word in ".;:" or (word == "," and titled) or (closed and word[:1].isupper()):
            return False  # "in his video message to the SCO Summit the UN Secretary General …" is a subject
        if word == "," or any(c.isupper() for c in word) or low in TITLE_FILLERS:
            titled = titled or (word != "," and low.rstrip(".") not in HONORIFICS)
            closed = low == "the" or (closed and word != ",")
            continue
        return bool(cue_regexes()["object"].fullmatch(low))
    return False


def agent_after(sentence: str, cue_end: int, start: int) -> bool:
    """Return True if only titles stand between a cue that names its agent and the name at ``start`` ("by the
    former Secretary-General, Mr. X"), not another phrase ("words of gratitude to the Secretary-General")."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", sentence[cue_end:start])
    return all(word[:1].isupper() or word.lower() in TITLE_FILLERS | {"by", "of", "to"} for word in words)


def is_noun_cue(folded: str, cue_start: int) -> bool:
    """Return True if the cue at ``cue_start`` follows a determiner: a noun ("our calls for"), not a reporting verb."""
    return bool(cue_regexes()["noun"].search(folded[max(0, cue_start - 8):cue_start]))


def names_its_agent(folded: str, cue_end: int) -> bool:
    """Return True if the reporting cue ending at ``cue_end`` names its speaker after it ("proposed by X")."""
    if AGENT_CUE_END.search(folded[:cue_end]):
        return True
    return bool(re.match(r"\s+by\b", folded[cue_end:]))
