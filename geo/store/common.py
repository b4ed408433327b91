"""What both backends share: tokens, the checks every change makes, and layers as rows.

Tokens. The edit token is `secrets.token_urlsafe(32)` (256 random bits). The view token is
derived from it, one way: HMAC-SHA256(key=edit token, "darien workspace view token"), 43
URL-safe characters, so whoever holds the edit link can always show the view link again while
the database keeps only the sha256 hash of each token (a stolen database gives no link), and
the view token says nothing about the edit token. A string that is not 43 characters of
[A-Za-z0-9_-] is refused before any query (WorkspaceNotFound).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass

import geopandas as gpd
import shapely

from geo.errors import QuotaExceeded, StaleSave, WorkspaceNotFound
from geo.load import Layer
from geo.measure import WGS84
from geo.store import serialize

TOKEN_LENGTH = 43  # len(secrets.token_urlsafe(32))
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_VIEW_CONTEXT = b"darien workspace view token"

#: The settings of one workspace, as JSON text, at most this big (a drawn area and the choices fit
#: in a few kB; this only stops a runaway caller).
SETTINGS_MAX_BYTES = 5 * 1024 * 1024


def new_edit_token() -> str:
    return secrets.token_urlsafe(32)


def view_token_for(edit_token: str) -> str:
    digest = hmac.new(edit_token.encode("ascii"), _VIEW_CONTEXT, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def token_hash(token) -> str:
    """The stored form of a well-formed token; WorkspaceNotFound for anything else (no query made)."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH or not _TOKEN.fullmatch(token):
        raise WorkspaceNotFound()
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def check_base_version(base_version) -> int:
    if isinstance(base_version, bool) or not isinstance(base_version, int):
        raise StaleSave(
            f"base_version must be the int version a change was made from, got {type(base_version).__name__}"
        )
    return base_version


def settings_text(settings: dict) -> str:
    """The settings as JSON text; ValueError when they are not JSON (a caller's bug)."""
    if not isinstance(settings, dict):
        raise ValueError("workspace settings must be a dict")
    try:
        text = json.dumps(settings, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise ValueError(f"workspace settings are not JSON: {error}") from None
    if len(text.encode("utf-8")) > SETTINGS_MAX_BYTES:
        raise QuotaExceeded(size_mb=len(text.encode("utf-8")) / 2**20, quota_mb=SETTINGS_MAX_BYTES / 2**20)
    return text


def now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def check_quota(stored_bytes: int, adding: int, quota: int) -> None:
    if stored_bytes + adding > quota:
        raise QuotaExceeded(size_mb=adding / 2**20, quota_mb=quota / 2**20)


@dataclass(frozen=True)
class EncodedLayer:
    """A layer ready to store: its declaration and columns as JSON, its features as rows."""

    layer_id: str
    spec: str  # JSON
    replaces: str | None
    columns: str  # JSON: [{"name", "dtype", "key"}...], the geometry column with dtype "geometry"
    geometries: list  # shapely geometries (or None), EPSG:4326
    properties: list[str]  # one JSON object per feature: column key -> typed value
    nbytes: int  # what counts against the quota


def encode_layer(layer: Layer) -> EncodedLayer:
    if not isinstance(layer, Layer):
        raise TypeError("add_layer needs a geo.load.Layer")
    frame = layer.frame
    if not isinstance(frame, gpd.GeoDataFrame):
        frame = gpd.GeoDataFrame(frame)
    if frame.crs is None:
        frame = frame.set_crs(WGS84)
    elif not frame.crs.equals(WGS84):
        frame = frame.to_crs(WGS84)
    geometry = frame.geometry.name
    attributes = [c for c in frame.columns if c != geometry]
    keys = dict(zip(attributes, serialize.column_keys(attributes)))
    columns = [
        {"name": serialize.value_to_json(c), "dtype": "geometry"}
        if c == geometry
        else {"name": serialize.value_to_json(c), "dtype": str(frame[c].dtype), "key": keys[c]}
        for c in frame.columns
    ]
    ordered = list(keys.values())
    # A typed column gives plain Python values (its dtype, stored with it, brings the type back);
    # an object column gives its values as they are (a numpy scalar stays one, tagged).
    series = [list(frame[c]) if frame[c].dtype == object else frame[c].tolist() for c in attributes]
    properties = (
        [serialize.row_to_json(ordered, values) for values in zip(*series)] if attributes else ["{}"] * len(frame)
    )
    geometries = list(frame.geometry.array)
    wkb_sizes = sum(len(b) for b in shapely.to_wkb([g for g in geometries if g is not None], flavor="iso"))
    spec = serialize.dumps(serialize.spec_to_dict(layer.spec))
    columns_text = serialize.dumps(columns)
    nbytes = wkb_sizes + sum(len(p.encode("utf-8")) for p in properties) + len(spec) + len(columns_text)
    return EncodedLayer(layer.spec.id, spec, layer.replaces, columns_text, geometries, properties, nbytes)


def decode_layer(spec: str, replaces: str | None, columns: str, geometries: list, properties: list[str]) -> Layer:
    """The Layer `encode_layer` wrote, from its stored parts (features in their order)."""
    the_spec = serialize.spec_from_dict(json.loads(spec))
    described = json.loads(columns)
    rows = [serialize.row_from_json(p) for p in properties]
    data = {}
    geometry_name = "geometry"
    for column in described:
        name = serialize.value_from_json(column["name"])
        if column["dtype"] == "geometry":
            geometry_name = name
            data[name] = gpd.GeoSeries(geometries, crs=WGS84)
        else:
            data[name] = serialize.rebuild_column([row[column["key"]] for row in rows], column["dtype"])
    if geometry_name not in data:
        data[geometry_name] = gpd.GeoSeries(geometries, crs=WGS84)
    frame = gpd.GeoDataFrame(data, geometry=geometry_name, crs=WGS84)
    return Layer(the_spec, frame, replaces)
