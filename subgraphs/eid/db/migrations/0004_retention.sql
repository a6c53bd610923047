-- Retention (common/retention.ts, docs/retention.md): the audit log stays append-only, except that
-- the retention job may delete entries past their end date. It says so for its own transaction
-- (set_config('hcg.retention', 'on', true)); every other UPDATE or DELETE is still refused.
CREATE OR REPLACE FUNCTION "eid".audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('hcg.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
