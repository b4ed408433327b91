"""Database layers as configured: a TOML file named by DARIEN_DB_LAYERS, one `[[layer]]` each.

Only this file names tables and columns; nothing a user types or a URL carries ever does. Each
entry is checked twice: here for its shape (ids, languages, the geometry type, the confidence),
and against the database's catalogue when the app connects (`check_catalogue`: the table or view
exists, the geometry column and every attribute exist, the geometry is SRID 4326). Names are
then quoted with psycopg.sql.Identifier wherever they reach SQL; texts (titles, source) are values.

    [[layer]]
    id = "survey_points"
    title = { es = "Puntos de encuesta", en = "Survey points" }
    table = "public.survey_points"        # schema.table (a view works too)
    geometry_column = "geom"
    geometry = "Point"                    # Point, LineString or Polygon
    attributes = ["name", "kind"]         # shown on the map and exported
    source = "Partner survey, weekly"
    licence = "CC BY 4.0"
    confidence = "reported"               # official, reported, approximate, illustrative
    color = "#0b7a75"                     # optional (defaults differ from the bundled layers' colours)
    overviews = true                      # counts per grid cell for wide views (default: points only)
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.errors import GeoError
from geo.spec import CAVEAT_CONFIDENCE, CONFIDENCE_LEVELS, GEOMETRY_FAMILIES, LayerSpec, Style

#: The environment variables: the configuration file, and the database.
LAYERS_ENV = "DARIEN_DB_LAYERS"
URL_ENV = "DARIEN_DB_URL"
STORE_ENV = "DARIEN_STORE"

#: A layer id, a schema, a table or a column: a plain SQL name (no quotes, no dots, no spaces).
#: Narrower than what PostgreSQL accepts, on purpose: a name that needs quoting is refused.
NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

#: Keys a `[[layer]]` may have; anything else is a mistake worth saying.
KEYS = {
    "id",
    "title",
    "table",
    "geometry_column",
    "geometry",
    "attributes",
    "source",
    "licence",
    "confidence",
    "color",
    "overviews",
}
REQUIRED = KEYS - {"color", "overviews", "attributes"}

DEFAULT_COLOURS = {"Point": "#0b7a75", "LineString": "#7b3294", "Polygon": "#8c2d04"}


class DatabaseConfigError(GeoError):
    """The database layers' configuration is wrong (shape, or names not in the catalogue)."""


@dataclass(frozen=True)
class DatabaseLayer:
    """One configured layer: its declaration (a LayerSpec) and where its rows are."""

    spec: LayerSpec
    schema: str
    table: str
    geometry_column: str
    attributes: tuple[str, ...]
    confidence: str
    overviews: bool

    @property
    def provenance(self) -> dict[str, str]:
        """What every feature of the layer carries (the configuration says it once for all rows)."""
        return {"source": self.spec.source, "confidence": self.confidence, "licence": self.spec.licence}


def database_url(environ: Mapping[str, str] | None = None) -> str | None:
    """DARIEN_DB_URL, else DARIEN_STORE when it is a postgresql:// URL, else None."""
    environ = os.environ if environ is None else environ
    url = environ.get(URL_ENV) or ""
    if url:
        return url
    store = environ.get(STORE_ENV) or ""
    return store if store.startswith(("postgresql://", "postgres://")) else None


def required_url(environ: Mapping[str, str] | None = None) -> str:
    """`database_url`, or DatabaseConfigError: database layers are configured but no database is named."""
    url = database_url(environ)
    if url is None:
        raise DatabaseConfigError(
            key="db_config", problem=f"{LAYERS_ENV} is set but neither {URL_ENV} nor a postgresql:// {STORE_ENV}"
        )
    return url


def check_ids_free(found: list[DatabaseLayer], taken: set[str]) -> None:
    """Refuse a database layer whose id is already a layer's (a bundled or derived one)."""
    clash = sorted(taken & {layer.spec.id for layer in found})
    if clash:
        raise DatabaseConfigError(key="db_config", problem=f"ids already used by other layers: {clash}")


def configured_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """The file DARIEN_DB_LAYERS names, or None: then there are no database layers at all."""
    environ = os.environ if environ is None else environ
    value = environ.get(LAYERS_ENV) or ""
    return Path(value) if value else None


def read_config(path: Path) -> list[DatabaseLayer]:
    """Every `[[layer]]` of the TOML file at `path`, checked for its shape (not yet the catalogue)."""
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise DatabaseConfigError(key="db_config", problem=type(error).__name__) from None
    entries = document.get("layer", [])
    if not isinstance(entries, list):
        raise DatabaseConfigError(key="db_config", problem="[[layer]] must be an array of tables")
    out = [parse_layer(entry) for entry in entries]
    ids = [layer.spec.id for layer in out]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DatabaseConfigError(key="db_config", problem=f"duplicate layer ids {duplicates}")
    return out


