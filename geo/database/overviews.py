"""Overviews of a big table: counts per grid cell, one level per zoom, kept up to date.

A wide view of millions of points cannot be drawn point by point, and counting them afresh for
every view costs seconds (a grid aggregate over 5,000,000 points takes about 6 s here). So, as
tiling tools keep overviews, the app's setup (`ensure_overviews`) makes one table per configured
layer with `overviews = true` (the default for points), `darien_overviews.<layer id>`, holding for every zoom 0..`MAX_LEVEL` the cells of
32 screen pixels at that zoom with the number of points in each and the sum of their positions
(the mean position draws the cell). A wide view reads a few hundred cells by primary key. Lines
and polygons may have overviews too: each is counted once, in the cell of its centroid, so a wide
view of 200,000 short tracks shows where they are dense instead of an arbitrary 5,000 of them
(documented choice; simplified copies per zoom would still send every line of a wide view).

Kept up to date by triggers, not by a scheduled refresh: the team's tables grow a little every
week and a map that lags its table would be wrong in the place people look. Statement-level
triggers (AFTER INSERT / UPDATE / DELETE ... REFERENCING NEW/OLD TABLE) see every changed row of
a statement at once and apply one grouped upsert per statement, so a bulk load of a million rows
is one pass, not a million. The cost is paid by writers: each changed row touches one cell per
level (13). A source that is a view cannot carry triggers: overviews are refused for views
(`overviews = false`, or point the layer at the underlying table).

Cells nest: a cell's index at zoom z is floor(finest index / 2^(MAX_LEVEL - z)), the same formula
when building and in the triggers, so a rebuild and the triggers agree exactly (tested).
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from geo.database.config import DatabaseConfigError, DatabaseLayer

SCHEMA = "darien_overviews"

#: The finest overview level; views at zoom above it read the table itself.
MAX_LEVEL = 12

#: Cells of 32 pixels (256-pixel tiles): 8 per tile side.
CELLS_PER_TILE_LOG2 = 3


def cell_degrees(level: int) -> float:
    """The side of a cell at `level`, in degrees of longitude and latitude (a square in lon/lat).

    >>> round(cell_degrees(12), 6), cell_degrees(0)
    (0.010986, 45.0)
    """
    return 360.0 / 2 ** (level + CELLS_PER_TILE_LOG2)


def table(layer: DatabaseLayer) -> sql.Composed:
    return sql.Identifier(SCHEMA, layer.spec.id)


# The shared functions: static text, no name from the configuration in them. The trigger function
# gets the overview table and the geometry column as trigger arguments and quotes them (%I).
_FUNCTIONS = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE OR REPLACE FUNCTION {SCHEMA}.cells_of(x float8, y float8)
RETURNS TABLE (z int, ix int, iy int) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT level, floor(floor(x / {cell_degrees(MAX_LEVEL)!r}::float8) / 2.0::float8 ^ ({MAX_LEVEL} - level))::int,
                floor(floor(y / {cell_degrees(MAX_LEVEL)!r}::float8) / 2.0::float8 ^ ({MAX_LEVEL} - level))::int
  FROM generate_series(0, {MAX_LEVEL}) AS level
$fn$;
CREATE OR REPLACE FUNCTION {SCHEMA}.keep_cells() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('TRUNCATE %1$s', TG_ARGV[0]);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format(
      'WITH gone AS (SELECT c.z, c.ix, c.iy, count(*) AS n, sum(p.x) AS sx, sum(p.y) AS sy
         FROM (SELECT ST_X(ST_Centroid(%2$I)) AS x, ST_Y(ST_Centroid(%2$I)) AS y FROM old_rows
               WHERE %2$I IS NOT NULL AND NOT ST_IsEmpty(%2$I)) p,
              {SCHEMA}.cells_of(p.x, p.y) c GROUP BY 1, 2, 3)
       UPDATE %1$s o SET n = o.n - gone.n, sx = o.sx - gone.sx, sy = o.sy - gone.sy
       FROM gone WHERE o.z = gone.z AND o.ix = gone.ix AND o.iy = gone.iy',
      TG_ARGV[0], TG_ARGV[1]);
    EXECUTE format('DELETE FROM %1$s WHERE n <= 0', TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    EXECUTE format(
      'INSERT INTO %1$s AS o (z, ix, iy, n, sx, sy)
       SELECT c.z, c.ix, c.iy, count(*), sum(p.x), sum(p.y)
       FROM (SELECT ST_X(ST_Centroid(%2$I)) AS x, ST_Y(ST_Centroid(%2$I)) AS y FROM new_rows
             WHERE %2$I IS NOT NULL AND NOT ST_IsEmpty(%2$I)) p,
            {SCHEMA}.cells_of(p.x, p.y) c GROUP BY 1, 2, 3
       ON CONFLICT (z, ix, iy) DO UPDATE SET n = o.n + excluded.n, sx = o.sx + excluded.sx, sy = o.sy + excluded.sy',
      TG_ARGV[0], TG_ARGV[1]);
  END IF;
  RETURN NULL;
END
$fn$;
"""


