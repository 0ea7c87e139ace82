import { z } from "zod";

/**
 * The environment, validated once. Empty strings count as unset (a blank line in .env must not
 * override a default), defaults make a fresh clone run, and a bad value stops start-up with a message
 * naming the variable. Imported by next.config.ts, so a bad environment also fails the build.
 */

const unset = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unset, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(unset, schema.default(fallback as never));

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" });

export const envSchema = z.object({
  NODE_ENV: withDefault(z.enum(["development", "production", "test"]), "development"),
  /** PostgreSQL 15+. Unset: `npm start` / `npm test` run an embedded server with its data in DATA_DIR. */
  DATABASE_URL: optional(postgresUrl),
  /** Where the embedded database, the local outbox and generated secrets live. */
  DATA_DIR: withDefault(z.string(), ".data"),
  PORT: withDefault(z.coerce.number().int().min(1).max(65535), 3000),
  /** The public address of the app, used in links inside emails and feeds. */
  APP_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" })),
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
