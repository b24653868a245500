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
CREATE TABLE "new_DailyRollup" (
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
    "lastEventAt" DATETIME NOT NULL,
    "feedbackPositive" INTEGER NOT NULL DEFAULT 0,
    "feedbackNegative" INTEGER NOT NULL DEFAULT 0,
    "csatResponses" INTEGER NOT NULL DEFAULT 0,
    "sampledReviews" INTEGER NOT NULL DEFAULT 0,
    "sampledAccepted" INTEGER NOT NULL DEFAULT 0,
    "sampledLightEdits" INTEGER NOT NULL DEFAULT 0,
    "sampledHeavyEdits" INTEGER NOT NULL DEFAULT 0,
    "sampledRejected" INTEGER NOT NULL DEFAULT 0,
    "csatSum" INTEGER NOT NULL DEFAULT 0,
    "csatSumSquares" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("workflow", "cohort", "day", "agentVersion")
);
INSERT INTO "new_DailyRollup" ("accepted", "agentCompletions", "agentVersion", "cohort", "csatResponses", "csatSum", "csatSumSquares", "day", "escalations", "feedbackNegative", "feedbackPositive", "heavyEdits", "incidents", "lastEventAt", "lightEdits", "manualCompletions", "outputs", "rejected", "reviews", "workflow") SELECT "accepted", "agentCompletions", "agentVersion", "cohort", "csatResponses", "csatSum", "csatSumSquares", "day", "escalations", "feedbackNegative", "feedbackPositive", "heavyEdits", "incidents", "lastEventAt", "lightEdits", "manualCompletions", "outputs", "rejected", "reviews", "workflow" FROM "DailyRollup";
DROP TABLE "DailyRollup";
ALTER TABLE "new_DailyRollup" RENAME TO "DailyRollup";
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

