-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "rating" TEXT,
ADD COLUMN     "score" INTEGER;

-- AlterTable
ALTER TABLE "DailyRollup" ADD COLUMN     "csatResponses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "csatSum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "csatSumSquares" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "feedbackNegative" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "feedbackPositive" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Source" (
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "DirectoryMap" (
    "column" TEXT NOT NULL,
    "cohorts" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectoryMap_pkey" PRIMARY KEY ("column")
);

-- CreateTable
CREATE TABLE "DirectoryMember" (
    "person" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "cohort" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "DirectoryMember_pkey" PRIMARY KEY ("person","since")
);

-- CreateTable
CREATE TABLE "SourceImport" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT,
    "actor" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "counts" TEXT,

    CONSTRAINT "SourceImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourceImport_startedAt_idx" ON "SourceImport"("startedAt");

