-- SQLite-specific objects that Prisma's schema language cannot express. The PostgreSQL
-- equivalents (trigger functions, a tsvector index) belong in that dialect's migrations.

-- Audit events are append-only.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

-- Results are append-only: a correction is a new revision.
CREATE TRIGGER "Result_no_update" BEFORE UPDATE ON "Result"
BEGIN SELECT RAISE(ABORT, 'results are append-only'); END;
CREATE TRIGGER "Result_no_delete" BEFORE DELETE ON "Result"
BEGIN SELECT RAISE(ABORT, 'results are append-only'); END;

-- Published procedure versions and their parts are immutable.
CREATE TRIGGER "ProcedureVersion_no_update" BEFORE UPDATE ON "ProcedureVersion"
BEGIN SELECT RAISE(ABORT, 'procedure versions are immutable'); END;
CREATE TRIGGER "ChecklistItem_no_update" BEFORE UPDATE ON "ChecklistItem"
BEGIN SELECT RAISE(ABORT, 'procedure versions are immutable'); END;
CREATE TRIGGER "ProcedureTool_no_update" BEFORE UPDATE ON "ProcedureTool"
BEGIN SELECT RAISE(ABORT, 'procedure versions are immutable'); END;

-- Full-text index over each procedure's current version (title, purpose, body, checklist text).
-- Maintained by lib/db/dialect.ts whenever a version becomes current.
CREATE VIRTUAL TABLE "ProcedureSearch" USING fts5(
  "procedureId" UNINDEXED,
  "title",
  "purpose",
  "body",
  "items",
  tokenize = 'porter unicode61 remove_diacritics 2'
);
