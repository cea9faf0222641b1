-- Each schedule remembers the kind of rule it was made with, so that the rules that follow the
-- organisation's business days ("every business day", "last business day of the month") can be
-- compiled again when the business days change.
ALTER TABLE "Schedule" ADD COLUMN "ruleKind" TEXT NOT NULL DEFAULT 'CUSTOM';

-- Existing schedules: read the kind back from the stored rule, as the schedule form did. A
-- business-day rule was compiled with the business days of its time: today's, or Monday to
-- Friday (the default, and the only days the seed and the form ever used before they changed).
UPDATE "Schedule" SET "ruleKind" = CASE
  WHEN "holidayPolicy" = 'NONE' AND "rrule" = 'FREQ=DAILY' THEN 'DAILY'
  WHEN "holidayPolicy" = 'SKIP' AND (
       "rrule" = 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR'
    OR "rrule" = 'FREQ=DAILY;BYDAY=' || (
         SELECT group_concat(code, ',') FROM (
           SELECT CASE CAST(value AS INTEGER) WHEN 1 THEN 'MO' WHEN 2 THEN 'TU' WHEN 3 THEN 'WE' WHEN 4 THEN 'TH'
                  WHEN 5 THEN 'FR' WHEN 6 THEN 'SA' WHEN 7 THEN 'SU' END AS code
           FROM "OrganisationSettings" s, json_each(CASE WHEN json_valid(s."businessDays") THEN s."businessDays" ELSE '[]' END)
           WHERE s."id" = 1 ORDER BY CAST(value AS INTEGER))))
    THEN 'BUSINESS_DAYS'
  WHEN "holidayPolicy" = 'PREVIOUS_BUSINESS_DAY' AND (
       "rrule" = 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'
    OR "rrule" = 'FREQ=MONTHLY;BYDAY=' || (
         SELECT group_concat(code, ',') FROM (
           SELECT CASE CAST(value AS INTEGER) WHEN 1 THEN 'MO' WHEN 2 THEN 'TU' WHEN 3 THEN 'WE' WHEN 4 THEN 'TH'
                  WHEN 5 THEN 'FR' WHEN 6 THEN 'SA' WHEN 7 THEN 'SU' END AS code
           FROM "OrganisationSettings" s, json_each(CASE WHEN json_valid(s."businessDays") THEN s."businessDays" ELSE '[]' END)
           WHERE s."id" = 1 ORDER BY CAST(value AS INTEGER))) || ';BYSETPOS=-1')
    THEN 'LAST_BUSINESS_DAY'
  WHEN "holidayPolicy" = 'NONE' AND "rrule" GLOB 'FREQ=WEEKLY;INTERVAL=[1-9]*;BYDAY=*;WKST=MO' THEN 'WEEKLY'
  WHEN "holidayPolicy" = 'NONE' AND ("rrule" GLOB 'FREQ=MONTHLY;BYMONTHDAY=[1-9]' OR "rrule" GLOB 'FREQ=MONTHLY;BYMONTHDAY=[12][0-9]'
    OR "rrule" GLOB 'FREQ=MONTHLY;BYMONTHDAY=28,*;BYSETPOS=-1') THEN 'MONTHLY_DAY'
  WHEN "holidayPolicy" = 'NONE' AND ("rrule" GLOB 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=[1-9]' OR "rrule" GLOB 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=[12][0-9]'
    OR "rrule" GLOB 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,*;BYSETPOS=-1') THEN 'QUARTERLY'
  WHEN "holidayPolicy" = 'NONE' AND ("rrule" GLOB 'FREQ=MONTHLY;BYDAY=[1-4][A-Z][A-Z]' OR "rrule" GLOB 'FREQ=MONTHLY;BYDAY=-1[A-Z][A-Z]') THEN 'MONTHLY_WEEKDAY'
  ELSE 'CUSTOM'
END;
