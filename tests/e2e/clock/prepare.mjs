// Gives a freshly migrated database the organisation's time zone before the portal first starts,
// as an administrator would on day one: `node tests/e2e/clock/prepare.mjs <IANA zone>` with
// DATABASE_URL set. The seed then makes the default schedules in that zone.
import Database from "better-sqlite3";

const zone = process.argv[2];
const url = process.env.DATABASE_URL ?? "";
if (!zone || !url.startsWith("file:")) {
  console.error("Usage: DATABASE_URL=file:… node tests/e2e/clock/prepare.mjs <time zone>");
  process.exit(2);
}
const db = new Database(url.slice("file:".length), { fileMustExist: true });
db.prepare(
  `INSERT INTO "OrganisationSettings" (id, name, timeZone, updatedAt) VALUES (1, 'Opsbook', ?, ?)
   ON CONFLICT (id) DO UPDATE SET timeZone = excluded.timeZone, updatedAt = excluded.updatedAt`,
).run(zone, new Date().toISOString().replace("Z", "+00:00"));
db.close();
