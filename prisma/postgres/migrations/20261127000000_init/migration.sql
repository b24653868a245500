-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Workflow" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "businessOwner" TEXT NOT NULL,
    "technicalOwner" TEXT NOT NULL,
    "successMetric" TEXT NOT NULL,
    "failureMode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workflow_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Cohort" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "size" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cohort_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Rollout" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "startedAt" TEXT,
    "baselineCycleTimeP50Ms" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rollout_pkey" PRIMARY KEY ("workflow","cohort")
);

-- CreateTable
CREATE TABLE "GateTemplate" (
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GateTemplate_pkey" PRIMARY KEY ("key","version")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "workflows" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "day" TEXT NOT NULL,
    "actor" TEXT,
    "agentVersion" TEXT NOT NULL DEFAULT '',
    "outputKind" TEXT,
    "verdict" TEXT,
    "errorCategory" TEXT,
    "reason" TEXT,
    "mode" TEXT,
    "durationMs" BIGINT,
    "category" TEXT,
    "severity" INTEGER,
    "properties" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiKeyId" TEXT,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyRollup" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "outputs" INTEGER NOT NULL DEFAULT 0,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "lightEdits" INTEGER NOT NULL DEFAULT 0,
    "heavyEdits" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "agentCompletions" INTEGER NOT NULL DEFAULT 0,
    "manualCompletions" INTEGER NOT NULL DEFAULT 0,
    "incidents" INTEGER NOT NULL DEFAULT 0,
    "lastEventAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyRollup_pkey" PRIMARY KEY ("workflow","cohort","day","agentVersion")
);

-- CreateTable
CREATE TABLE "CategoryRollup" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CategoryRollup_pkey" PRIMARY KEY ("workflow","cohort","day","agentVersion","source","category","severity")
);

-- CreateTable
CREATE TABLE "DurationRollup" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DurationRollup_pkey" PRIMARY KEY ("workflow","cohort","day","agentVersion","mode","bucket")
);

-- CreateTable
CREATE TABLE "DurationWeek" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DurationWeek_pkey" PRIMARY KEY ("workflow","cohort","week","agentVersion","mode","bucket")
);

-- CreateTable
CREATE TABLE "ManualBaseline" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ManualBaseline_pkey" PRIMARY KEY ("workflow","cohort","bucket")
);

-- CreateTable
CREATE TABLE "Task" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "startDay" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "escalations" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("workflow","cohort","taskId")
);

-- CreateTable
CREATE TABLE "TaskDay" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "tasks" INTEGER NOT NULL DEFAULT 0,
    "escalatedTasks" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TaskDay_pkey" PRIMARY KEY ("workflow","cohort","day","agentVersion")
);

-- CreateTable
CREATE TABLE "ActorDay" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "actor" TEXT NOT NULL,

    CONSTRAINT "ActorDay_pkey" PRIMARY KEY ("workflow","cohort","day","agentVersion","actor")
);

-- CreateTable
CREATE TABLE "ActorWeek" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "actor" TEXT NOT NULL,

    CONSTRAINT "ActorWeek_pkey" PRIMARY KEY ("workflow","cohort","week","agentVersion","actor")
);

-- CreateTable
CREATE TABLE "ChecklistItem" (
    "workflow" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "owner" TEXT,
    "evidence" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChecklistItem_pkey" PRIMARY KEY ("workflow","item")
);

-- CreateTable
CREATE TABLE "ChecklistChange" (
    "id" TEXT NOT NULL,
    "workflow" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "owner" TEXT,
    "evidence" TEXT,
    "changedBy" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChecklistChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "templateKey" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "override" TEXT,
    "computedVerdict" TEXT NOT NULL,
    "fromPhase" TEXT NOT NULL,
    "toPhase" TEXT,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "snapshot" TEXT NOT NULL,
    "snapshotSha256" TEXT NOT NULL,
    "supersedesId" TEXT,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_name_key" ON "ApiKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");

-- CreateIndex
CREATE INDEX "Event_workflow_cohort_day_idx" ON "Event"("workflow", "cohort", "day");

-- CreateIndex
CREATE INDEX "Task_workflow_cohort_startDay_idx" ON "Task"("workflow", "cohort", "startDay");

-- CreateIndex
CREATE INDEX "ChecklistChange_workflow_item_changedAt_idx" ON "ChecklistChange"("workflow", "item", "changedAt");

-- CreateIndex
CREATE INDEX "Decision_workflow_cohort_decidedAt_idx" ON "Decision"("workflow", "cohort", "decidedAt");


-- TaskDay follows Task (hand-written: Prisma has no triggers). An update moves a task's count only when its start
-- day, agent version or escalated state changed.
CREATE FUNCTION "task_day_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    UPDATE "TaskDay" SET "tasks" = "tasks" - 1, "escalatedTasks" = "escalatedTasks" - (OLD."escalations" > 0)::int
    WHERE "workflow" = OLD."workflow" AND "cohort" = OLD."cohort" AND "day" = OLD."startDay" AND "agentVersion" = OLD."agentVersion";
  END IF;
  INSERT INTO "TaskDay" ("workflow", "cohort", "day", "agentVersion", "tasks", "escalatedTasks")
  VALUES (NEW."workflow", NEW."cohort", NEW."startDay", NEW."agentVersion", 1, (NEW."escalations" > 0)::int)
  ON CONFLICT ("workflow", "cohort", "day", "agentVersion") DO UPDATE SET
    "tasks" = "TaskDay"."tasks" + excluded."tasks", "escalatedTasks" = "TaskDay"."escalatedTasks" + excluded."escalatedTasks";
  RETURN NULL;
END $$;

CREATE TRIGGER "Task_count_insert" AFTER INSERT ON "Task" FOR EACH ROW EXECUTE FUNCTION "task_day_count"();

CREATE TRIGGER "Task_count_update" AFTER UPDATE ON "Task" FOR EACH ROW
WHEN (OLD."startDay" <> NEW."startDay" OR OLD."agentVersion" <> NEW."agentVersion" OR (OLD."escalations" > 0) <> (NEW."escalations" > 0))
EXECUTE FUNCTION "task_day_count"();
