"""`darien-map` (or `python -m geo`): the corridor data from scripts and scheduled jobs.

    darien-map layers
    darien-map export --format gpkg --layers migration_routes,patrol_zones --bbox=-78.2,7.5,-77,8.7 -o out.gpkg
    darien-map validate survey.csv --lon este --lat norte --json
    darien-map convert tracks.kml --collections separate -o tracks.geojson
    darien-map convert puestos.csv --valid-from fecha -o puestos.geojson

`pip install -e .` (done by `make run` and `make test`) puts `darien-map` on the PATH;
it works from any directory.

`convert` writes exactly what the app would import (same reader, same report, same choices);
`validate` prints that report, `--json` for pipelines.

Exit codes: 0 done; 1 `validate` or `convert` found blocking problems (convert then writes
nothing); 2 the request or the file was refused (the message says why, on stderr; no traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    from geo.errors import GeoError

    try:
        return args.run(args)
    except GeoError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"error: {error.strerror or error}: {getattr(error, 'filename', '') or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    from geo.exporting.export import EXPORT_FORMATS

    parser = argparse.ArgumentParser(prog="darien-map", description="The Darién corridor data: list, export, validate.")
    sub = parser.add_subparsers(dest="command", required=True)

    listing = sub.add_parser("layers", help="list the bundled layers")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(run=_layers)

    out = sub.add_parser("export", help="export layers in a format, optionally clipped")
    out.add_argument("--layers", help="comma-separated layer ids (default: all)")
    out.add_argument("--format", "-f", choices=sorted(EXPORT_FORMATS), default="geojson")
    out.add_argument("--output", "-o", required=True, help="file to write ('-' for standard output)")
    out.add_argument("--bbox", help="clip to west,south,east,north in degrees; write it as --bbox=-78.2,7.5,-77,8.7")
    out.add_argument("--clip", help="clip to the polygon(s) of this file (any importable format)")
    out.add_argument("--lang", choices=("es", "en"), default="es")
    out.set_defaults(run=_export)

    check = sub.add_parser("validate", help="validate a file with the same report the app shows")
    _import_choices(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(run=_validate)

    convert = sub.add_parser("convert", help="import a file as the app would and write what it keeps")
    _import_choices(convert)
    convert.add_argument(
        "--output", "-o", required=True, help="file to write: .geojson, .gpkg, .kml, .csv or .zip (Shapefile)"
    )
    convert.set_defaults(run=_convert)
    return parser


def _import_choices(command) -> None:
    """The choices of the app's import panel, as options."""
    from geo.importing.pipeline import COLLECTION_CHOICES

    command.add_argument("file")
    command.add_argument("--layer", help="layer of a GeoPackage/GPX, or shapefile in a zip")
    (
        command.add_argument("--lon", help="CSV longitude column"),
        command.add_argument("--lat", help="CSV latitude column"),
    )
    command.add_argument("--wkt", help="CSV WKT column")
    command.add_argument("--encoding", help="text encoding when the file does not say it, e.g. cp1252")
    command.add_argument("--crs", help="the file's CRS when it declares none, e.g. EPSG:32618")
    command.add_argument("--swap", action="store_true", help="swap x and y (latitude written first)")
    command.add_argument("--repair", action="store_true", help="make invalid geometries valid")
    command.add_argument("--leave-out", action="store_true", help="leave out the features with blocking problems")
    command.add_argument("--collections", choices=COLLECTION_CHOICES, help="geometry collections: split or mixed")
    command.add_argument("--confidence", default="reported", help="confidence of features that state none")
    command.add_argument(
        "--valid-from", metavar="COLUMN", help="date column: the first day each feature held (the 'as of' clock)"
    )
    command.add_argument(
        "--valid-to", metavar="COLUMN", help="date column: the last day each feature held (valid_to is the day after)"
    )
    command.add_argument("--lang", choices=("es", "en"), default="en")


def _choices(args):
    from geo.importing.formats import ReadOptions
    from geo.importing.pipeline import Decisions

    options = ReadOptions(
        layer=args.layer, lon_column=args.lon, lat_column=args.lat, wkt_column=args.wkt, encoding=args.encoding
    )
    decisions = Decisions(
        crs=args.crs,
        swap_xy=args.swap,
        repair=args.repair,
        leave_out=args.leave_out,
        collections=args.collections,
        confidence=args.confidence,
        valid_from_column=args.valid_from,
        valid_to_column=args.valid_to,
    )
    return options, decisions


