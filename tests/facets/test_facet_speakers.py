"""Speakers: the authority's name matching, a document's own speakers, and who speaks in each passage."""
from __future__ import annotations

import re

import pytest

from indexer.facets.speakers import (
    Speaker, SpeakerAuthority, document_speakers, passage_reported, starts_turn,
)
from indexer.facets.attribution import speaker_line
from indexer.models import Block, Metadata
from tests.facets.blocks import DATA

NOROV, TOKAYEV, XI = ("Vladimir Norov",), ("Kassym-Jomart Tokayev",), ("Xi Jinping",)
MIRZIYOYEV, MODI = ("Shavkat Mirziyoyev",), ("Narendra Modi",)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # misspellings found in the collection's texts
        ("Antanio Gutteres", "António Guterres"),
        ("Shavkat Mirziev", "Shavkat Mirziyoyev"),
        ("Nazarbaev", "Nursultan Nazarbayev"),
        ("Vladamir Makei", "Vladimir Makei"),
        # transliterations, scripts, honorifics, case and hyphens
        ("Kasym-Jomart Tokayev", "Kassym-Jomart Tokayev"),
        ("Kassym Jomart Tokayev", "Kassym-Jomart Tokayev"),
        ("H.E. Mr. KASSYM-JOMART TOKAYEV", "Kassym-Jomart Tokayev"),
        ("Касым-Жомарт Токаев", "Kassym-Jomart Tokayev"),
        ("托卡耶夫", "Kassym-Jomart Tokayev"),
        ("Си Цзиньпин", "Xi Jinping"),
        ("习近平主席", "Xi Jinping"),
        ("President Xi Jinping", "Xi Jinping"),
        ("Владимира Путина", "Vladimir Putin"),  # Russian genitive
        ("Путиным", "Vladimir Putin"),
        ("Mr. Sergei Lavrov", "Sergey Lavrov"),
        ("Antonio Guterres", "António Guterres"),
        ("Natalia German", "Natalia Gherman"),
        ("Sirodjidin Aslov", "Sirojiddin Muhriddin"),  # the same minister before his change of name
        # unknown, ambiguous or too short to tell
        ("MRS. INDIRA GANDHI", None),
        ("Sharif", None),  # Nawaz or Shehbaz
        ("Mr. Khan", None),  # too common a surname on its own
        ("Rahman", None),  # close to "Rahmon" but a different name
        ("Francisco Guterres Lu-Olo", None),
        ("", None),
    ],
)
def test_canonical_maps_spellings_to_one_name(authority, name, expected):
    assert authority.canonical(name) == expected


def test_find_mentions_returns_every_known_person_in_order(authority):
    text = ("The President of Kazakhstan Kasym-Jomart Tokayev met Prime Minister Modi, "
            "the UN Secretary General Antanio Gutteres and 习近平主席; Путина не было. Xi'an hosted nobody.")
    found = [(name, text[start:end]) for name, start, end in authority.find_mentions(text)]
    assert found == [
        ("Kassym-Jomart Tokayev", "Kasym-Jomart Tokayev"),
        ("Narendra Modi", "Modi"),
        ("António Guterres", "Antanio Gutteres"),
        ("Xi Jinping", "习近平"),
        ("Vladimir Putin", "Путина"),
    ]


def test_an_unlisted_surname_is_not_guessed_in_running_text():
    authority = SpeakerAuthority([Speaker("Xi Jinping", "President of China", (), "Xi")])
    assert authority.find_mentions("Xi'an and Xinjiang; President Xi spoke.") == [("Xi Jinping", 30, 32)]


def _blocks(title: str, *paragraphs: str) -> tuple[Block, ...]:
    return (Block(title, kind="heading", level=1), *(Block(p) for p in paragraphs))


