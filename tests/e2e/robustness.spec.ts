import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { LIMITS } from "../../lib/rate-limit/limits";
import { clientFromAnotherAddress, insideOneWindow } from "./support";

test("a malformed %-escape anywhere in the path is a 400, never a 500", async ({ request }) => {
  for (const url of [
    "/papers/%ff",
    "/papers/%",
    "/papers/%E0%A4%A",
    "/api/papers/%ff",
    "/digest/confirm/%ff",
    "/papers/date/%c0",
  ]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(400);
    if (url.startsWith("/api/")) expect(await response.json()).toEqual({ error: { status: 400, message: expect.any(String) } });
  }
  // A well-formed escape of something that is no paper is a plain 404.
  expect((await request.get("/papers/%25")).status()).toBe(404);
});

/** A raw request, so that the test chooses the headers a browser would not send. */
function rawRequest(port: number, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    if (body) request.write(body);
    request.end();
  });
}

test("request bodies are bounded before they are read", async ({ baseURL }) => {
  const port = Number(new URL(baseURL ?? "").port);
  // Declared too large: refused at once, without reading 100 MB.
  for (const path of ["/api/papers/2307.04990/upvote", "/api/auth/session", "/"]) {
    expect(await rawRequest(port, path, { "content-length": String(100 * 1024 * 1024) }), path).toBe(413);
  }
  // Of unknown size (chunked): asked to say how large.
  expect(await rawRequest(port, "/api/auth/session", { "transfer-encoding": "chunked" }, "{}")).toBe(411);
});

test("health checks: liveness and readiness (the database answers)", async ({ request }) => {
  const live = await request.get("/api/health");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  expect(live.headers()["cache-control"]).toBe("no-store");
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  // The e2e servers run no job worker: readiness says so, and does not fail for it. Their search index
  // (the shipped papers') was read within a second of starting.
  expect(await ready.json()).toEqual({
    status: "ready",
    database: "up",
    worker: expect.stringMatching(/^(none|down|up)$/),
    search: "ready",
  });
});

test("a body that is not what the endpoint reads is a 400, not a 500", async ({ request }) => {
  for (const body of ["{not json", '"a string"', "[1,2]", ""]) {
    const session = await request.post("/api/auth/session", {
      headers: { "content-type": "application/json" },
      data: Buffer.from(body),
    });
    expect(session.status(), body).toBe(400);
    expect(await session.json()).toEqual({ error: { status: 400, message: "The body must be a JSON object.", field: "body" } });
  }
});

test("a server action's body that is not JSON, or nests thousands deep, is a 400 before any action runs", async ({ request }) => {
  const manifest = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../../.next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, unknown>;
  };
  const action = Object.keys(manifest.node)[0] ?? "";
  expect(action).toMatch(/^[0-9a-f]{40,}$/);
  for (const body of ["not json", `${"[".repeat(5_000)}${"]".repeat(5_000)}`]) {
    const response = await request.post("/", {
      headers: { "next-action": action, "content-type": "text/plain;charset=UTF-8" },
      data: Buffer.from(body),
    });
    expect(response.status(), body.slice(0, 20)).toBe(400);
  }
  // An id that cannot be an action, and one of another build: answered before Next.js (which logs each).
  const post = (id: string) => request.post("/", { headers: { "next-action": id, "content-type": "text/plain" }, data: "[]" });
  expect((await post("x")).status()).toBe(400);
  expect((await post("f".repeat(42))).status()).toBe(404);
});

test("server actions: references to missing parts, other sites, and forms naming no action of ours are 4xx, never a 500", async ({
  request,
}) => {
  const manifest = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../../.next/server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, unknown> };
  // `["$Q1"]` asks React for a Map in a part the body does not have: every action answered 500.
  for (const action of Object.keys(manifest.node)) {
    const response = await request.post("/papers/2604.09201", {
      headers: { "next-action": action, "content-type": "text/plain;charset=UTF-8" },
      data: '["$Q1"]',
    });
    expect(response.status(), action).toBe(400);
  }
  const action = Object.keys(manifest.node)[0] ?? "";
  const crossSite = await request.post("/papers/2604.09201", {
    headers: { "next-action": action, origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" },
    data: '[{"arxivId":"2604.09201"}]',
  });
  expect(crossSite.status()).toBe(403);
  // Forms posted without JavaScript name their action in a field.
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    request.post("/papers/2604.09201", { multipart: { ...fields, x: "1" }, headers });
  expect((await form({ $ACTION_ID_abc: "" })).status()).toBe(400);
  expect((await form({ [`$ACTION_ID_${"0".repeat(42)}`]: "" })).status()).toBe(404);
  expect((await form({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"zz","bound":"$@1"}' })).status()).toBe(400);
  expect((await form({ [`$ACTION_ID_${action}`]: "" }, { origin: "https://evil.example" })).status()).toBe(403);
});

test("a session cookie with a malformed %-escape reads as signed out, never a 500", async ({ request }) => {
  const headers = { cookie: "next-auth.session-token=%ff" };
  for (const url of ["/api/viewer", "/papers/for-you", "/me/saved/export.bib", "/comments/mine"]) {
    const response = await request.get(url, { headers, maxRedirects: 0 });
    expect(response.status(), url).toBeLessThan(500);
  }
  const viewer = await request.get("/api/viewer", { headers });
  expect(viewer.status()).toBe(200);
  const upvote = await request.post("/api/papers/2307.04990/upvote", { headers });
  expect(upvote.status()).toBe(401);
});

test("a reader's costly own pages (For you, reading-list exports) are limited per client address, with Retry-After", async ({
  baseURL,
}) => {
  const client = clientFromAnotherAddress(baseURL ?? "");
  const limit = LIMITS.personalPagesPerIp;
  await insideOneWindow(limit.windowSeconds, 20);
  const statuses: number[] = [];
  for (let i = 0; i < limit.max; i++)
    statuses.push((await client.get(i % 2 ? "/papers/for-you" : "/me/saved/export.bib")).status());
  // Signed out: sent to sign in (For you) or told to (the export), but not refused for the count yet.
  expect(statuses.filter((status) => status === 429 || status >= 500)).toEqual([]);
  const refused = await client.get("/papers/for-you");
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
});
