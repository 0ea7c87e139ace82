import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { sendError } from "./guards";
import { isCrossSite, webHeaders } from "./request";

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

/**
 * In React's reply encoding a string starting with "$" is a reference: to another part of a multipart
 * body ("$1", "$Q1" a Map, "$K1" a FormData, "$@1" a promise...) or a value JSON has no word for. A
 * body that is JSON text alone has no other parts, so a reference there can never resolve (React
 * failed with "Connection closed.", a 500): only the self-contained encodings are accepted (an
 * escaped "$$...", undefined, dates, bigints, -0, infinities, NaN, and "$K<n>", a FormData made of
 * the body's own fields, which React reads without another part).
 */
const SELF_CONTAINED = /^\$(?:\$|undefined$|D|n-?\d+$|-0$|Infinity$|-Infinity$|NaN$|K\d+$)/;

function holdsReference(value: unknown): boolean {
  if (typeof value === "string") return value.startsWith("$") && !SELF_CONTAINED.test(value);
  if (Array.isArray(value)) return value.some(holdsReference);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsReference);
  return false;
}

/** The problem with an action's JSON body, or null when it is fine. */
export function actionBodyProblem(text: string): string | null {
  if (nestsDeeperThan(text, MAX_ACTION_NESTING)) return `The request nests deeper than ${MAX_ACTION_NESTING} levels.`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "The request body is not valid JSON.";
  }
  return holdsReference(parsed) ? "The request refers to parts it does not have." : null;
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
 * The actions a form posted without JavaScript names (React's progressive enhancement): fields
 * `$ACTION_ID_<id>`, or `$ACTION_<n>:0` holding `{"id": ...}` for an action with bound arguments.
 * Read from the body as text (multipart or URL-encoded).
 */
export function formActionIds(body: string): string[] {
  const ids: string[] = [];
  const decoded = body.includes("%24ACTION") ? safeDecode(body.replace(/\+/g, " ")) : body;
  for (const match of decoded.matchAll(/\$ACTION_ID_([^"\r\n&=;]*)/g)) ids.push(match[1] ?? "");
  for (const match of decoded.matchAll(/\$ACTION_\d+:0(?:"\r\n(?:[^\r\n]*\r\n)*?\r\n|=)([^\r\n&]*)/g)) {
    try {
      const id = (JSON.parse(match[1] ?? "") as { id?: unknown }).id;
      ids.push(typeof id === "string" ? id : "");
    } catch {
      ids.push("");
    }
  }
  return ids;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** How an action id fares here: fine, not an id at all, or not one of this build's. */
function actionIdProblem(id: string, production: boolean): [number, string] | null {
  if (!ACTION_ID.test(id)) return [400, "Not a server action."];
  // Under `next dev` actions come and go with edits: only a production build has a fixed set.
  const known = production ? actionsOfThisBuild() : null;
  if (known && !known.has(id)) return [404, "This page is from another version of the site: reload it."];
  return null;
}

/**
 * A request naming an action that cannot exist here (a malformed id, or one of another build) is
 * answered before Next.js, which logs two lines of error for each: with a random id, anyone could fill
 * the log. A page from an older deployment gets a 404 that says to reload.
 */
export function refuseUnknownAction(request: IncomingMessage, response: ServerResponse, production: boolean): boolean {
  const id = request.headers["next-action"];
  if (request.method !== "POST" || id === undefined) return false;
  const problem = typeof id === "string" ? actionIdProblem(id, production) : ([400, "Not a server action."] as const);
  if (!problem) return false;
  sendError(request, response, problem[0], problem[1]);
  return true;
}

/** A form of ours posted without JavaScript: to a page (not the API), as a form. */
const isPageForm = (request: IncomingMessage) =>
  request.method === "POST" &&
  request.headers["next-action"] === undefined &&
  !(request.url ?? "/").startsWith("/api/") &&
  /^(?:multipart\/form-data|application\/x-www-form-urlencoded)/.test(String(request.headers["content-type"] ?? ""));

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
  const action = request.method === "POST" && request.headers["next-action"] !== undefined;
  // Next.js aborts a cross-site action with an error (a 500): ours are posted from this site only.
  if ((action || isPageForm(request)) && isCrossSite(webHeaders(request))) {
    sendError(request, response, 403, "Forms of this site are sent from this site only.", { connection: "close" });
    return null;
  }
  const length = Number(request.headers["content-length"] ?? 0);
  let problem: [number, string] | null = null;
  if (isJsonAction(request)) {
    problem = await peekBody(request, length, (body) => {
      const text = actionBodyProblem(body.toString("utf8"));
      return text ? [400, text] : null;
    });
  } else if (isPageForm(request)) {
    // The actions a form names are checked as the header's is (Next.js logged two error lines for each unknown one).
    problem = await peekBody(request, length, (body) => {
      for (const id of formActionIds(body.toString("latin1"))) {
        const found = actionIdProblem(id, production);
        if (found) return found;
      }
      return null;
    });
  }
  if (problem) {
    sendError(request, response, problem[0], problem[1], { connection: "close" });
    return null;
  }
  return request;
}