@pytest.mark.parametrize(
    ("blocks", "metadata", "expected"),
    [
        (_blocks("Anything"), Metadata(speakers=("MRS. INDIRA GANDHI", "Mr. Shavkat Mirziev")),
         ("Indira Gandhi", "Shavkat Mirziyoyev")),
        (_blocks("Anything"), Metadata(speakers=("His Majesty King ABDULLAH II", "Vassily NEBENZIA", "lula da silva")),
         ("Abdullah II", "Vassily Nebenzia", "Lula da Silva")),
        (_blocks("Address by SCO Secretary-General Vladimir Norov at a press conference"), Metadata(), NOROV),
        (_blocks("Remarks by SCO Secretary-General Vladimir Norov at a Meeting of the Council"), Metadata(), NOROV),
        (_blocks("Statement by H.E. Mr. John Smith, Minister for Foreign Affairs"), Metadata(), ("John Smith",)),
        (_blocks("Speech of President Emomali Rahmon at the Dushanbe summit"), Metadata(), ("Emomali Rahmon",)),
        (_blocks("Выступление Владимира Путина на заседании Совета глав государств ШОС"), Metadata(),
         ("Vladimir Putin",)),
        (_blocks("Discours de M. Vladimir Norov, Secrétaire général de l'OCS"), Metadata(), ("Vladimir Norov",)),
        (_blocks("习近平在上海合作组织成员国元首理事会第二十次会议上的讲话"), Metadata(), ("Xi Jinping",)),
        (_blocks("Xi Jinping's speech at the SCO summit"), Metadata(), ("Xi Jinping",)),
        # a title that is about a person, not by them
        (_blocks("Statement on the visit of President Putin to China"), Metadata(), ()),
        (_blocks("Statement by the Ministry of Foreign Affairs of the Republic of Fiji"), Metadata(), ()),
        # letters: the signatory
        (_blocks("Letter dated 5 January 2021", "I have the honour to transmit…", "(Signed) Mahmadamin Mahmadaminov"),
         Metadata(), ("Mahmadamin Mahmadaminov",)),
        (_blocks("Lettre datée du 5 janvier 2021", "L'Ambassadeur,\n(Signé) Jean Dupont "), Metadata(),
         ("Jean Dupont",)),
        (_blocks("Письмо Постоянного представителя", "(Подпись) В. Небензя"), Metadata(), ("В. Небензя",)),
        # the lead names the speaker of a press conference
        (_blocks("SCO Secretary-General's press conference on the results of the SCO Summit",
                 "On 16 November 2020, the SCO Secretariat hosted a press conference by SCO Secretary-General "
                 "Vladimir Norov on the results of the 20th SCO Heads of State Council Meeting."),
         Metadata(), ("Vladimir Norov",)),
        # a press release speaks for an institution
        (_blocks("Press release on the results of the SCO Heads of State Council Meeting",
                 "President of the Republic of Kazakhstan N. Nazarbayev chaired the meeting."), Metadata(), ()),
        ((), Metadata(), ()),
    ],
)
def test_document_speakers(authority, blocks, metadata, expected):
    assert document_speakers(blocks, metadata, authority) == expected


