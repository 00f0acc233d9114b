-- The gateway keeps datasets and rules in memory per instance; this tells every listening instance, at the commit
-- of any catalog change (the change increments catalog_version in its own transaction), to read the version again.
CREATE OR REPLACE FUNCTION deling_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('deling_catalog_changed', NEW.version::text);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER catalog_version_changed AFTER INSERT OR UPDATE ON catalog_version
  FOR EACH ROW EXECUTE FUNCTION deling_catalog_changed();
