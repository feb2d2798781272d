"""The metadata form of one document: prefilled from its sidecar over the indexed values; only changes are saved."""
from __future__ import annotations

from dataclasses import dataclass

from indexer.metadata import load_sidecar
from indexer.metadata_values import MetadataError, normalise_date, normalise_lang
from webapp.admin.forms import MetadataForm
from webapp.admin.overview import DocumentRow

# The form's fields and the sidecar key each one is saved under.
FORM_KEYS = {"title": "title", "date": "date", "speakers": "speakers", "doc_type": "type", "topics": "topics",
             "source": "source", "lang": "lang", "url": "url"}
LIST_FIELDS = frozenset({"speakers", "topics"})
# Fields that start from the sidecar only: a value entered applies to the whole document, whereas the index holds
# what was found passage by passage (topics, languages) or does not keep it (the URL).
SIDECAR_ONLY = frozenset({"topics", "lang", "url"})
# Fields compared after normalising, so that typing a value in another spelling is no change.
NORMALISED = {"date": normalise_date, "lang": normalise_lang}


@dataclass(frozen=True)
class Prefill:
    """The values the form starts from, and a problem with the existing sidecar if there is one."""

    values: dict
    sidecar_problem: str | None = None


def prefill(document_path, row: DocumentRow | None) -> Prefill:
    """Return the form's starting values: the sidecar's where it has one, else what the index holds.

    Topics, language and URL start from the sidecar only (``SIDECAR_ONLY``).
    """
    indexed = {name: () if name in LIST_FIELDS else None for name in FORM_KEYS}
    if row:
        indexed.update({name: getattr(row, name) for name in FORM_KEYS if name not in SIDECAR_ONLY})
    problem = None
    try:
        sidecar = load_sidecar(document_path)
    except MetadataError as error:
        sidecar, problem = None, str(error)
    if sidecar is not None:
        own = {name: getattr(sidecar, name) for name in FORM_KEYS}
        indexed = {name: own[name] if own[name] not in (None, ()) else value for name, value in indexed.items()}
    return Prefill(indexed, problem)


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(line.strip() for line in (text or "").splitlines() if line.strip()))


def fill_form(form: MetadataForm, start: Prefill) -> None:
    """Put the starting values into a freshly shown form."""
    for name in FORM_KEYS:
        value = start.values.get(name)
        getattr(form, name).data = "\n".join(value) if name in LIST_FIELDS else (value or "")


def _comparable(name: str, value):
    if name in LIST_FIELDS:
        return tuple(value or ())
    if name in NORMALISED:
        return NORMALISED[name](value or "")
    return (value or "").strip() or None


def changes_from(form: MetadataForm, start: Prefill) -> dict:
    """Return the sidecar keys the librarian changed, with their new values (an empty value removes the key)."""
    changes = {}
    for name, key in FORM_KEYS.items():
        raw = getattr(form, name).data
        new = _lines(raw) if name in LIST_FIELDS else (raw or "").strip()
        if _comparable(name, new) != _comparable(name, start.values.get(name)):
            changes[key] = list(new) if name in LIST_FIELDS else new
    return changes