#: One trigger per event: PostgreSQL allows transition tables on single-event triggers only.
TRIGGERS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
    "TRUNCATE": "",
}


def ensure_overviews(conn, layer: DatabaseLayer, rebuild: bool = False) -> bool:
    """Make the layer's overview table, build it if new (or if `rebuild`), and put the triggers
    on the source table. Idempotent; returns True when it (re)built the cells. Needs the right to
    create triggers on the table (its owner): the app's setup role, or `python -m geo.database setup`."""
    try:
        return _ensure(conn, layer, rebuild)
    except psycopg.errors.InsufficientPrivilege:
        raise DatabaseConfigError(
            key="db_config",
            problem=f"layer {layer.spec.id}: no right to make its overviews; run `python -m geo.database setup` "
            "as the table's owner once",
        ) from None


def _ensure(conn, layer: DatabaseLayer, rebuild: bool) -> bool:
    """The work of `ensure_overviews`."""
    kind = conn.execute(
        "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s AND c.relname = %s",
        (layer.schema, layer.table),
    ).fetchone()
    if kind is None or kind[0] not in ("r", "p"):
        raise DatabaseConfigError(
            key="db_config",
            problem=f"layer {layer.spec.id}: overviews need a table, not a view (set overviews = false)",
        )
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('darien_overviews'))")
        conn.execute(_FUNCTIONS)
        exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{SCHEMA}.{layer.spec.id}",)).fetchone()[0]
        overview, source, geom = (
            table(layer),
            sql.Identifier(layer.schema, layer.table),
            sql.Identifier(layer.geometry_column),
        )
        conn.execute(
            sql.SQL(
                "CREATE TABLE IF NOT EXISTS {} (z smallint, ix int, iy int, n bigint NOT NULL,"
                " sx float8 NOT NULL, sy float8 NOT NULL, PRIMARY KEY (z, ix, iy))"
            ).format(overview)
        )
        built = rebuild or not exists
        if built:
            _build(conn, overview, source, geom)
        for event, referencing in TRIGGERS.items():
            conn.execute(
                sql.SQL(
                    "CREATE OR REPLACE TRIGGER {} AFTER {} ON {} {} FOR EACH STATEMENT"
                    " EXECUTE FUNCTION {}.keep_cells({}, {})"
                ).format(
                    sql.Identifier(f"darien_overviews_{layer.spec.id}_{event.lower()}"[:63]),
                    sql.SQL(event),
                    source,
                    sql.SQL(f"REFERENCING {referencing}" if referencing else ""),
                    sql.Identifier(SCHEMA),
                    sql.Literal(overview.as_string(conn)),
                    sql.Literal(layer.geometry_column),
                )
            )
    return built


def _build(conn, overview, source, geom) -> None:
    """Every cell afresh: the finest level from the table, each coarser level from the finest."""
    conn.execute(sql.SQL("TRUNCATE {}").format(overview))
    conn.execute(
        sql.SQL(
            "INSERT INTO {ov} (z, ix, iy, n, sx, sy)"
            " SELECT %(top)s, floor(x / %(cell)s::float8)::int, floor(y / %(cell)s::float8)::int, count(*), sum(x), sum(y)"
            " FROM (SELECT ST_X(ST_Centroid({g})) AS x, ST_Y(ST_Centroid({g})) AS y FROM {src}"
            "       WHERE {g} IS NOT NULL AND NOT ST_IsEmpty({g})) p GROUP BY 2, 3"
        ).format(ov=overview, g=geom, src=source),
        {"top": MAX_LEVEL, "cell": cell_degrees(MAX_LEVEL)},
    )
    conn.execute(
        sql.SQL(
            "INSERT INTO {ov} (z, ix, iy, n, sx, sy)"
            " SELECT level, floor(ix / 2.0::float8 ^ (%(top)s - level))::int, floor(iy / 2.0::float8 ^ (%(top)s - level))::int,"
            "        sum(n), sum(sx), sum(sy)"
            " FROM {ov}, generate_series(0, %(top)s - 1) AS level WHERE z = %(top)s GROUP BY 1, 2, 3"
        ).format(ov=overview),
        {"top": MAX_LEVEL},
    )
    conn.execute(sql.SQL("ANALYZE {}").format(overview))
