-- The audit log is append-only: history that can be rewritten is no audit.
CREATE OR REPLACE FUNCTION "eid".audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "eid".audit_log
  FOR EACH ROW EXECUTE FUNCTION "eid".audit_log_append_only();
