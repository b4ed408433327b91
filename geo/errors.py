"""Errors a user can cause. The UI catches `GeoError` and shows its message.

Every message is written for a person: it says what was expected and what
arrived, and never includes a traceback or a server path.
"""


class GeoError(Exception):
    """Base class of every error the user can cause."""


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
