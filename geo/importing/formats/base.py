"""What every reader returns, and the options a reader may need."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReadOptions:
    """Choices the user (or a script) makes for one file; None means "not chosen"."""

    layer: str | None = None  # GeoPackage/KML/GPX layer, or shapefile name in a zip
    lon_column: str | None = None  # CSV
    lat_column: str | None = None
    wkt_column: str | None = None
    encoding: str | None = None  # text encoding, when the file does not say it (Shapefile, dBASE, CSV)


@dataclass
class Read:
    """One layer read from a file, before any checking or repair.

    `frame` keeps every row and every attribute as found; `crs` is the CRS
    the file declares (None when it declares none); `notes` are facts about
    the reading a person should know (renamed fields, unparsed rows...).
    """

    frame: object  # GeoDataFrame
    crs: str | None
    notes: list[dict] = field(default_factory=list)
    dropped_dimensions: str | None = None  # "M" when GDAL could not keep M values


@dataclass
class Inspection:
    """What must be chosen before reading: layers, or CSV columns with our guess."""

    format: str
    layers: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    guess: ReadOptions = field(default_factory=ReadOptions)


def note(code: str, **details) -> dict:
    """A reading note; the report turns `code` into words in each language."""
    return {"code": code, **details}
