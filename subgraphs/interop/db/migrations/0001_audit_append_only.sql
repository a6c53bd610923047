-- The audit log is append-only: history that can be rewritten is no audit.
CREATE OR REPLACE FUNCTION "interop".audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "interop".audit_log
  FOR EACH ROW EXECUTE FUNCTION "interop".audit_log_append_only();
