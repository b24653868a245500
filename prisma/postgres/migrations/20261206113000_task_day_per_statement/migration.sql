-- TaskDay follows Task once per statement instead of once per row. Ingestion upserts a group's tasks in one
-- statement; the row trigger ran an upsert of the same few TaskDay rows once per task in it, which made it one of
-- the largest costs of a write on the server. The statement triggers add each day's change once, from the
-- statement's transition tables. An update moves a task's count only when its start day, agent version or
-- escalated state changed, as before.
DROP TRIGGER "Task_count_insert" ON "Task";
DROP TRIGGER "Task_count_update" ON "Task";
DROP FUNCTION "task_day_count"();

CREATE FUNCTION "task_day_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TaskDay" ("workflow", "cohort", "day", "agentVersion", "tasks", "escalatedTasks")
  SELECT "workflow", "cohort", "startDay", "agentVersion", count(*), count(*) FILTER (WHERE "escalations" > 0)
  FROM "new_tasks" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("workflow", "cohort", "day", "agentVersion") DO UPDATE SET
    "tasks" = "TaskDay"."tasks" + excluded."tasks", "escalatedTasks" = "TaskDay"."escalatedTasks" + excluded."escalatedTasks";
  RETURN NULL;
END $$;

CREATE FUNCTION "task_day_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH "moved" AS (
    SELECT o."workflow", o."cohort", o."startDay" AS "oldDay", o."agentVersion" AS "oldVersion", (o."escalations" > 0)::int AS "wasEscalated",
           n."startDay" AS "newDay", n."agentVersion" AS "newVersion", (n."escalations" > 0)::int AS "isEscalated"
    FROM "old_tasks" o JOIN "new_tasks" n USING ("workflow", "cohort", "taskId")
    WHERE o."startDay" <> n."startDay" OR o."agentVersion" <> n."agentVersion" OR (o."escalations" > 0) <> (n."escalations" > 0)
  ), "changes" AS (
    SELECT "workflow", "cohort", "oldDay" AS "day", "oldVersion" AS "agentVersion", -1 AS "tasks", -"wasEscalated" AS "escalated" FROM "moved"
    UNION ALL
    SELECT "workflow", "cohort", "newDay", "newVersion", 1, "isEscalated" FROM "moved"
  )
  INSERT INTO "TaskDay" ("workflow", "cohort", "day", "agentVersion", "tasks", "escalatedTasks")
  SELECT "workflow", "cohort", "day", "agentVersion", sum("tasks"), sum("escalated") FROM "changes"
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("workflow", "cohort", "day", "agentVersion") DO UPDATE SET
    "tasks" = "TaskDay"."tasks" + excluded."tasks", "escalatedTasks" = "TaskDay"."escalatedTasks" + excluded."escalatedTasks";
  RETURN NULL;
END $$;

CREATE TRIGGER "Task_count_insert" AFTER INSERT ON "Task" REFERENCING NEW TABLE AS "new_tasks"
FOR EACH STATEMENT EXECUTE FUNCTION "task_day_inserted"();

CREATE TRIGGER "Task_count_update" AFTER UPDATE ON "Task" REFERENCING OLD TABLE AS "old_tasks" NEW TABLE AS "new_tasks"
FOR EACH STATEMENT EXECUTE FUNCTION "task_day_updated"();
