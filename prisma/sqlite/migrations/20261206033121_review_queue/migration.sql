-- AlterTable
ALTER TABLE "Rollout" ADD COLUMN "reviewDoubleRate" REAL;
ALTER TABLE "Rollout" ADD COLUMN "reviewRate" REAL;

-- CreateTable
CREATE TABLE "OutputContent" (
    "workflow" TEXT NOT NULL,
    "outputId" TEXT NOT NULL,
    "title" TEXT,
    "text" TEXT,
    "link" TEXT,
    "occurredAt" DATETIME NOT NULL,

    PRIMARY KEY ("workflow", "outputId")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "workflow" TEXT NOT NULL,
    "outputId" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "reviewers" INTEGER NOT NULL,

    PRIMARY KEY ("workflow", "outputId")
);

-- CreateTable
CREATE TABLE "ReviewClaim" (
    "workflow" TEXT NOT NULL,
    "outputId" TEXT NOT NULL,
    "reviewer" TEXT NOT NULL,
    "slot" INTEGER,
    "claimedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "reviewedAt" DATETIME,
    "verdict" TEXT,
    "note" TEXT,

    PRIMARY KEY ("workflow", "outputId", "reviewer")
);

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
    "rating" TEXT,
    "score" INTEGER,
    "properties" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiKeyId" TEXT,
    "sampled" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("workflow", "id")
);
INSERT INTO "new_Event" ("actor", "agentVersion", "apiKeyId", "category", "cohort", "day", "durationMs", "errorCategory", "id", "mode", "occurredAt", "outputKind", "properties", "rating", "reason", "receivedAt", "score", "severity", "taskId", "type", "verdict", "workflow") SELECT "actor", "agentVersion", "apiKeyId", "category", "cohort", "day", "durationMs", "errorCategory", "id", "mode", "occurredAt", "outputKind", "properties", "rating", "reason", "receivedAt", "score", "severity", "taskId", "type", "verdict", "workflow" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_workflow_cohort_day_idx" ON "Event"("workflow", "cohort", "day");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OutputContent_occurredAt_idx" ON "OutputContent"("occurredAt");

-- CreateIndex
CREATE INDEX "ReviewItem_workflow_occurredAt_idx" ON "ReviewItem"("workflow", "occurredAt");

-- CreateIndex
CREATE INDEX "ReviewClaim_workflow_reviewedAt_idx" ON "ReviewClaim"("workflow", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewClaim_workflow_outputId_slot_key" ON "ReviewClaim"("workflow", "outputId", "slot");

