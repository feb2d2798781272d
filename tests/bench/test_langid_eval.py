"""The language identification benchmark's extraction and tables (``bench.langid_data``, ``bench.langid_eval``)."""
from __future__ import annotations

import struct
from collections import Counter

from bench.langid_data import cleaned, fluent_values, is_sentence, mo_messages, translated_sentences
from bench.langid_eval import Result, held_out_table, passages


def mo_file(messages: dict[str, str]) -> bytes:
    """Return a little-endian gettext catalogue of ``messages`` (msgid -> msgstr)."""
    count = len(messages)
    originals, translations = 28, 28 + 8 * count
    data_start = 28 + 16 * count
    strings, tables = b"", [b"", b""]
    for column, texts in enumerate((list(messages), list(messages.values()))):
        for text in texts:
            encoded = text.encode("utf-8")
            tables[column] += struct.pack("<2I", len(encoded), data_start + len(strings))
            strings += encoded + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, originals, translations, 0, 0)
    return header + tables[0] + tables[1] + strings


def test_a_catalogue_gives_every_plural_form_by_message_id_without_context():
    catalogue = mo_file({"menu\x04Open": "Ашу", "%d file\x00%d files": "%d файл\x00%d файлдар"})
    assert mo_messages(catalogue) == {"Open": ["Ашу"], "%d file": ["%d файл", "%d файлдар"]}


def test_markup_placeholders_and_accelerators_are_removed():
    assert cleaned("<b>_Copy</b> %s to {folder} (see https://example.org)") == "Copy to (see"


def test_a_sentence_has_five_to_forty_words_in_its_script():
    assert [is_sentence(text, "kk") for text in (
        "Файлды ашу мүмкін емес, қайталап көріңіз.",
        "Файлды ашу мүмкін емес",
        "Cannot open the file, please try again.",
    )] == [True, False, False]


def test_untranslated_messages_copies_of_russian_and_russian_leftovers_are_left_out():
    found = [
        *translated_sentences("Cannot open the file, please try again.", ["Cannot open the file, please try again."], [], "kk"),
        *translated_sentences("Could not read the folder contents.", ["Не удалось прочитать содержимое этой папки."],
                              ["Не удалось прочитать содержимое этой папки."], "ky"),
        *translated_sentences("Delete the selected items for ever.", ["Ашёи интихобшударо барои ҳамеша нест кунед."], [], "tg"),
        *translated_sentences("Show the hidden files of this folder.", ["Показать скрытые файлы этой папки сейчас."], [], "tg"),
        *translated_sentences("Copy the selected files to another folder.", ["Tanlangan fayllarni boshqa jildga nusxalash."], [], "uz"),
        *translated_sentences("Copy the selected files to another folder.", ["Танланган файлларни бошқа жилдга нусхалаш."], [], "uz"),
    ]
    assert found == [("tg", "Ашёи интихобшударо барои ҳамеша нест кунед."),
                     ("uz-Latn", "Tanlangan fayllarni boshqa jildga nusxalash."),
                     ("uz-Cyrl", "Танланган файлларни бошқа жилдга нусхалаш.")]


def test_fluent_values_join_continued_lines_and_drop_variant_keys():
    ftl = "# comment\nmenu-open = Ашу\n    .tooltip = Файлды ашу\nitems = { $n ->\n    [one] бір\n   *[other] көп\n}\n"
    assert fluent_values(ftl) == ["Ашу", "Файлды ашу", "{ $n ->   бір   көп"]


def test_passages_are_consecutive_sentences_of_a_seeded_sample():
    sentences = [f"s{number}" for number in range(10)]
    grouped = passages(sentences, 3, 9)
    assert (len(grouped), grouped == passages(sentences, 3, 9), sorted(" ".join(grouped).split())) == (
        3, True, sorted(passages(sentences, 1, 9)))


def test_the_held_out_table_gives_each_language_overall_and_worst():
    right = {name: Result(right=99, total=100, wrong=Counter({"ru": 1})) for name in
             ("archive-search", "langdetect alone", "py3langid alone")}
    wrong = {name: Result(right=90, total=100, wrong=Counter({"und": 10})) for name in right}
    table = held_out_table({("kk", "debian-mo"): right, ("ky", "debian-mo"): wrong},
                           {("kk", "debian-mo"): right, ("ky", "debian-mo"): wrong}, 3)
    assert table[2:] == [
        "| Kazakh | debian-mo | 100 | 99.0 | 99.0 | 99.0 | 99.0 | 99.0 | ru 1 |",
        "| Kyrgyz | debian-mo | 100 | 90.0 | 90.0 | 90.0 | 90.0 | 90.0 | und 10 |",
        "| **all (micro)** | | 200 | **94.5** | **94.5** | **94.5** | **94.5** | **94.5** | |",
        "| **worst language** | | | 90.0 | 90.0 | 90.0 | 90.0 | 90.0 | |",
    ]
