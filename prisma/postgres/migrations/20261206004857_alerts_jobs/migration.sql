-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Job" (
    "name" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AlertChannel" (
    "key" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertChannel_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "position" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "workflow" TEXT,
    "cohort" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "lastCode" INTEGER,
    "lastError" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertAttempt" (
    "alertId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "code" INTEGER,
    "error" TEXT,

    CONSTRAINT "AlertAttempt_pkey" PRIMARY KEY ("alertId","attempt")
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
    "evaluatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RolloutVerdict_pkey" PRIMARY KEY ("workflow","cohort")
);

-- CreateIndex
CREATE INDEX "Alert_status_nextAttemptAt_idx" ON "Alert"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Alert_createdAt_idx" ON "Alert"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_channel_cause_key" ON "Alert"("channel", "cause");

