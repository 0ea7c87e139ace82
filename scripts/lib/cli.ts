import { type ParseArgsConfig, parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { type OpenDatabase, openDatabase } from "@/lib/runtime/database";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ScriptContext<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>["values"];
  positionals: string[];
  database: OpenDatabase;
}

/** A usage error: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a command-line script: parses its flags (with --help), opens the database (embedded or
 * DATABASE_URL, migrated), runs it, and always releases the database, also on Ctrl-C.
 */
export async function runScript<O extends Options>(spec: {
  usage: string;
  options?: O;
  database?: boolean;
  /** false when the script waits for signals itself (a long-running worker). */
  handleSignals?: boolean;
  main: (context: ScriptContext<O>) => Promise<number | undefined>;
}) {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      options: { ...(spec.options ?? ({} as O)), help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${spec.usage}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(spec.usage);
    process.exit(0);
  }

  let database: OpenDatabase | undefined;
  const cleanup = async () => {
    await disconnectDb().catch(() => {});
    await database?.release();
  };
  const onSignal = () => {
    console.error("\nInterrupted.");
    void cleanup().finally(() => process.exit(130));
  };
  if (spec.handleSignals !== false) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }

  let code = 0;
  try {
    if (spec.database !== false) database = await openDatabase({ log: (message) => console.error(message) });
    code =
      (await spec.main({
        values: parsed.values as ScriptContext<O>["values"],
        positionals: parsed.positionals,
        database: database as OpenDatabase,
      })) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${spec.usage}`);
      code = 2;
    } else {
      console.error(process.env.DEBUG ? error : `Error: ${(error as Error).message}`);
      code = 1;
    }
  } finally {
    await cleanup();
  }
  process.exit(code);
}