def _passages(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [p.strip() for p in re.split(r"\n[^\S\n]*\n", text) if p.strip()]




def test_passage_reported_follows_the_quotations_of_corpus_001(authority):
    passages = _passages("001_attribution_excerpt.txt")
    expected = (
        [()] * 3  # the Secretary-General's own summary
        # named, four continuing paragraphs, "said the President of Kazakhstan", "the leader of Kazakhstan"
        + [TOKAYEV] * 7
        + [XI] * 9  # named, "he stressed", "the President of the People's Republic of China", "he emphasized"
        + [MIRZIYOYEV] * 8  # named, continuing, "said Shavkat Mirziev", "the President of Uzbekistan said", "he said"
        + [()]  # "All the leaders … voiced": back to the document's voice
        + [MODI] * 6  # named, "he said", "India's Prime Minister stressed", "Prime Minister Modi stressed", "Mr Modi"
    )
    assert passage_reported(passages, NOROV, authority) == expected


def test_passage_reported_returns_to_the_document_voice_and_resolves_roles(authority):
    passages = [
        "Chinese President Xi Jinping made the following proposals:",
        "— Increased international cooperation on joint prevention and control.",
        "Dear colleagues,",
        "At the end of the Summit, the chairmanship was taken over by the Tajik side.",
        "The Chinese leader also announced his intention to hold the SCO People's Diplomacy Forum.",
        "He said the forum would meet next year.",
        "I think that this will strengthen our Organisation.",
        "He also spoke about the results of the recent summit.",
    ]
    assert passage_reported(passages, NOROV, authority) == [XI, XI, (), (), XI, XI, (), ()]


def test_a_quotation_inside_the_speakers_own_account_does_not_carry_over(authority):
    passages = [
        "During my meeting with Secretary General Thomas Greminger in February, he noted the importance of "
        "the anti-drug agenda.",
        "Cooperation with the ASEAN Secretariat has been significantly advanced.",
    ]
    assert passage_reported(passages, NOROV, authority) == [("Thomas Greminger",), ()]


def test_unattributed_text_continues_the_quotation_only_so_far(authority):
    from indexer.facets.attribution import MAX_CONTINUATION_CHARS

    paragraph = "An unattributed paragraph about the situation in the region and its consequences. " * 3
    passages = ["According to Vladimir Putin, the situation remains difficult."] + [paragraph] * 8
    continued = -(-MAX_CONTINUATION_CHARS // len(paragraph))  # paragraphs until the budget is spent
    putin = ("Vladimir Putin",)
    assert passage_reported(passages, (), authority) == [putin] * (1 + continued) + [()] * (8 - continued)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In his speech, Chinese President Xi Jinping emphasized that the pandemic accelerates change.", True),
        ("Today, said Shavkat Mirziev, it is more important than ever to strengthen the Shanghai spirit.", True),
        ("According to Vladimir Putin, the situation in the area of global security remains difficult.", True),
        ("Президент Казахстана Касым-Жомарт Токаев отметил, что пандемия обострила кризис доверия.", True),
        ("Selon António Guterres, l'OCS est un acteur majeur de la diplomatie régionale.", True),
        ("In these conditions, said the President of Kazakhstan, we must find a solution.", False),  # no name
        ("The meeting was attended by President Vladimir Putin and Chairman Xi Jinping.", False),  # no quotation
        ("The pandemic has exacerbated the crisis of trust. Xi Jinping noted this later.", False),  # not the opening
        ("Executive Secretary of the Commonwealth of Independent States Sergei Lebedev attended.", False),
    ],
)
def test_starts_turn(authority, text, expected):
    assert starts_turn(text, authority) is expected


def test_passage_reported_in_russian_and_french(authority):
    passages = [
        "Президент Казахстана Касым-Жомарт Токаев в своем выступлении отметил, что пандемия стала испытанием.",
        "Пандемия обострила кризис доверия между мировыми державами.",
        "По словам Владимира Путина, ситуация в области безопасности остается сложной.",
        "Он подчеркнул, что терроризм представляет угрозу.",
        "Уважаемые коллеги!",
        "Selon le Secrétaire général António Guterres, l’OCS joue un rôle important.",
        "Il a souligné que la coopération est essentielle.",
    ]
    putin, guterres = ("Vladimir Putin",), ("António Guterres",)
    assert passage_reported(passages, NOROV, authority) == [TOKAYEV, TOKAYEV, putin, putin, (), guterres, guterres]


def test_the_documents_own_speaker_is_never_reported(authority):
    passages = [
        "Vladimir Norov noted that the Organisation had grown.",  # the speaker named in his own address
        "Cooperation has advanced in every field.",
        "Dear colleagues, Xi Jinping said the forum would meet next year, and I agree with him.",
        "Chinese President Xi Jinping stressed the role of the United Nations. Vladimir Norov noted the same.",
    ]
    assert passage_reported(passages, NOROV, authority) == [(), (), XI, XI]


