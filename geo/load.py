"""Reading the bundled layers: one GeoJSON file per layer, named after its id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyogrio

from geo.errors import LayerDataError
from geo.measure import WGS84
from geo.spec import LayerSpec
from geo.validate import check_layer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Layer:
    """A declared layer with its features, ready for the map and exports."""

    spec: LayerSpec
    frame: gpd.GeoDataFrame
    replaces: str | None = None  # a user layer may take the place of a bundled one


def load_layer(spec: LayerSpec, data_dir: Path = DATA_DIR) -> Layer:
    """Read `data_dir/<id>.geojson` and check it against `spec`.

    Raises LayerDataError naming every problem when the file breaks a promise
    the spec makes (missing attribute, wrong geometry type, outside the box...).
    """
    path = Path(data_dir) / spec.data_file
    if not path.is_file():
        raise LayerDataError(f"layer {spec.id!r}: its data file {spec.data_file!r} is missing")
    # Dates stay as written (ISO strings): GDAL would otherwise turn them into datetimes.
    frame = pyogrio.read_dataframe(path, datetime_as_string=True)
    if frame.crs is None:
        frame = frame.set_crs(WGS84)  # RFC 7946 GeoJSON is always lon/lat
    frame = frame.to_crs(WGS84)
    problems = check_layer(frame, spec)
    if problems:
        raise LayerDataError(f"layer {spec.id!r}: " + "; ".join(problems))
    return Layer(spec, frame)


def load_layers(specs, data_dir: Path = DATA_DIR) -> list[Layer]:
    """Every layer of `specs`, in order."""
    return [load_layer(spec, data_dir) for spec in specs]
