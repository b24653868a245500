-- CreateTable
CREATE TABLE "SourcePull" (
    "source" TEXT NOT NULL,
    "watermark" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "lastOutcome" TEXT,
    "problem" TEXT,
    "lastError" TEXT,
    "lastCounts" TEXT,
    "lastRecordsAt" TIMESTAMP(3),
    "newestRecordAt" TIMESTAMP(3),
    "quietAlertedAt" TIMESTAMP(3),

    CONSTRAINT "SourcePull_pkey" PRIMARY KEY ("source")
);

