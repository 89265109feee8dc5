"""Coded errors, in the manner of spaCy's ``Errors.E004``.

Every error a user can see carries a stable code so that failures recorded in
the ``failures`` table can be grouped and searched, and so that messages can be
improved without breaking anyone who matches on them.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: ``code`` is stable, the message says which input and why."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.detail = message


class InputError(NewsgraphError):
    """An input could not be read or decoded (empty, binary, too large, bad encoding)."""

    code = "E001"


class FormatError(NewsgraphError):
    """An input was read but is not valid in its format (malformed JSONL, feed, HTML)."""

    code = "E002"


class NoContentError(NewsgraphError):
    """An input parsed but held no article body text."""

    code = "E003"


class UnsupportedLanguageError(NewsgraphError):
    """An article is written in a language the pipeline cannot annotate yet (only English today)."""

    code = "E004"


class StageError(NewsgraphError):
    """A pipeline stage failed on one article; the rest of the batch goes on."""

    code = "E010"


class StoreError(NewsgraphError):
    """The database could not be opened, migrated or written."""

    code = "E020"


class CursorError(NewsgraphError):
    """A paging cursor is not one the store handed out (corrupt, truncated, or from another listing)."""

    code = "E021"


class ConfigError(NewsgraphError):
    """A user-supplied option or file (e.g. a pattern YAML) is invalid."""

    code = "E030"


class NotFoundError(NewsgraphError):
    """A record the user named by id (a story, an event) is not in the database."""

    code = "E040"


# -- the web layer (newsgraph serve): E050-E059 ------------------------------
class AuthError(NewsgraphError):
    """A write request without the server's token, or with a wrong one (HTTP 401)."""

    code = "E050"


class WritesDisabledError(NewsgraphError):
    """A write request to a server started without a token: writes are off (HTTP 403)."""

    code = "E051"


class RequestTooLargeError(NewsgraphError):
    """A request body over the server's size limit (HTTP 413)."""

    code = "E052"


class RequestError(NewsgraphError):
    """A malformed web request: a parameter of the wrong type, a missing field, a method
    the route does not take (HTTP 422, 405 or 400)."""

    code = "E053"


class BusyError(NewsgraphError):
    """The server cannot take more work now (the ingest queue is full); retry later (HTTP 503)."""

    code = "E054"


class UIAssetsError(NewsgraphError):
    """The web UI's static files are missing from the installed package (a build that left
    out its package data): the UI cannot be served."""

    code = "E059"
