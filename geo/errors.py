"""Errors a user can cause: one base class, one narrow subclass per kind of failure.

The UI catches the classes it handles in its own way (each with its own message) and,
as the page-wide fallback only, `GeoError`, showing its message.

Every message is written for a person: it says what was expected and what
arrived, and never includes a traceback or a server path. An error raised
with a `key` has its text in both languages (`error.<key>` in geo/i18n/messages), so
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
            from geo.i18n.catalogue import LANGUAGES, text

            texts = {lang: text(f"error.{key}", lang, **values) or f"error.{key}" for lang in LANGUAGES}
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


class ViewUnknown(GeoError):
    """The map's view, needed to export what it shows, has not been reported yet."""


class BoundsInvalid(GeoError):
    """A (west, south, east, north) box is empty or inverted."""


class DrawnAreaTooSmall(GeoError):
    """An area drawn on the map has fewer than three vertices."""


class DrawnAreaInvalid(GeoError):
    """An area drawn on the map crosses itself or encloses no surface."""


class ClipAreaInvalid(GeoError):
    """An area to clip to is empty or not a valid polygon."""


class LayerNotVisible(GeoError):
    """A layer chosen for export is not among the visible layers."""


# Saved workspaces (issue #13): raised by geo.store, shown by ui/workspace.py.


class WorkspaceNotFound(GeoError):
    """A workspace link whose token is unknown, deleted or tampered with."""

    def __init__(self, message: str | None = None, **kw):
        kw.setdefault("key", "workspace_not_found")
        super().__init__(message, **kw)


class WorkspaceReadOnly(GeoError):
    """A view-only link tried to change its workspace."""

    def __init__(self, message: str | None = None, **kw):
        kw.setdefault("key", "workspace_read_only")
        super().__init__(message, **kw)


class StaleSave(GeoError):
    """A change made from an older version of the workspace: someone else saved first."""

    def __init__(self, message: str | None = None, **kw):
        kw.setdefault("key", "workspace_stale")
        super().__init__(message, **kw)


class QuotaExceeded(GeoError):
    """A layer that would take the workspace over its storage quota (nothing was stored)."""

    def __init__(self, message: str | None = None, *, size_mb: float = 0, quota_mb: float = 0, **kw):
        kw.setdefault("key", "workspace_quota")
        super().__init__(message, size_mb=f"{size_mb:.1f}", quota_mb=f"{quota_mb:.0f}", **kw)


class StoreUnavailable(GeoError):
    """The workspace store cannot be reached, is full or stays locked: the last change was not saved."""

    def __init__(self, message: str | None = None, **kw):
        kw.setdefault("key", "workspace_unavailable")
        super().__init__(message, **kw)
