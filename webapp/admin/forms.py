"""The admin forms; Flask-WTF adds the CSRF token every one of them carries."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from indexer.config import DOCUMENT_SUFFIXES
from indexer.metadata_values import MetadataError, normalise_date, normalise_lang, normalise_url

# Longest title and field values accepted from the form: a generous line, not a document.
MAX_TITLE_CHARS = 500
MAX_LIST_CHARS = 5000


class LoginForm(FlaskForm):
    """The librarian's password."""

    password = PasswordField("Password", validators=[DataRequired("Enter the password.")],
                             render_kw={"autocomplete": "current-password", "autofocus": True})
    next = HiddenField()


class ActionForm(FlaskForm):
    """A form with nothing but its CSRF token (log out)."""


class ReindexForm(FlaskForm):
    """Start an indexing run."""

    rebuild = BooleanField("Full rebuild (re-read every file; the live index keeps answering meanwhile)")


class UploadForm(FlaskForm):
    """Documents and sidecars to put into the corpus."""

    files = MultipleFileField("Documents and .meta.json sidecars",
                              render_kw={"accept": ",".join(DOCUMENT_SUFFIXES + (".json",))})
    folder = SelectField("Collection folder", choices=[])
    replace = BooleanField("Replace existing files of the same name (the earlier version is kept under _replaced/)")


class PreviewForm(FlaskForm):
    """A file to preview without putting it into the corpus."""

    file = FileField("File to preview", render_kw={"accept": ",".join(DOCUMENT_SUFFIXES)})


def _checked_by(normalise):
    """Return a field validator refusing what ``normalise`` (a sidecar value's check) refuses, with its message."""
    def check(form, field) -> None:
        try:
            normalise(field.data or "")
        except MetadataError as error:
            raise ValidationError(str(error)) from error
    return check


class MetadataForm(FlaskForm):
    """A librarian's correction of a document's metadata, saved as its sidecar."""

    path = HiddenField(validators=[DataRequired()])
    title = StringField("Title", validators=[Length(max=MAX_TITLE_CHARS)])
    date = StringField("Date", validators=[_checked_by(normalise_date)],
                       description="2020-11-10, 2020-11, 2020 or written out (10 November 2020, 10 ноября 2020)")
    speakers = TextAreaField("Speakers, one per line", validators=[Length(max=MAX_LIST_CHARS)])
    doc_type = StringField("Document type", validators=[Length(max=MAX_TITLE_CHARS)])
    topics = TextAreaField("Topics for the whole document, one per line", validators=[Length(max=MAX_LIST_CHARS)])
    source = StringField("Source", validators=[Length(max=MAX_TITLE_CHARS)])
    lang = StringField("Language", validators=[_checked_by(normalise_lang)],
                       render_kw={"size": 8, "autocomplete": "off", "spellcheck": "false"})
    url = StringField("URL", validators=[_checked_by(normalise_url)],
                      render_kw={"inputmode": "url", "autocomplete": "off", "spellcheck": "false"})


class WithdrawForm(FlaskForm):
    """Withdraw a document from the corpus and the index."""

    path = HiddenField(validators=[DataRequired()])
    confirm = BooleanField("Yes, withdraw this document", validators=[DataRequired("Tick the box to confirm.")])
