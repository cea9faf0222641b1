// The one place that reads process.env. Values are validated once; a bad value stops start-up
// with a message naming the variable.
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, "DATABASE_URL must be a SQLite file URL such as file:./data/opsbook.db")
    .default("file:./data/opsbook.db"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  AUTH_URL: z.string().url().optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  RUN_GENERATION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Reverse proxies in front of the portal whose X-Forwarded-For entry is believed (0: none). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  SEED_DEMO_SERVERS: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** The server's JavaScript heap limit in MB (decision 016); pages stay well under it. */
  SERVER_HEAP_MB: z.coerce.number().int().min(128).max(16_384).default(320),
  /**
   * Logs a warning when the event loop was held this long (ms), naming the requests in progress
   * (scripts/support/stall-watch.mjs); "off" stops the watch.
   */
  STALL_LOG_MS: z.union([z.literal("off"), z.coerce.number().int().min(10).max(600_000)]).default(250),
  /** npm start kills and restarts a server whose event loop has been held this long (s). */
  WATCHDOG_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  /** Serves /bench/floor and /api/bench/floor, the framework floor the benchmark compares with. */
  BENCH_ENDPOINTS: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse({
    NODE_ENV: process.env.NODE_ENV,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    AUTH_SECRET: process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET || undefined,
    AUTH_URL: process.env.AUTH_URL || process.env.NEXTAUTH_URL || undefined,
    SESSION_MAX_AGE_HOURS: process.env.SESSION_MAX_AGE_HOURS || undefined,
    SESSION_IDLE_MINUTES: process.env.SESSION_IDLE_MINUTES || undefined,
    RUN_GENERATION_INTERVAL_MINUTES: process.env.RUN_GENERATION_INTERVAL_MINUTES || undefined,
    LOG_LEVEL: process.env.LOG_LEVEL || undefined,
    PORT: process.env.PORT || undefined,
    HOST: process.env.HOST || undefined,
    TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS || undefined,
    SEED_DEMO_SERVERS: process.env.SEED_DEMO_SERVERS || undefined,
    SERVER_HEAP_MB: process.env.SERVER_HEAP_MB || undefined,
    STALL_LOG_MS: process.env.STALL_LOG_MS?.trim().toLowerCase() || undefined,
    WATCHDOG_SECONDS: process.env.WATCHDOG_SECONDS || undefined,
    BENCH_ENDPOINTS: process.env.BENCH_ENDPOINTS || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Absolute path of the SQLite database file named by DATABASE_URL (relative to the working directory). */
export function databaseFile(url: string = env().DATABASE_URL): string {
  const raw = url.replace(/^file:/, "").split("?")[0]!;
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
}
