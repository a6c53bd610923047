-- Retention (common/retention.ts, docs/retention.md): the audit log stays append-only, except that
-- the retention job may delete entries past their end date. It says so for its own transaction
-- (set_config('hcg.retention', 'on', true)); every other UPDATE or DELETE is still refused.
CREATE OR REPLACE FUNCTION "declarations".audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('hcg.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Declarations per day are history: a version deleted at the end of its retention (or with a
-- resident's account) was declared that day all the same, so deleting it no longer moves the counts.
DROP TRIGGER IF EXISTS declaration_versions_count_delete ON "declarations".declaration_versions;
