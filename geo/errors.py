"""Errors a user can cause. The UI catches `GeoError` and shows its message.

Every message is written for a person: it says what was expected and what
arrived, and never includes a traceback or a server path. An error raised
with a `key` has its text in both languages (`error.<key>` in geo.i18n), so
the app shows it in the user's language; `str(error)` is the English text,
as the command line and the logs show it.
"""

from __future__ import annotations


class GeoError(Exception):
    """Base class of every error the user can cause.

    >>> error = GeoError(key="empty")
    >>> str(error), error.message("es")
    ('the file is empty', 'el archivo está vacío')
    """

    def __init__(self, message: str | None = None, *, key: str | None = None, texts: dict | None = None, **values):
        if key is not None:
            from geo.i18n import LANGUAGES, t

            texts = {lang: t(f"error.{key}", lang, **values) for lang in LANGUAGES}
        self.texts: dict[str, str] = dict(texts or {})
        super().__init__(message if message is not None else self.texts.get("en", ""))

    def message(self, lang: str) -> str:
        """The message in `lang` when it has one, else the English text."""
        return self.texts.get(lang) or str(self)


class LayerDataError(GeoError):
    """A layer's data does not match what its declaration promises."""


class CRSMismatchError(GeoError):
    """Two frames that must share a CRS do not."""


class UnknownLayerError(GeoError):
    """A layer id that is not in the registry."""


class RegistryError(GeoError):
    """The layer registry is inconsistent (duplicate id, missing file)."""


class ExportError(GeoError):
    """A layer could not be written as valid output."""


class ImportRefused(GeoError):
    """A file was refused before or while reading it (wrong kind, unsafe, too big)."""


class ImportLimitExceeded(ImportRefused):
    """Reading a file took too long or needed too much memory."""


class ImportNeedsChoice(GeoError):
    """An import cannot go on until the user chooses (a layer, a CRS, columns...)."""
