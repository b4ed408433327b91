-- The team store: PostgreSQL 15 + PostGIS 3. Applied by geo/store/postgis.py inside one transaction,
-- under an advisory lock, at start-up.
CREATE EXTENSION IF NOT EXISTS postgis;

-- One row per workspace. Tokens are stored as sha256 hashes only; `version` goes up by one per change.
CREATE TABLE workspaces (
  id bigserial PRIMARY KEY,
  edit_hash text NOT NULL UNIQUE,
  view_hash text NOT NULL UNIQUE,
  version integer NOT NULL CHECK (version >= 1),
  settings json NOT NULL  -- kept as written (json, not jsonb); never interpreted by the store
);

-- A workspace's uploaded layers, in order: the declaration (LayerSpec) and columns as JSON.
CREATE TABLE workspace_layers (
  id bigserial PRIMARY KEY,
  workspace_id bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  position integer NOT NULL,
  layer_id text NOT NULL,
  spec json NOT NULL,
  replaces text,
  columns json NOT NULL,
  bytes bigint NOT NULL,
  UNIQUE (workspace_id, layer_id)
);

-- Every feature: `geom` is its 2-D geometry in EPSG:4326 (GiST-indexed, for spatial queries);
-- a geometry with Z is kept whole in `geom_z` too, since a geometry(Geometry, 4326) column refuses Z.
CREATE TABLE workspace_features (
  id bigserial PRIMARY KEY,
  layer_ref bigint NOT NULL REFERENCES workspace_layers(id) ON DELETE CASCADE,
  position integer NOT NULL,
  geom geometry(Geometry, 4326),
  geom_z geometry(GeometryZ, 4326),
  properties json NOT NULL
);
CREATE INDEX workspace_features_geom ON workspace_features USING gist (geom);
CREATE INDEX workspace_features_layer ON workspace_features (layer_ref, position);
