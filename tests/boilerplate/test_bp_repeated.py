"""Blocks repeated across the documents of one site."""
from __future__ import annotations

from indexer.boilerplate.repeated import block_fingerprint, drop_repeated, repeated_fingerprints
from indexer.models import Block

FOOTER = "© 2020 SCO Secretariat. All rights reserved."
MENU = "Home | News | Documents | Contacts"


def test_fingerprint_ignores_case_digits_and_spacing():
    assert block_fingerprint("Page 3 of  10\n") == block_fingerprint("page 7 of 12")
    assert block_fingerprint("Member states") != block_fingerprint("Observer states")


def test_repeated_needs_enough_documents_and_share():
    docs = {
        "a": [block_fingerprint(FOOTER), block_fingerprint("Summit in Moscow")],
        "b": [block_fingerprint(FOOTER), block_fingerprint(MENU)],
        "c": [block_fingerprint(FOOTER), block_fingerprint(MENU), block_fingerprint(MENU)],
        "d": [block_fingerprint(FOOTER)],
        "e": [block_fingerprint("Summit in Moscow")],
    }
    assert repeated_fingerprints(docs) == frozenset({block_fingerprint(FOOTER)})
    assert repeated_fingerprints(docs, min_docs=2, min_share=0.4) == frozenset(
        {block_fingerprint(FOOTER), block_fingerprint(MENU), block_fingerprint("Summit in Moscow")}
    )


def test_two_documents_are_not_enough_by_default():
    docs = {"a": [block_fingerprint(FOOTER)], "b": [block_fingerprint(FOOTER)]}
    assert repeated_fingerprints(docs) == frozenset()


def test_drop_repeated_keeps_the_only_heading_and_the_text():
    repeated = frozenset({block_fingerprint(FOOTER), block_fingerprint("Press release")})
    blocks = (
        Block("Press release", "heading", 1),
        Block("The Secretary-General met the ambassador of Pakistan."),
        Block(FOOTER),
    )
    assert drop_repeated(blocks, repeated) == blocks[:2]


def test_drop_repeated_drops_a_shared_heading_when_others_remain():
    repeated = frozenset({block_fingerprint("Latest news")})
    blocks = (
        Block("Summit in Moscow", "heading", 1),
        Block("The summit opened."),
        Block("Latest news", "heading", 2),
    )
    assert drop_repeated(blocks, repeated) == blocks[:2]


def test_drop_repeated_never_empties_a_document():
    blocks = (Block("Press release", "heading", 1), Block(FOOTER))
    repeated = frozenset(block_fingerprint(b.text) for b in blocks)
    assert drop_repeated(blocks, repeated) == blocks
