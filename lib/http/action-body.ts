import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { sendError } from "./guards";

/**
 * Server actions carry their arguments as JSON text (React's encodeReply) unless they send a form.
 * Next.js parses it before any of our code runs, and answered 500 when it was not JSON, or when it
 * nested so deep that decoding it overflowed the stack (an array 5,000 deep, before any auth check).
 * Such bodies are refused here with a 400; our actions take a few flat values.
 */
export const MAX_ACTION_NESTING = 32;

/** Whether JSON text nests arrays and objects deeper than `max` (counted without recursion). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") {
      if (++depth > max) return true;
    } else if (char === "]" || char === "}") depth--;
  }
  return false;
}

/** The problem with an action's JSON body, or null when it is fine. */
export function actionBodyProblem(text: string): string | null {
  if (nestsDeeperThan(text, MAX_ACTION_NESTING)) return `The request nests deeper than ${MAX_ACTION_NESTING} levels.`;
  try {
    JSON.parse(text);
    return null;
  } catch {
    return "The request body is not valid JSON.";
  }
}

/** Next.js's server action ids: 42 hex digits (next/dist/server/lib/server-reference-info). */
const ACTION_ID = /^[0-9a-f]{42}$/;

let knownActions: Set<string> | null | undefined;
/** The actions of this build (null when the manifest cannot be read, as under `next dev`). */
function actionsOfThisBuild(): Set<string> | null {
  if (knownActions !== undefined) return knownActions;
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"),
    ) as { node?: Record<string, unknown> };
    knownActions = new Set(Object.keys(manifest.node ?? {}));
  } catch {
    knownActions = null;
  }
  return knownActions;
}

/**
 * A request naming an action that cannot exist here (a malformed id, or one of another build) is
 * answered before Next.js, which logs two lines of error for each: with a random id, anyone could fill
 * the log. A page from an older deployment gets a 404 that says to reload.
 */
export function refuseUnknownAction(request: IncomingMessage, response: ServerResponse, production: boolean): boolean {
  const id = request.headers["next-action"];
  if (request.method !== "POST" || id === undefined) return false;
  if (typeof id !== "string" || !ACTION_ID.test(id)) {
    sendError(request, response, 400, "Not a server action.");
    return true;
  }
  // Under `next dev` actions come and go with edits: only a production build has a fixed set.
  const known = production ? actionsOfThisBuild() : null;
  if (known && !known.has(id)) {
    sendError(request, response, 404, "This page is from another version of the site: reload it.");
    return true;
  }
  return false;
}

const isJsonAction = (request: IncomingMessage) =>
  request.method === "POST" &&
  request.headers["next-action"] !== undefined &&
  !String(request.headers["content-type"] ?? "").startsWith("multipart/form-data");

/**
 * Reads a body of known length without using it up: the bytes are handed to `check` and put back
 * (`unshift`, in the same tick, before the stream can end), so Next.js reads the request itself as if
 * nobody had. Resolves with what `check` answered.
 */
function peekBody<T>(request: IncomingMessage, length: number, check: (body: Buffer) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      request.off("readable", onReadable);
      request.off("end", finish);
      request.off("error", onError);
      const body = Buffer.concat(chunks);
      const result = check(body);
      if (body.length > 0) request.unshift(body);
      resolve(result);
    };
    const onReadable = () => {
      while (size < length) {
        const chunk = request.read() as Buffer | null;
        if (chunk === null) break;
        chunks.push(chunk);
        size += chunk.length;
      }
      if (size >= length) finish();
    };
    const onError = (error: Error) => {
      request.off("readable", onReadable);
      request.off("end", finish);
      reject(error);
    };
    request.on("readable", onReadable);
    request.once("end", finish);
    request.once("error", onError);
  });
}

/**
 * For a server action with a JSON body: looks at it (its size is already bounded and declared,
 * lib/http/guards.ts), answers 400 when it is not acceptable and returns null; otherwise returns the
 * request, its body still to be read by Next.js. Any other request is returned as it is.
 */
export async function checkActionBody(
  request: IncomingMessage,
  response: ServerResponse,
  production: boolean,
): Promise<IncomingMessage | null> {
  if (refuseUnknownAction(request, response, production)) return null;
  if (!isJsonAction(request)) return request;
  const length = Number(request.headers["content-length"] ?? 0);
  const problem = await peekBody(request, length, (body) => actionBodyProblem(body.toString("utf8")));
  if (problem) {
    sendError(request, response, 400, problem, { connection: "close" });
    return null;
  }
  return request;
}
