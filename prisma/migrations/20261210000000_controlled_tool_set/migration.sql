-- The controlled standard tool set (issue 19): where each tool must be, its approved versions, its
-- source and owner, each server's deployment record, and the catalogue change a change record
-- carries. Columns and new tables only; no table is rebuilt and no guard trigger changes.
ALTER TABLE "Tool" ADD COLUMN "placement" TEXT NOT NULL DEFAULT 'NONE';
ALTER TABLE "Tool" ADD COLUMN "requiredRoles" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Tool" ADD COLUMN "versioning" TEXT NOT NULL DEFAULT 'OWN';
ALTER TABLE "Tool" ADD COLUMN "source" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Tool" ADD COLUMN "owner" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Tool" ADD COLUMN "retiredAt" DATETIME;
ALTER TABLE "Server" ADD COLUMN "exchangeBuild" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ToolVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "toolId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changeId" INTEGER,
    CONSTRAINT "ToolVersion_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ToolDeployment" (
    "serverId" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL,
    "installedVersion" TEXT NOT NULL DEFAULT '',
    "verifiedAt" DATETIME NOT NULL,
    "verifiedById" TEXT NOT NULL,
    "runId" TEXT,

    PRIMARY KEY ("serverId", "toolId"),
    CONSTRAINT "ToolDeployment_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ToolDeployment_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ToolDeployment_verifiedById_fkey" FOREIGN KEY ("verifiedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ToolChange" (
    "changeId" INTEGER NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "toolId" TEXT,
    "version" TEXT NOT NULL DEFAULT '',
    "proposal" TEXT NOT NULL DEFAULT '{}',
    "appliedAt" DATETIME,
    CONSTRAINT "ToolChange_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "Change" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ToolChange_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ToolVersion_toolId_version_key" ON "ToolVersion"("toolId", "version");

-- CreateIndex
CREATE INDEX "ToolDeployment_toolId_idx" ON "ToolDeployment"("toolId");

-- CreateIndex
CREATE INDEX "ToolChange_toolId_idx" ON "ToolChange"("toolId");
