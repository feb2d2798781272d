"""The metadata form of one document: prefilled from its sidecar over the indexed values; only changes are saved."""
from __future__ import annotations

from dataclasses import dataclass

from indexer.metadata import MetadataError, load_sidecar, normalise_date
from webapp.admin.forms import MetadataForm
from webapp.admin.overview import DocumentRow

# The form's fields and the sidecar key each one is saved under.
FORM_KEYS = {"title": "title", "date": "date", "speakers": "speakers", "doc_type": "type", "topics": "topics"}
LIST_FIELDS = frozenset({"speakers", "topics"})


@dataclass(frozen=True)
class Prefill:
    """The values the form starts from, and a problem with the existing sidecar if there is one."""

    values: dict
    sidecar_problem: str | None = None


def prefill(document_path, row: DocumentRow | None) -> Prefill:
    """Return the form's starting values: the sidecar's where it has one, else what the index holds.

    Topics start from the sidecar only: topics entered here apply to every passage,
    whereas the indexed topics were found passage by passage.
    """
    indexed = {"title": row.title, "date": row.date, "speakers": row.speakers, "doc_type": row.doc_type,
               "topics": ()} if row else {"title": None, "date": None, "speakers": (), "doc_type": None, "topics": ()}
    problem = None
    try:
        sidecar = load_sidecar(document_path)
    except MetadataError as error:
        sidecar, problem = None, str(error)
    if sidecar is not None:
        own = {"title": sidecar.title, "date": sidecar.date, "speakers": sidecar.speakers,
               "doc_type": sidecar.doc_type, "topics": sidecar.topics}
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
    if name == "date":
        return normalise_date(value or "")
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
