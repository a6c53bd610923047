-- Declarations per day kept by statement-level triggers with transition tables on the versions:
-- a version counts while it is current (not superseded), so a new version of a day moves nothing
-- and a changed `normal` moves only the abnormal count. One aggregated upsert per statement, rows in
-- key order; striped by the person's hash (see the table's comment).
CREATE OR REPLACE FUNCTION "declarations".counter_slot(person uuid) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (hashtext(person::text) & 15)::smallint $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "declarations".count_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "declarations".day_counters AS c (local_date, slot, declared, abnormal)
    SELECT d.local_date, "declarations".counter_slot(d.person_id), sum(d.n)::int, sum(CASE WHEN d.normal THEN 0 ELSE d.n END)::int
    FROM (SELECT person_id, local_date, normal, 1 AS n FROM new_rows WHERE superseded_at IS NULL) d
    GROUP BY 1, 2 HAVING sum(d.n) <> 0 OR sum(CASE WHEN d.normal THEN 0 ELSE d.n END) <> 0 ORDER BY 1, 2
    ON CONFLICT (local_date, slot) DO UPDATE SET declared = c.declared + excluded.declared, abnormal = c.abnormal + excluded.abnormal;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "declarations".day_counters AS c (local_date, slot, declared, abnormal)
    SELECT d.local_date, "declarations".counter_slot(d.person_id), sum(d.n)::int, sum(CASE WHEN d.normal THEN 0 ELSE d.n END)::int
    FROM (SELECT person_id, local_date, normal, 1 AS n FROM new_rows WHERE superseded_at IS NULL UNION ALL SELECT person_id, local_date, normal, -1 AS n FROM old_rows WHERE superseded_at IS NULL) d
    GROUP BY 1, 2 HAVING sum(d.n) <> 0 OR sum(CASE WHEN d.normal THEN 0 ELSE d.n END) <> 0 ORDER BY 1, 2
    ON CONFLICT (local_date, slot) DO UPDATE SET declared = c.declared + excluded.declared, abnormal = c.abnormal + excluded.abnormal;
  ELSE
    INSERT INTO "declarations".day_counters AS c (local_date, slot, declared, abnormal)
    SELECT d.local_date, "declarations".counter_slot(d.person_id), sum(d.n)::int, sum(CASE WHEN d.normal THEN 0 ELSE d.n END)::int
    FROM (SELECT person_id, local_date, normal, -1 AS n FROM old_rows WHERE superseded_at IS NULL) d
    GROUP BY 1, 2 HAVING sum(d.n) <> 0 OR sum(CASE WHEN d.normal THEN 0 ELSE d.n END) <> 0 ORDER BY 1, 2
    ON CONFLICT (local_date, slot) DO UPDATE SET declared = c.declared + excluded.declared, abnormal = c.abnormal + excluded.abnormal;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER declaration_versions_count_insert AFTER INSERT ON "declarations".declaration_versions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "declarations".count_days();
--> statement-breakpoint
CREATE TRIGGER declaration_versions_count_update AFTER UPDATE ON "declarations".declaration_versions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "declarations".count_days();
--> statement-breakpoint
CREATE TRIGGER declaration_versions_count_delete AFTER DELETE ON "declarations".declaration_versions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "declarations".count_days();
--> statement-breakpoint
-- Backfill: the declarations already there, counted once.
INSERT INTO "declarations".day_counters (local_date, slot, declared, abnormal)
SELECT local_date, "declarations".counter_slot(person_id), count(*)::int, (count(*) FILTER (WHERE NOT normal))::int
FROM "declarations".declaration_versions WHERE superseded_at IS NULL
GROUP BY 1, 2;
