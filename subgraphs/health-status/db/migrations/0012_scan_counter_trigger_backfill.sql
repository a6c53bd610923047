-- Scans per checkpoint and hour (UTC hours, which are the province's hours too: UTC+8 has no
-- half hours) kept by a statement-level trigger: a scan's insert moves its counter row in the same
-- statement. Scans are a log (never updated or deleted), so inserts are all there is to count.
CREATE OR REPLACE FUNCTION "health_status".count_scans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "health_status".scan_counters AS c (checkpoint_id, hour, slot, scans, passed)
  SELECT checkpoint_id, date_trunc('hour', at, 'UTC'), "health_status".counter_slot(id), count(*)::int, (count(*) FILTER (WHERE pass))::int
  FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (checkpoint_id, hour, slot) DO UPDATE SET scans = c.scans + excluded.scans, passed = c.passed + excluded.passed;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER scans_count_insert AFTER INSERT ON "health_status".scans
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "health_status".count_scans();
--> statement-breakpoint
-- Backfill: the scans already there, counted once.
INSERT INTO "health_status".scan_counters (checkpoint_id, hour, slot, scans, passed)
SELECT checkpoint_id, date_trunc('hour', at, 'UTC'), "health_status".counter_slot(id), count(*)::int, (count(*) FILTER (WHERE pass))::int
FROM "health_status".scans GROUP BY 1, 2, 3;
