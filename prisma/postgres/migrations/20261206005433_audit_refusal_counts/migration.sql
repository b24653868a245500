-- AlterTable
ALTER TABLE "AuditRecord" ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "AuditRecord_action_source_at_idx" ON "AuditRecord"("action", "source", "at");


-- The one update the append-only trail allows (hand-written: Prisma has no triggers): raising the count of an
-- anonymous refusal record, every other column unchanged. DELETE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION "audit_record_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested: OLD and NEW exist only for row-level UPDATE (TRUNCATE is a statement trigger).
  IF TG_OP = 'UPDATE' THEN
    IF OLD."actorType" = 'anonymous' AND NEW."count" > OLD."count"
       AND (NEW."seq", NEW."at", NEW."actorType", NEW."actor", NEW."action", NEW."target", NEW."source", NEW."before", NEW."after")
           IS NOT DISTINCT FROM (OLD."seq", OLD."at", OLD."actorType", OLD."actor", OLD."action", OLD."target", OLD."source", OLD."before", OLD."after") THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit records are append-only';
END;
$$;
