-- The audit log is append-only: history that can be rewritten is no audit.
CREATE OR REPLACE FUNCTION "declarations".audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "declarations".audit_log
  FOR EACH ROW EXECUTE FUNCTION "declarations".audit_log_append_only();
