-- AlterTable
ALTER TABLE "Rollout" ADD COLUMN     "reviewDoubleRate" DOUBLE PRECISION,
ADD COLUMN     "reviewRate" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "sampled" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "DailyRollup" ADD COLUMN     "sampledAccepted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sampledHeavyEdits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sampledLightEdits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sampledRejected" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sampledReviews" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "OutputContent" (
    "workflow" TEXT NOT NULL,
    "outputId" TEXT NOT NULL,
    "title" TEXT,
    "text" TEXT,
    "link" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutputContent_pkey" PRIMARY KEY ("workflow","outputId")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "workflow" TEXT NOT NULL,
    "outputId" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "reviewers" INTEGER NOT NULL,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("workflow","outputId")
);

-- CreateTable
CREATE TABLE "ReviewClaim" (
    "workflow" TEXT NOT NULL,
    "outputId" TEXT NOT NULL,
    "reviewer" TEXT NOT NULL,
    "slot" INTEGER,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "reviewedAt" TIMESTAMP(3),
    "verdict" TEXT,
    "note" TEXT,

    CONSTRAINT "ReviewClaim_pkey" PRIMARY KEY ("workflow","outputId","reviewer")
);

-- CreateIndex
CREATE INDEX "OutputContent_occurredAt_idx" ON "OutputContent"("occurredAt");

-- CreateIndex
CREATE INDEX "ReviewItem_workflow_occurredAt_idx" ON "ReviewItem"("workflow", "occurredAt");

-- CreateIndex
CREATE INDEX "ReviewClaim_workflow_reviewedAt_idx" ON "ReviewClaim"("workflow", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewClaim_workflow_outputId_slot_key" ON "ReviewClaim"("workflow", "outputId", "slot");

