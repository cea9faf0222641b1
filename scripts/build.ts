// `npm run build`: the production build, with no database needed. Every page is rendered per
// request (app/layout.tsx), so the build reads no data and is the same whatever the database holds;
// one build can be copied to several machines. It records the sources' hash, so `npm start` on
// the same sources serves this build instead of building again.
import { buildApp } from "./support/build-stamp";

buildApp(process.cwd(), { purpose: "npm run build", always: true, log: (line) => console.log(line) })
  .then(() => console.log("Opsbook: build complete; `npm start` serves it without building again."))
  .catch((error: unknown) => {
    console.error(`Opsbook: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