def parse_layer(entry: Mapping) -> DatabaseLayer:
    """One entry -> a DatabaseLayer; DatabaseConfigError naming the problem otherwise."""
    if not isinstance(entry, Mapping):
        raise DatabaseConfigError(key="db_config", problem="each [[layer]] must be a table")
    unknown, missing = sorted(set(entry) - KEYS), sorted(REQUIRED - set(entry))
    if unknown or missing:
        raise DatabaseConfigError(key="db_config", problem=f"unknown keys {unknown}, missing keys {missing}")
    layer_id = _name(entry["id"], "id")
    table = entry["table"]
    if not isinstance(table, str) or table.count(".") != 1:
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer_id}: table must be schema.table")
    schema, table = (_name(part, "table") for part in table.split("."))
    geometry_column = _name(entry["geometry_column"], "geometry_column")
    attributes = entry.get("attributes", [])
    if not isinstance(attributes, list):
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer_id}: attributes must be a list")
    attributes = tuple(_name(a, "attributes") for a in attributes)
    reserved = sorted({*attributes} & {"source", "confidence", "licence", "layer", geometry_column})
    if reserved:
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer_id}: attributes may not be {reserved}")
    geometry, confidence = entry["geometry"], entry["confidence"]
    if geometry not in GEOMETRY_FAMILIES:
        raise DatabaseConfigError(
            key="db_config", problem=f"layer {layer_id}: geometry must be {sorted(GEOMETRY_FAMILIES)}"
        )
    if confidence not in CONFIDENCE_LEVELS:
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer_id}: confidence must be {CONFIDENCE_LEVELS}")
    texts = [entry["source"], entry["licence"], entry.get("color", DEFAULT_COLOURS[geometry])]
    if not all(isinstance(v, str) and v.strip() for v in texts):
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer_id}: source, licence, color must be texts")
    colour = texts[2]
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer_id}: color must be #rrggbb")
    overviews = entry.get("overviews", geometry == "Point")
    if not isinstance(overviews, bool):
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer_id}: overviews must be true or false")
    try:
        spec = LayerSpec(
            id=layer_id,
            title=dict(entry["title"]) if isinstance(entry["title"], Mapping) else entry["title"],
            geometry=geometry,
            required=("source", "confidence", "licence"),
            style=Style(color=colour, weight=2.0, radius=4.0, fill_opacity=0.2 if geometry == "Polygon" else 0.0),
            tooltip=attributes[:3],
            source=entry["source"],
            licence=entry["licence"],
            attribution=(entry["source"],),
            origin="database",
            visible=False,
            caveat=_caveat(confidence),
        )
    except (ValueError, TypeError) as error:
        raise DatabaseConfigError(key="db_config", problem=str(error)) from None
    if not all(isinstance(v, str) and v.strip() for v in spec.title.values()):
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer_id}: title needs es and en texts")
    return DatabaseLayer(spec, schema, table, geometry_column, attributes, confidence, overviews)


def _name(value, what: str) -> str:
    if not isinstance(value, str) or not NAME.match(value):
        raise DatabaseConfigError(
            key="db_config", problem=f"{what} {value!r} is not a plain lower-case SQL name ([a-z_][a-z0-9_]*)"
        )
    return value


def _caveat(confidence: str) -> dict[str, str] | None:
    if confidence not in CAVEAT_CONFIDENCE:
        return None
    from geo.i18n.catalogue import LANGUAGES, text

    return {lang: text(f"db.caveat.{confidence}", lang) for lang in LANGUAGES}


#: geometry_columns.type (upper case) accepted for each declared type.
POSTGIS_TYPES = {
    "Point": {"POINT", "MULTIPOINT"},
    "LineString": {"LINESTRING", "MULTILINESTRING"},
    "Polygon": {"POLYGON", "MULTIPOLYGON"},
}


def check_catalogue(conn, layer: DatabaseLayer) -> None:
    """The table (or view) exists, its geometry column is SRID 4326 of the declared type, every
    attribute is a column of it: DatabaseConfigError naming what is missing otherwise. Reads the
    catalogue with the names as values (never as SQL text)."""
    row = conn.execute(
        "SELECT srid, upper(type) FROM geometry_columns"
        " WHERE f_table_schema = %s AND f_table_name = %s AND f_geometry_column = %s",
        (layer.schema, layer.table, layer.geometry_column),
    ).fetchone()
    where = f"{layer.schema}.{layer.table}.{layer.geometry_column}"
    if row is None:
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer.spec.id}: no geometry column {where}")
    srid, kind = row
    if srid != 4326:
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer.spec.id}: {where} has SRID {srid}, not 4326")
    if kind not in POSTGIS_TYPES[layer.spec.geometry]:
        raise DatabaseConfigError(
            key="db_config", problem=f"layer {layer.spec.id}: {where} is {kind}, not {layer.spec.geometry}"
        )
    columns = {
        name
        for (name,) in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s",
            (layer.schema, layer.table),
        )
    }
    missing = [a for a in layer.attributes if a not in columns]
    if missing:
        raise DatabaseConfigError(key="db_config", problem=f"layer {layer.spec.id}: no columns {missing}")
