"""Every reader fed truncated and mutated files: each failure names the format and what stopped
it, never the generic "the reader stopped unexpectedly"."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from geo.errors import GeoError
from geo.i18n import t
from geo.importing.pipeline import import_file

CORPUS = Path(__file__).parent / "corpus"
#: One file per reader.
SAMPLES = (
    "togeojson_simpledata.kml",
    "togeojson_north_core.gpx",
    "fiona_curves_line.csv",
    "pyogrio_test_gpkg_nulls.gpkg",
    "shapefilejs_utf.zip",
    "geojsonhint_good-featurecollection.geojson",
    "gdal_esripoint.json",
    "shapefilejs_codepage.dbf",
)
GENERIC = t("error.reader_stopped", "en")


def damaged(data: bytes, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    cuts = [data[: len(data) // 2], data[: len(data) - 7], data[:100]]
    mutated = []
    for _ in range(3):
        copy = bytearray(data)
        for _ in range(8):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
        mutated.append(bytes(copy))
    return cuts + mutated


@pytest.mark.parametrize("name", SAMPLES)
def test_damaged_files_never_get_the_generic_message(name):
    data = (CORPUS / name).read_bytes()
    for k, bad in enumerate(damaged(data, seed=len(name))):
        try:
            import_file(bad, name, limits={"timeout_s": 30})
        except GeoError as error:
            message = str(error)
            assert message != GENERIC, (name, k)
            assert "Traceback" not in message and "/work" not in message and "/tmp" not in message, message
