"""Vocabulary files: clear errors with file and line, empty when missing, re-read when changed."""
from __future__ import annotations

import os

import pytest

from indexer.config import Config
from indexer.vocabularies import load_vocabularies
from indexer.facets.doctype import load_doctypes
from indexer.facets.source import load_sources
from indexer.facets.speakers import load_authority
from indexer.facets.topics import load_taxonomy
from indexer.facets.vocab import VocabularyError


@pytest.mark.parametrize(
    ("loader", "text", "line", "problem"),
    [
        (load_authority, "- name: Xi Jinping\n  variants: [Си Цзиньпин\n- name: Putin\n", 3, "not valid YAML"),
        (load_authority, "- name: Xi Jinping\n- role: President of Russia\n", 2, "a person has no 'name'"),
        (load_authority, "- name: Xi Jinping\n- name: Xi Jinping\n", 2, "'Xi Jinping' is listed twice (first at line"),
        (load_authority, "- name: Xi Jinping\n  surname: Li\n", 1, "the surname of 'Xi Jinping' must be one"),
        (load_authority, "- name: Xi Jinping\n  varients: [Си]\n", 1, "unknown field(s) varients"),
        (load_authority, "name: Xi Jinping\n", 1, "the file must be a list of people"),
        (load_taxonomy, "- id: Security Topic\n  label: Security\n  terms: {en: [secur]}\n", 1, "lower-case slug"),
        (load_taxonomy, "- id: a\n  label: A\n  terms: {en: [x]}\n- id: b\n  label: B\n", 4, "topic 'b' has no terms"),
        (load_taxonomy, "- id: a\n  label: A\n  terms:\n    english: [x]\n", 4, "'english' is not a language code"),
        (load_doctypes, "speech: [address]\nspeech: [remarks]\n", 2, "duplicate key 'speech'"),
        (load_doctypes, "speech: [address, [remarks]]\n", 1, "is not a non-empty string"),
        (load_sources, "UN:\n  hosts: [un.org]\n  patterns: ['A/(\\d+']\n", 3, "is not a valid regular expression"),
        (load_sources, "UN:\n  host: [un.org]\n", 2, "unknown field(s) host"),
    ],
)
def test_malformed_file_names_file_line_and_problem(tmp_path, loader, text, line, problem):
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        loader(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}, line {line}: ")


def test_missing_files_are_empty_vocabularies(tmp_path):
    vocabularies = load_vocabularies(Config(corpus_dir=tmp_path))
    assert vocabularies.speakers.speakers == ()
    assert vocabularies.topics.topics == ()
    assert vocabularies.doctypes.cues == ()
    assert vocabularies.sources.sources == ()


def test_a_changed_file_is_read_again(tmp_path):
    path = tmp_path / "doctypes.yaml"
    path.write_text("speech: [address]\n", encoding="utf-8")
    first = load_doctypes(path)
    assert load_doctypes(path) is first  # cached while unchanged
    path.write_text("speech: [address, remarks]\n", encoding="utf-8")
    stamp = os.stat(path).st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    assert load_doctypes(path).cues == (("speech", ("address", "remarks")),)
