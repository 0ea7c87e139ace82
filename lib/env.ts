import { z } from "zod";

/**
 * The environment, validated once. Empty strings count as unset (a blank line in .env must not
 * override a default), defaults make a fresh clone run, and a bad value stops start-up with a message
 * naming the variable. Imported by next.config.ts, so a bad environment also fails the build.
 */

const unset = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());
// prefault, not default: zod 4's .default() hands back the fallback as it is, skipping the schema's
// transform, so a "false" fallback would come out as the (truthy) string "false".
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(unset, schema.prefault(fallback as never));

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** "a, b,c" as ["a", "b", "c"], each checked by `items`. */
const commaList = <T extends z.ZodType<unknown, string[]>>(items: T) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(items);
const booleanString = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

export const envSchema = z
  .object({
    NODE_ENV: withDefault(z.enum(["development", "production", "test"]), "development"),
    /** PostgreSQL 15+. Unset: `npm start` / `npm test` run an embedded server with its data in DATA_DIR. */
    DATABASE_URL: optional(postgresUrl),
    /** Where the embedded database, the local outbox and generated secrets live. */
    DATA_DIR: withDefault(z.string(), ".data"),
    PORT: withDefault(z.coerce.number().int().min(1).max(65535), 3000),
    /** The public address of the app, used in links inside emails and feeds. */
    APP_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" })),
    /** Load the default papers (prisma/seed/) into an empty database at start-up. */
    SEED_ON_EMPTY: withDefault(booleanString, "true"),
    /** Set when a reverse proxy in front of the app sets X-Forwarded-For; otherwise the header is ignored. */
    TRUST_PROXY: withDefault(booleanString, "false"),
    /** Web server processes (one per core by default): each serves requests and keeps its own page cache. */
    WEB_CONCURRENCY: optional(z.coerce.number().int().min(1).max(64)),
    /** Serve Prometheus metrics at /metrics on this port (unset: no metrics). Keep it private. */
    METRICS_PORT: optional(z.coerce.number().int().min(1).max(65535)),
    /** The address the metrics port listens on: this machine only unless set. */
    METRICS_HOST: withDefault(z.string().min(1), "127.0.0.1"),
    /** Log every request, one line each (method, path, status, duration, request id). */
    ACCESS_LOG: withDefault(booleanString, "false"),
    /** Memory for shared copies of pages, per web server process, in MB (0 turns the page cache off). */
    PAGE_CACHE_MB: withDefault(z.coerce.number().int().min(0).max(65_536), 256),

    /** Signs session cookies and hashes sign-in tokens. Unset on a developer machine: generated under DATA_DIR. */
    NEXTAUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (try `openssl rand -base64 32`)")),
    /**
     * Opens the operator's pages (the local mailbox, the digest preview) in a browser, through
     * /operator?key=...; at least 32 characters. Unset: generated once and kept in DATA_DIR/operator-key,
     * and `npm start` prints the link.
     */
    OPERATOR_KEY: optional(z.string().min(32, "must be at least 32 characters (try `openssl rand -base64 32`)")),
    /** Outgoing mail. Unset: mail is written to a local outbox under DATA_DIR, readable at /dev/mailbox. */
    SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })),
    EMAIL_FROM: withDefault(z.string().min(3), "Daily Papers <papers@localhost>"),
    GITHUB_ID: optional(z.string()),
    GITHUB_SECRET: optional(z.string()),
    HUGGINGFACE_CLIENT_ID: optional(z.string()),
    HUGGINGFACE_CLIENT_SECRET: optional(z.string()),

    /** arXiv's Atom API (paper submission and `npm run import -- --arxiv`). Tests point it at a local server. */
    ARXIV_API_URL: withDefault(
      z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }),
      "https://export.arxiv.org/api/query",
    ),
    /** Pause between two requests to arXiv's API, which asks for three seconds. */
    ARXIV_REQUEST_INTERVAL_MS: withDefault(z.coerce.number().int().min(0).max(60_000), 3_000),

    /**
     * Scheduled ingestion (the worker): a cron expression in UTC, e.g. "30 1 * * *" (after arXiv's
     * announcement at 20:00 US Eastern). Unset: nothing is fetched by itself (a fresh clone's demo data
     * stays as it is); `npm run import` works either way.
     */
    INGEST_CRON: optional(z.string().regex(/^(\S+\s+){4}\S+$/, "must be a cron expression of five fields, e.g. 30 1 * * *")),
    /** Which sources the schedule fetches, comma-separated: hf-daily (Hugging Face's daily list), arxiv. */
    INGEST_SOURCES: withDefault(commaList(z.array(z.enum(["hf-daily", "arxiv"]))), "hf-daily,arxiv"),
    /** Hugging Face's daily papers API (`?date=YYYY-MM-DD`). Tests point it at a local server. */
    HF_DAILY_PAPERS_URL: withDefault(
      z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }),
      "https://huggingface.co/api/daily_papers",
    ),
    /** arXiv categories the schedule harvests, comma-separated. */
    INGEST_ARXIV_CATEGORIES: withDefault(
      commaList(z.array(z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, "must be arXiv categories such as cs.LG")).min(1)),
      "cs.LG,cs.CL,cs.CV,cs.AI",
    ),
    /** Papers one scheduled arXiv harvest brings in at most (the next run goes on from there). */
    INGEST_ARXIV_MAX: withDefault(z.coerce.number().int().min(1).max(10_000), 1_000),

    /** Run the digest worker inside `npm start` (set false when `npm run worker` runs elsewhere). */
    RUN_WORKER: withDefault(booleanString, "true"),
    /** Local hour (0-23) at which the daily digest (and, on Mondays, the weekly one) is sent... */
    DIGEST_HOUR: withDefault(z.coerce.number().int().min(0).max(23), 7),
    /** ...in this IANA time zone. */
    DIGEST_TIME_ZONE: withDefault(z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Paris or UTC"), "UTC"),
    /** Papers per digest. */
    DIGEST_SIZE: withDefault(z.coerce.number().int().min(1).max(50), 10),
    /** How long a worker's claim on a delivery holds before another worker may take it over. */
    DIGEST_LEASE_SECONDS: withDefault(z.coerce.number().int().min(1).max(3600), 300),
    /** Signed-in users (by email, comma-separated) who may open the digest preview from anywhere. */
    ADMIN_EMAILS: withDefault(
      z.string().transform((value) =>
        value
          .split(",")
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      ),
      "",
    ),
  })
  .superRefine((value, context) => {
    for (const [id, secret] of [
      ["GITHUB_ID", "GITHUB_SECRET"],
      ["HUGGINGFACE_CLIENT_ID", "HUGGINGFACE_CLIENT_SECRET"],
    ] as const) {
      if (Boolean(value[id]) !== Boolean(value[secret])) {
        context.addIssue({ code: "custom", path: [value[id] ? secret : id], message: `${id} and ${secret} are set together` });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment variables:\n${problems}\nSee .env.example for what each one expects.`);
  }
  return result.data;
}

export const env = parseEnv(process.env);

/** The app's public origin without a trailing slash. */
export const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
