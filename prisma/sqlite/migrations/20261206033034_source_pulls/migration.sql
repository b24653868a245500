-- CreateTable
CREATE TABLE "SourcePull" (
    "source" TEXT NOT NULL PRIMARY KEY,
    "watermark" DATETIME,
    "lastRunAt" DATETIME,
    "lastOutcome" TEXT,
    "problem" TEXT,
    "lastError" TEXT,
    "lastCounts" TEXT,
    "lastRecordsAt" DATETIME,
    "newestRecordAt" DATETIME,
    "quietAlertedAt" DATETIME
);

