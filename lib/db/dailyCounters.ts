/** The counter columns of DailyRollup: ingestion adds to them and the metrics queries sum them. */
export const DAILY_COUNTERS = [
  "outputs",
  "reviews",
  "accepted",
  "lightEdits",
  "heavyEdits",
  "rejected",
  "escalations",
  "agentCompletions",
  "manualCompletions",
  "incidents",
  "feedbackPositive",
  "feedbackNegative",
  "csatResponses",
  "csatSum",
  "csatSumSquares",
] as const;
