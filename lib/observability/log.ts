/**
 * One line per event, structured: a timestamp, a level, the process, the message and fields
 * (request id, method, path, status, duration...). LOG_FORMAT=json writes each line as a JSON object
 * (for a log shipper); otherwise `time level [process] message key=value ...`, for a person reading
 * a terminal or journalctl. No dependency: the server and the scripts use it alike.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const json = () => process.env.LOG_FORMAT === "json";

/** A value as logfmt writes it: bare when it can be, quoted otherwise. */
function logfmtValue(value: string | number | boolean | null): string {
  const text = String(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

export function formatLine(level: LogLevel, source: string, message: string, fields: LogFields = {}, at = new Date()): string {
  const present = Object.entries(fields).filter(
    (entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined,
  );
  if (json())
    return JSON.stringify({ time: at.toISOString(), level, process: source, msg: message, ...Object.fromEntries(present) });
  const tail = present.map(([key, value]) => `${key}=${logfmtValue(value)}`).join(" ");
  // One event, one line: a message's own line breaks are written as \n.
  const text = message.replace(/\r?\n|\r/g, "\\n");
  return `${at.toISOString()} ${level.padEnd(5)} [${source}] ${text}${tail ? ` ${tail}` : ""}`;
}

export interface Logger {
  (message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger for one process ("web 1", "daily-papers", "worker"): info and below to stdout, the rest to stderr. */
export function createLogger(source: string | (() => string)): Logger {
  const name = typeof source === "string" ? () => source : source;
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    const line = formatLine(level, name(), message, fields);
    if (level === "error" || level === "warn") console.error(line);
    else console.log(line);
  };
  const info = write("info");
  return Object.assign((message: string, fields?: LogFields) => info(message, fields), {
    info,
    warn: write("warn"),
    error: write("error"),
  });
}
