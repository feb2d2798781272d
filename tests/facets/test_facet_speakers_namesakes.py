"""A surname that is also a common word or name names a listed person only with a title or a given name."""
from __future__ import annotations

import pytest

from indexer.facets.speakers import load_authority, parse_authority
from indexer.facets.vocab import VocabularyError
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def authority():
    return load_authority(CORPUS / "speakers.yaml")


@pytest.mark.parametrize(("text", "expected"), [
    ("The German Government supports the plan, as the German delegation said.", []),
    ("Abdul Ghani Baradar met the envoys.", []),
    ("President Ghani said that peace was near.", ["Ashraf Ghani"]),
    ("Ms. German, the Special Representative, said so.", ["Natalia Gherman"]),
    ("Natalia Gherman said so.", ["Natalia Gherman"]),
    ("министр Герман заявила об этом.", ["Natalia Gherman"]),
    ("Захаров Герман Константинович", []),
    ("Guterres said that the Organization would help.", ["António Guterres"]),
])
def test_a_common_surname_needs_a_title_or_given_name(authority, text, expected):
    assert [name for name, _, _ in authority.find_mentions(text)] == expected


def test_surname_alone_takes_yes_or_no():
    listed = parse_authority([{"name": "Natalia Gherman", "surname_alone": False}])
    assert listed.find_mentions("German") == [] and listed.speakers[0].surname_alone is False
    with pytest.raises(VocabularyError, match="'surname_alone' of 'Natalia Gherman' must be yes or no"):
        parse_authority([{"name": "Natalia Gherman", "surname_alone": "sometimes"}])
