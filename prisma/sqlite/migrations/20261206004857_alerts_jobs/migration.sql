-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Job" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "nextRunAt" DATETIME NOT NULL,
    "lastRunAt" DATETIME,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "AlertChannel" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "definition" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "definition" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "workflow" TEXT,
    "cohort" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "lastCode" INTEGER,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "AlertAttempt" (
    "alertId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "code" INTEGER,
    "error" TEXT,

    PRIMARY KEY ("alertId", "attempt")
);

-- CreateTable
CREATE TABLE "RolloutVerdict" (
    "workflow" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "regressions" TEXT NOT NULL,
    "events" BIGINT NOT NULL,
    "week" TEXT NOT NULL,
    "changes" INTEGER NOT NULL DEFAULT 0,
    "evaluatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("workflow", "cohort")
);

-- CreateIndex
CREATE INDEX "Alert_status_nextAttemptAt_idx" ON "Alert"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Alert_createdAt_idx" ON "Alert"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_channel_cause_key" ON "Alert"("channel", "cause");

