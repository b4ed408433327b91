-- When each workspace was created and last changed (ISO 8601, UTC), so that an operator can apply
-- a retention policy (docs/workspaces.md). Rows from before this migration get the time it ran.
ALTER TABLE workspaces ADD COLUMN created_at TEXT;
ALTER TABLE workspaces ADD COLUMN updated_at TEXT;
UPDATE workspaces SET created_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now');
CREATE INDEX workspaces_updated_at ON workspaces (updated_at);
