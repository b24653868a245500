-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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

