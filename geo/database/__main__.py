"""The database layers from the command line, for the operator (the configuration from
DARIEN_DB_LAYERS, the database from DARIEN_DB_URL or a postgresql:// DARIEN_STORE):

    python -m geo.database check                 # every entry against the catalogue
    python -m geo.database setup [--rebuild]     # overviews and their triggers (as the tables' owner)
    python -m geo.database export LAYER OUT.geojson [--bbox W S E N]   # streamed, RFC 7946
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.database import connect
from geo.database.config import DatabaseConfigError, check_catalogue, configured_path, read_config, required_url
from geo.database.export import stream_geojson
from geo.database.overviews import ensure_overviews


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.database", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check every configured layer against the database's catalogue")
    setup = commands.add_parser("setup", help="make the overviews and their triggers")
    setup.add_argument("--rebuild", action="store_true", help="rebuild the cells from the tables")
    export = commands.add_parser("export", help="one layer as RFC 7946 GeoJSON, streamed")
    export.add_argument("layer")
    export.add_argument("out", type=Path)
    export.add_argument("--bbox", type=float, nargs=4, metavar=("W", "S", "E", "N"))
    args = parser.parse_args(argv)
    try:
        path = configured_path()
        if path is None:
            raise DatabaseConfigError(key="db_config", problem="DARIEN_DB_LAYERS is not set")
        found = read_config(path)
        with connect.setup_connection(required_url()) as conn:
            for layer in found:
                check_catalogue(conn, layer)
            if args.command == "setup":
                for layer in (layer for layer in found if layer.overviews):
                    built = ensure_overviews(conn, layer, rebuild=args.rebuild)
                    print(f"{layer.spec.id}: overviews {'built' if built else 'in place'}, triggers set")
            elif args.command == "export":
                layer = next((layer for layer in found if layer.spec.id == args.layer), None)
                if layer is None:
                    raise DatabaseConfigError(key="db_config", problem=f"no layer {args.layer!r} in {path.name}")
                with args.out.open("w", encoding="utf-8") as out:
                    for piece in stream_geojson(conn, layer, args.bbox):
                        out.write(piece)
            else:
                print(f"{len(found)} layer(s) match the catalogue")
    except DatabaseConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
