import type { IncomingMessage, ServerResponse } from "node:http";
import { appUrl } from "@/lib/env";
import { viewerEndpoint } from "@/lib/viewer/endpoint";
import { upvoteEndpoint } from "@/lib/votes/endpoint";
import { decodeSegment } from "./request";

/**
 * The two endpoints every signed-in reader hits (their own state on each page they open, and each
 * upvote), answered by our server without going through Next.js: Next.js's request pipeline alone
 * costs ~4 ms of CPU here, more than the answer itself (one session lookup and a query or two). The
 * answers come from the same functions the Next.js route handlers export, so both paths are one code.
 */
const UPVOTE = /^\/api\/papers\/([^/?]+)\/upvote(?:\?|$)/;
const VIEWER = /^\/api\/viewer(?:\?|$)/;
/** The largest body an upvote may carry (it has none worth the name: `{}`). */
const MAX_BODY_BYTES = 1_024;

async function readBody(request: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function toRequest(request: IncomingMessage, body?: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Request(new URL(request.url ?? "/", appUrl), { method: request.method, headers, body: body || undefined });
}

async function send(response: ServerResponse, answer: Response) {
  const headers: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const body = Buffer.from(await answer.arrayBuffer());
  headers["content-length"] = String(body.length);
  response.writeHead(answer.status, headers);
  response.end(body);
}

/** Answers the request if it is one of these endpoints, and says whether it did. */
export async function answerFastRoute(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  try {
    return await answer(request, response);
  } catch (error) {
    console.error(`${request.method} ${request.url} failed:`, error);
    if (!response.headersSent)
      await send(response, Response.json({ error: { status: 500, message: "Internal error." } }, { status: 500 }));
    return true;
  }
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const url = request.url ?? "/";
  const upvote = UPVOTE.exec(url);
  if (upvote && (request.method === "POST" || request.method === "DELETE")) {
    const body = await readBody(request);
    if (body === null) {
      await send(response, Response.json({ error: { status: 413, message: "The body is too large." } }, { status: 413 }));
      return true;
    }
    await send(response, await upvoteEndpoint(toRequest(request, body), decodeSegment(upvote[1] ?? "")));
    return true;
  }
  if (VIEWER.test(url) && request.method === "GET") {
    await send(response, await viewerEndpoint(toRequest(request)));
    return true;
  }
  return false;
}
