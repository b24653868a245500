-- AlterTable (hand-edited: Prisma's diff rebuilt the table, which would copy the whole trail and drop its
-- append-only triggers with the old table; adding the column keeps both).
ALTER TABLE "AuditRecord" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "AuditRecord_action_source_at_idx" ON "AuditRecord"("action", "source", "at");

-- The one update the append-only trail allows (hand-written: Prisma has no triggers): raising the count of an
-- anonymous refusal record, every other column unchanged.
DROP TRIGGER "AuditRecord_no_update";
CREATE TRIGGER "AuditRecord_no_update" BEFORE UPDATE ON "AuditRecord"
WHEN NOT (
  OLD."actorType" = 'anonymous' AND NEW."count" > OLD."count" AND NEW."seq" = OLD."seq" AND NEW."at" = OLD."at"
  AND NEW."actorType" = OLD."actorType" AND NEW."actor" = OLD."actor" AND NEW."action" = OLD."action"
  AND NEW."target" IS OLD."target" AND NEW."source" IS OLD."source" AND NEW."before" IS OLD."before" AND NEW."after" IS OLD."after"
)
BEGIN
  SELECT RAISE(ABORT, 'audit records are append-only');
END;
