-- Exchange 2007 library corrections (issue 18): limits that depend on the organisation's size,
-- the limits each result was judged against, MOF management reviews, and library corrections
-- offered as drafts. Columns only; no table is rebuilt and no guard trigger changes.
ALTER TABLE "OrganisationSettings" ADD COLUMN "mailboxUsers" TEXT NOT NULL DEFAULT 'UNDER_500';
ALTER TABLE "ChecklistItem" ADD COLUMN "limitsByMailboxUsers" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Result" ADD COLUMN "limitMin" REAL;
ALTER TABLE "Result" ADD COLUMN "limitMax" REAL;
ALTER TABLE "ProcedureVersion" ADD COLUMN "managementReview" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ProcedureDraft" ADD COLUMN "libraryNote" TEXT NOT NULL DEFAULT '';
