-- The embedded store: one SQLite file that is also a valid GeoPackage 1.4 (OGC 12-128r18), so that
-- GDAL, QGIS or geopandas can open the saved features. Written by geo/store/sqlite.py with the
-- standard library's sqlite3; no SpatiaLite, no R-tree (its triggers need GDAL's SQL functions).
PRAGMA application_id = 1196444487;  -- 'GPKG'
PRAGMA user_version = 10400;         -- GeoPackage 1.4.0

CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);

INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326,
   'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
   'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');

CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);

CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);

-- One row per workspace. Tokens are stored as sha256 hashes only; `version` goes up by one per change.
CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  edit_hash TEXT NOT NULL UNIQUE,
  view_hash TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  settings TEXT NOT NULL  -- JSON, never interpreted by the store
);

-- A workspace's uploaded layers, in order: the declaration (LayerSpec) and columns as JSON.
CREATE TABLE workspace_layers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  layer_id TEXT NOT NULL,
  spec TEXT NOT NULL,
  replaces TEXT,
  columns TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  UNIQUE (workspace_id, layer_id)
);

-- Every feature of every layer: a GeoPackage geometry blob (EPSG:4326) and its attributes as JSON.
CREATE TABLE workspace_features (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom GEOMETRY,
  layer_ref INTEGER NOT NULL REFERENCES workspace_layers(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  properties TEXT NOT NULL
);
CREATE INDEX workspace_features_layer ON workspace_features (layer_ref, position);

INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
VALUES ('workspace_features', 'features', 'workspace_features',
        'Features of the layers uploaded to saved workspaces (Darién corridor map); attributes as JSON in "properties"',
        4326);
INSERT INTO gpkg_geometry_columns VALUES ('workspace_features', 'geom', 'GEOMETRY', 4326, 2, 0);