RUSSIAN_CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional")
# Each person in every case: given name and surname, surname alone.
RUSSIAN_DECLENSIONS = {
    "Vladimir Putin": (("Владимир", "Владимира", "Владимиру", "Владимира", "Владимиром", "Владимире"),
                       ("Путин", "Путина", "Путину", "Путина", "Путиным", "Путине")),
    "Shavkat Mirziyoyev": (("Шавкат", "Шавката", "Шавкату", "Шавката", "Шавкатом", "Шавкате"),
                           ("Мирзиёев", "Мирзиёева", "Мирзиёеву", "Мирзиёева", "Мирзиёевым", "Мирзиёеве")),
    "Kassym-Jomart Tokayev": (("Касым-Жомарт", "Касыма-Жомарта", "Касыму-Жомарту", "Касыма-Жомарта",
                               "Касымом-Жомартом", "Касыме-Жомарте"),
                              ("Токаев", "Токаева", "Токаеву", "Токаева", "Токаевым", "Токаеве")),
    "Li Qiang": (("Ли",) * 6, ("Цян", "Цяна", "Цяну", "Цяна", "Цяном", "Цяне")),
}
# Russian sentences with a slot for the name, one per case.
RUSSIAN_FRAMES = (
    "{} прибыл в Душанбе на заседание Совета глав государств.",
    "Выступление Президента {} на заседании Совета глав государств – членов ШОС",
    "Слово было предоставлено {} как председателю.",
    "Участники саммита поблагодарили {} за гостеприимство.",
    "Состоялась встреча с {} в рамках саммита.",
    "В Ташкенте говорили о {} и его инициативах.",
)


@pytest.mark.parametrize("case", range(len(RUSSIAN_CASES)), ids=RUSSIAN_CASES)
@pytest.mark.parametrize("person", sorted(RUSSIAN_DECLENSIONS))
@pytest.mark.parametrize("full", [True, False], ids=["full name", "surname"])
def test_a_russian_name_is_found_in_every_case(authority, person, case, full):
    given, surname = (forms[case] for forms in RUSSIAN_DECLENSIONS[person])
    if not full and person == "Li Qiang":
        pytest.skip("a two-letter surname alone is too short to be a name")
    name = f"{given} {surname}" if full else surname
    text = RUSSIAN_FRAMES[case].format(name)
    found = [(canonical, text[start:end]) for canonical, start, end in authority.find_mentions(text)]
    assert (found, authority.canonical(name)) == ([(person, name)], person)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Встреча с Владимиром Путиным и Касымом-Жомартом Токаевым прошла в Астане.",
         [("Vladimir Putin", "Владимиром Путиным"), ("Kassym-Jomart Tokayev", "Касымом-Жомартом Токаевым")]),
        ("По приглашению Ли Цяна делегация посетила Пекин, а Ли Цяном было сказано немногое.",
         [("Li Qiang", "Ли Цяна"), ("Li Qiang", "Ли Цяном")]),
        # words that are not names, or names of nobody listed
        ("Владимир и Шавкат – частые имена; Моди́на и Цянь – нет.", []),
        ("Сергей Петров встретился с Петровым и с Сидоровым в Кремле.", []),
    ],
)
def test_russian_running_text_mentions(authority, text, expected):
    found = [(canonical, text[start:end]) for canonical, start, end in authority.find_mentions(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ((DATA / "mirziyoyev_dushanbe_2021_ru.txt").read_text(encoding="utf-8").splitlines()[0], MIRZIYOYEV),
        ("Выступление Президента Республики Казахстан Касыма-Жомарта Токаева на саммите ШОС", TOKAYEV),
        ("Интервью Председателя КНР Си Цзиньпина", XI),
        # a title about a person, not by them
        ("Заявление о визите Президента Российской Федерации Владимира Путина в Китай", ()),
        ("Заявление МИД по итогам переговоров с Шавкатом Мирзиёевым", ()),
    ],
)
def test_russian_speech_titles_name_their_speaker(authority, title, expected):
    assert document_speakers(_blocks(title), Metadata(), authority) == expected


@pytest.mark.parametrize(
    ("speakers", "reported", "expected"),
    [
        (NOROV, ("Vladimir Putin",), "Vladimir Norov, reporting Vladimir Putin"),
        (NOROV, ("Miroslav Jenča", "Thomas Greminger"), "Vladimir Norov, reporting Miroslav Jenča and Thomas Greminger"),
        (("A", "B"), ("C", "D", "E"), "A, B, reporting C, D and E"),
        ((), ("Vladimir Putin",), "Reporting Vladimir Putin"),
        (NOROV, (), "Vladimir Norov"),
        ((), (), ""),
    ],
)
def test_speaker_line(speakers, reported, expected):
    assert speaker_line(speakers, reported) == expected
