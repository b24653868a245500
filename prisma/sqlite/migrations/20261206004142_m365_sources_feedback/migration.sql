-- AlterTable
ALTER TABLE "Event" ADD COLUMN "rating" TEXT;
ALTER TABLE "Event" ADD COLUMN "score" INTEGER;

-- CreateTable
CREATE TABLE "Source" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DirectoryMap" (
    "column" TEXT NOT NULL PRIMARY KEY,
    "cohorts" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DirectoryMember" (
    "person" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "cohort" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    PRIMARY KEY ("person", "since")
);

-- CreateTable
CREATE TABLE "SourceImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT,
    "actor" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "counts" TEXT
);

-- AlterTable (added in place: Prisma would copy the whole table to append columns)
ALTER TABLE "DailyRollup" ADD COLUMN "feedbackPositive" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollup" ADD COLUMN "feedbackNegative" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollup" ADD COLUMN "csatResponses" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollup" ADD COLUMN "csatSum" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollup" ADD COLUMN "csatSumSquares" INTEGER NOT NULL DEFAULT 0;


-- CreateIndex
CREATE INDEX "SourceImport_startedAt_idx" ON "SourceImport"("startedAt");

