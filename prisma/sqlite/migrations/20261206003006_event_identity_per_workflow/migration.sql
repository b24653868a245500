-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
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
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiKeyId" TEXT,

    PRIMARY KEY ("workflow", "id")
);
INSERT INTO "new_Event" ("actor", "agentVersion", "apiKeyId", "category", "cohort", "day", "durationMs", "errorCategory", "id", "mode", "occurredAt", "outputKind", "properties", "reason", "receivedAt", "severity", "taskId", "type", "verdict", "workflow") SELECT "actor", "agentVersion", "apiKeyId", "category", "cohort", "day", "durationMs", "errorCategory", "id", "mode", "occurredAt", "outputKind", "properties", "reason", "receivedAt", "severity", "taskId", "type", "verdict", "workflow" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_workflow_cohort_day_idx" ON "Event"("workflow", "cohort", "day");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

