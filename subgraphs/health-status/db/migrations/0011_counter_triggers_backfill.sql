-- Colour counters kept by statement-level triggers with transition tables: every path that changes a
-- colour or a region (event consumers, checkpoint fevers, the daily rollover's batches, the backfill
-- below) moves the counters in its own transaction, one aggregated upsert per statement (a rollover
-- batch of 1,000 codes is one counter write of a few dozen rows). A person with no stored code counts
-- as GREEN, as the dashboard always read them. Rows are upserted in key order, so two transactions
-- never take the same counter rows in opposite orders. A transition table exists only for the events
-- its trigger declares, so each operation has its own branch.
CREATE OR REPLACE FUNCTION "health_status".counter_slot(person uuid) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (hashtext(person::text) & 15)::smallint $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "health_status".count_code_colors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "health_status".color_counters AS c (region, color, slot, n)
    SELECT p.region, d.color, "health_status".counter_slot(d.person_id), sum(d.n)::int
    FROM (SELECT person_id, color, 1 AS n FROM new_rows UNION ALL SELECT person_id, 'GREEN', -1 FROM new_rows) d JOIN "health_status".persons p ON p.person_id = d.person_id
    GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (region, color, slot) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "health_status".color_counters AS c (region, color, slot, n)
    SELECT p.region, d.color, "health_status".counter_slot(d.person_id), sum(d.n)::int
    FROM (SELECT person_id, color, 1 AS n FROM new_rows UNION ALL SELECT person_id, color, -1 FROM old_rows) d JOIN "health_status".persons p ON p.person_id = d.person_id
    GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (region, color, slot) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO "health_status".color_counters AS c (region, color, slot, n)
    SELECT p.region, d.color, "health_status".counter_slot(d.person_id), sum(d.n)::int
    FROM (SELECT person_id, color, -1 AS n FROM old_rows UNION ALL SELECT person_id, 'GREEN', 1 FROM old_rows) d JOIN "health_status".persons p ON p.person_id = d.person_id
    GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (region, color, slot) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "health_status".count_person_regions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "health_status".color_counters AS c (region, color, slot, n)
    SELECT d.region, coalesce(h.color, 'GREEN'), "health_status".counter_slot(d.person_id), sum(d.n)::int
    FROM (SELECT person_id, region, 1 AS n FROM new_rows) d LEFT JOIN "health_status".health_codes h ON h.person_id = d.person_id
    GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (region, color, slot) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "health_status".color_counters AS c (region, color, slot, n)
    SELECT d.region, coalesce(h.color, 'GREEN'), "health_status".counter_slot(d.person_id), sum(d.n)::int
    FROM (SELECT person_id, region, 1 AS n FROM new_rows UNION ALL SELECT person_id, region, -1 FROM old_rows) d LEFT JOIN "health_status".health_codes h ON h.person_id = d.person_id
    GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (region, color, slot) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO "health_status".color_counters AS c (region, color, slot, n)
    SELECT d.region, coalesce(h.color, 'GREEN'), "health_status".counter_slot(d.person_id), sum(d.n)::int
    FROM (SELECT person_id, region, -1 AS n FROM old_rows) d LEFT JOIN "health_status".health_codes h ON h.person_id = d.person_id
    GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (region, color, slot) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER health_codes_count_insert AFTER INSERT ON "health_status".health_codes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "health_status".count_code_colors();
--> statement-breakpoint
CREATE TRIGGER health_codes_count_update AFTER UPDATE ON "health_status".health_codes
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "health_status".count_code_colors();
--> statement-breakpoint
CREATE TRIGGER health_codes_count_delete AFTER DELETE ON "health_status".health_codes
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "health_status".count_code_colors();
--> statement-breakpoint
CREATE TRIGGER persons_count_insert AFTER INSERT ON "health_status".persons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "health_status".count_person_regions();
--> statement-breakpoint
CREATE TRIGGER persons_count_update AFTER UPDATE ON "health_status".persons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "health_status".count_person_regions();
--> statement-breakpoint
CREATE TRIGGER persons_count_delete AFTER DELETE ON "health_status".persons
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "health_status".count_person_regions();
--> statement-breakpoint
-- Backfill: the residents already there, counted once (the triggers above see only later changes).
INSERT INTO "health_status".color_counters (region, color, slot, n)
SELECT p.region, coalesce(h.color, 'GREEN'), "health_status".counter_slot(p.person_id), count(*)::int
FROM "health_status".persons p LEFT JOIN "health_status".health_codes h ON h.person_id = p.person_id
GROUP BY 1, 2, 3;