def _layers(args) -> int:
    import layers
    from geo.load import load_layers
    from geo.provenance import confidence_text

    rows = [
        {
            "id": layer.spec.id,
            "title": layer.spec.title["en"],
            "geometry": layer.spec.geometry,
            "features": len(layer.frame),
            "confidence": confidence_text(layer.frame, "en"),
            "licence": layer.spec.licence,
        }
        for layer in load_layers(layers.LAYERS)
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            print(f"{r['id']:<26} {r['geometry']:<11} {r['features']:>4}  {r['licence']:<16} {r['confidence']}")
    return EXIT_OK


def _export(args) -> int:
    import layers
    from geo.errors import GeoError
    from geo.exporting.export import export
    from geo.load import load_layers
    from geo.selection import bbox_area, clip_layers

    ids = [i.strip() for i in args.layers.split(",")] if args.layers else [s.id for s in layers.LAYERS]
    specs = [layers.get(i) for i in ids]
    chosen = load_layers(specs)
    bounds = None
    if args.bbox:
        try:
            bounds = tuple(float(v) for v in args.bbox.split(","))
            assert len(bounds) == 4
        except (ValueError, AssertionError):
            raise GeoError(f"--bbox must be four numbers west,south,east,north, got {args.bbox!r}") from None
        chosen = clip_layers(chosen, bbox_area(bounds))
    if args.clip:
        chosen = clip_layers(chosen, _clip_area(Path(args.clip)))
    result = export(chosen, args.format, args.lang, bounds=bounds)
    if args.output == "-":
        sys.stdout.buffer.write(result.data)
    else:
        Path(args.output).write_bytes(result.data)
        print(
            f"wrote {args.output} ({len(result.data):,} bytes; {sum(len(layer.frame) for layer in chosen)} features)",
            file=sys.stderr,
        )
    for change in result.changes:
        print(f"note: {change}", file=sys.stderr)
    return EXIT_OK


def _clip_area(path: Path):
    import shapely

    from geo.errors import GeoError
    from geo.importing.pipeline import import_file

    result = import_file(path.read_bytes(), path.name)
    polygons = [
        g for layer in result.layers if layer.spec.geometry == "Polygon" for g in layer.frame.geometry if g is not None
    ]
    if not polygons:
        raise GeoError(f"{path.name} holds no polygon to clip to")
    return shapely.union_all(polygons)


def _validate(args) -> int:
    from geo.exporting.geojson import json_value
    from geo.importing.pipeline import preview, read_file

    options, decisions = _choices(args)
    path = Path(args.file)
    fmt, read = read_file(path.read_bytes(), options)
    report, after, changes = preview(fmt, read, path.name, decisions)
    if args.json:
        print(
            json.dumps(
                {
                    "format": fmt,
                    "features": report.features,
                    "summary": report.summary(args.lang),
                    "features_with_problems": report.rows(args.lang),
                    "after_choices": after.summary(args.lang),
                    "blocking": [p.code for p in after.blocking()],
                    "repairs": changes,
                    "kept": json_value(after.kept),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"{path.name}: {fmt}, {report.features} features")
        for row in report.summary(args.lang):
            count = "" if row["features"] is None else f" [{row['features']}]"
            print(f"  {row['severity']:<11} {row['problem']}{count}")
        for row in report.rows(args.lang):
            print(f"    feature {row['feature']}: {row['problem']}" + (f" ({row['detail']})" if row["detail"] else ""))
        if not report.problems:
            print("  no problem found")
        kept = after.kept
        print(
            f"  kept: {kept['features_out']} of {kept['features_in']} features"
            + (" (as a table)" if kept["as_table"] else "")
        )
    return EXIT_PROBLEMS if after.blocking() else EXIT_OK


#: Output extension -> export format.
CONVERT_FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".kml": "kml",
    ".csv": "csv",
    ".zip": "shapefile",
}


def _convert(args) -> int:
    from geo.errors import GeoError, ImportNeedsChoice
    from geo.exporting.csv import table_csv
    from geo.exporting.export import export
    from geo.importing.pipeline import finish, read_file

    out = Path(args.output)
    fmt_out = CONVERT_FORMATS.get(out.suffix.lower())
    if fmt_out is None:
        raise GeoError(f"--output must end in one of {', '.join(CONVERT_FORMATS)}, got {out.name!r}")
    options, decisions = _choices(args)
    path = Path(args.file)
    fmt, read = read_file(path.read_bytes(), options)
    try:
        result = finish(fmt, read, path.name, decisions)
    except ImportNeedsChoice as error:
        print(f"blocked: {error.message(args.lang)}", file=sys.stderr)
        return EXIT_PROBLEMS
    if result.tables:
        if fmt_out != "csv":
            raise GeoError(f"{path.name} holds a table without geometry; write it with -o {out.stem}.csv")
        data, count = table_csv(result.tables[0].frame), len(result.tables[0].frame)
    else:
        data = export(result.layers, fmt_out, args.lang).data
        count = sum(len(layer.frame) for layer in result.layers)
    out.write_bytes(data)
    kept = result.after.kept
    print(f"wrote {out} ({count} of {kept['features_in']} features; format {fmt})", file=sys.stderr)
    for row in result.after.summary(args.lang):
        print(f"note: {row['severity']}: {row['problem']}", file=sys.stderr)
    return EXIT_OK
