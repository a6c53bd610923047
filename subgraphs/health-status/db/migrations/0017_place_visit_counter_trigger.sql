-- Check-ins per place and hour (UTC hours, which are the province's hours too) kept by a
-- statement-level trigger, as scans are (0012): a check-in's insert moves its counter row in the
-- same statement. Only inserts count: the purge of visits past the tracing window leaves the counts.
CREATE OR REPLACE FUNCTION "health_status".count_place_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "health_status".place_visit_counters AS c (place_id, hour, slot, n)
  SELECT place_id, date_trunc('hour', at, 'UTC'), "health_status".counter_slot(id), count(*)::int
  FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (place_id, hour, slot) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER place_visits_count_insert AFTER INSERT ON "health_status".place_visits
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "health_status".count_place_visits();
