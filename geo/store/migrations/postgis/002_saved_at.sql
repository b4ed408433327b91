-- When each workspace was created and last changed, so that an operator can apply a retention
-- policy (docs/workspaces.md). Rows from before this migration get the time it ran.
ALTER TABLE workspaces ADD COLUMN created_at timestamptz;
ALTER TABLE workspaces ADD COLUMN updated_at timestamptz;
UPDATE workspaces SET created_at = now(), updated_at = now();
ALTER TABLE workspaces ALTER COLUMN created_at SET DEFAULT now(), ALTER COLUMN updated_at SET DEFAULT now();
CREATE INDEX workspaces_updated_at ON workspaces (updated_at);
