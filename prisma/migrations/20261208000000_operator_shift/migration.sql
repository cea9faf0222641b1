-- The operator's shift (issue 17): placeholders in commands, items scoped by Exchange role,
-- N/A exceptions counted apart from failures, shift start times and the first-run guide.
-- Columns are added in place (no table rebuilds), so large Run tables migrate in moments.

-- Per-server and organisation values that commands name as {{var:NAME}} and {{org:NAME}}.
CREATE TABLE "PlaceholderVariable" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE TABLE "ServerVariable" (
    "serverId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("serverId", "name"),
    CONSTRAINT "ServerVariable_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServerVariable_name_fkey" FOREIGN KEY ("name") REFERENCES "PlaceholderVariable" ("name") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ServerVariable_name_idx" ON "ServerVariable"("name");

-- The Exchange roles a checklist item applies to. Like the item itself, part of a published version.
CREATE TABLE "ChecklistItemRole" (
    "itemId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("itemId", "role"),
    CONSTRAINT "ChecklistItemRole_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ChecklistItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TRIGGER "ChecklistItemRole_no_update" BEFORE UPDATE ON "ChecklistItemRole"
BEGIN SELECT RAISE(ABORT, 'published checklist items are immutable'); END;

ALTER TABLE "Server" ADD COLUMN "storageGroups" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Server" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "Run" ADD COLUMN "failedItems" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "naItems" INTEGER NOT NULL DEFAULT 0;
-- Existing runs: count the current (not corrected) failed results. A required item marked N/A
-- before this release needed no reason and was not an exception, so naItems stays 0 for them.
UPDATE "Run" SET "failedItems" = (
  SELECT COUNT(*) FROM "Result" res
  WHERE res."runId" = "Run"."id" AND res."outcome" = 'FAIL'
    AND NOT EXISTS (SELECT 1 FROM "Result" later WHERE later."supersedesId" = res."id")
) WHERE "hasExceptions";

CREATE INDEX "Result_itemId_recordedAt_idx" ON "Result"("itemId", "recordedAt");

ALTER TABLE "OrganisationSettings" ADD COLUMN "shiftStarts" TEXT NOT NULL DEFAULT '["07:00","15:00","23:00"]';
ALTER TABLE "OrganisationSettings" ADD COLUMN "guideSteps" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "OrganisationSettings" ADD COLUMN "guideDismissedAt" DATETIME;
