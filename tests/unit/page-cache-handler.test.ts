import { once } from "node:events";
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { cacheTags, deferScripts, markPrivate, shareResponse } from "@/lib/page-cache/collector";
import { acceptsGzip, createPageCacheHandler, isCacheCandidate, sessionHintCookie } from "@/lib/page-cache/handler";
import { PageCache } from "@/lib/page-cache/store";

type Render = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Our HTTP layer in front of a stand-in for Next.js that counts its renders. */
async function serve(render: Render, options: { live?: boolean; wrap?: (response: ServerResponse) => void } = {}) {
  const cache = new PageCache({ maxBytes: 1024 * 1024 });
  let renders = 0;
  const handler = createPageCacheHandler({
    cache,
    isLive: () => options.live ?? true,
    render: async (request, response) => {
      renders += 1;
      await render(request, response);
    },
  });
  const server = createServer((request, response) => {
    options.wrap?.(response);
    void handler(request, response);
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { cache, origin, renders: () => renders };
}

const page = (body: string, declare: () => void = () => shareResponse()) =>
  (async (_request, response) => {
    declare();
    cacheTags("paper:2401.00001");
    // Written in pieces, as a streamed render is.
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store" });
    response.write(body.slice(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 5));
    response.end(body.slice(5));
  }) satisfies Render;

describe("the page cache's HTTP layer", () => {
  it("renders a shared page once, then answers from memory with the same bytes", async () => {
    const app = await serve(page("<html>shared page</html>"));
    const first = await fetch(`${app.origin}/papers/date/2026-04-01`);
    expect(await first.text()).toBe("<html>shared page</html>");
    const second = await fetch(`${app.origin}/papers/date/2026-04-01`);
    expect(second.headers.get("x-page-cache")).toBe("HIT");
    expect(second.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect(await second.text()).toBe("<html>shared page</html>");
    expect(app.renders()).toBe(1);
  });

  it("never keeps a response that read the reader (markPrivate), was not declared shared, set a cookie or was not a 200", async () => {
    for (const render of [
      page("<html>yours</html>", () => {
        shareResponse();
        markPrivate();
      }),
      page("<html>undeclared</html>", () => {}),
      (async (_request, response) => {
        shareResponse();
        response.writeHead(200, { "set-cookie": "a=b" });
        response.end("with a cookie");
      }) satisfies Render,
      (async (_request, response) => {
        shareResponse();
        response.writeHead(404);
        response.end("not found");
      }) satisfies Render,
    ]) {
      const app = await serve(render);
      await (await fetch(`${app.origin}/x`)).text();
      const again = await fetch(`${app.origin}/x`);
      await again.text();
      expect(again.headers.get("x-page-cache")).toBeNull();
      expect(app.renders()).toBe(2);
    }
  });

  it("serves gzip to clients that accept it and 304 to a matching If-None-Match", async () => {
    const body = `<html>${"<p>a card</p>".repeat(200)}</html>`;
    const app = await serve(page(body));
    await (await fetch(`${app.origin}/`)).text();
    // fetch() would decompress on its own; node:http shows the bytes as sent.
    const compressed = await new Promise<{ encoding: string | undefined; bytes: Buffer; etag: string }>((resolve) => {
      get(`${app.origin}/`, { headers: { "accept-encoding": "gzip, br" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            encoding: response.headers["content-encoding"],
            bytes: Buffer.concat(chunks),
            etag: String(response.headers.etag),
          }),
        );
      });
    });
    expect(compressed.encoding).toBe("gzip");
    expect(gunzipSync(compressed.bytes).toString()).toBe(body);
    const revalidated = await fetch(`${app.origin}/`, { headers: { "if-none-match": compressed.etag } });
    expect(revalidated.status).toBe(304);
    expect(app.renders()).toBe(1);
  });

  it("keeps the ETag a response was rendered with, so a client revalidating with it gets a 304", async () => {
    const app = await serve(async (_request, response) => {
      shareResponse();
      response.writeHead(200, { "content-type": "application/json", etag: 'W/"from-the-app"' });
      response.end("{}");
    });
    expect((await fetch(`${app.origin}/api/x`)).headers.get("etag")).toBe('W/"from-the-app"');
    const again = await fetch(`${app.origin}/api/x`, { headers: { "if-none-match": 'W/"from-the-app"' } });
    expect(again.status).toBe(304);
    expect(app.renders()).toBe(1);
  });

  it("lets router requests, server actions, POSTs and assets through untouched", async () => {
    const app = await serve(page("<html>page</html>"));
    await (await fetch(`${app.origin}/p`)).text();
    const inits: RequestInit[] = [
      { headers: { rsc: "1" } },
      { headers: { "next-router-prefetch": "1" } },
      { method: "POST", headers: { "next-action": "abc" }, body: "[]" },
    ];
    for (const init of inits) {
      const response = await fetch(`${app.origin}/p`, init);
      await response.text();
      expect(response.headers.get("x-page-cache")).toBeNull();
    }
    await (await fetch(`${app.origin}/p?_rsc=1`)).text();
    expect(app.renders()).toBe(5);
  });

  it("answers the first reader (a miss) with the bytes, headers and gzip every later reader gets", async () => {
    // A page as Next.js renders it: its runtime's scripts, which the shared copy defers.
    const html = `<html><head><script src="/_next/static/chunks/main-1.js" async=""></script></head><body>${"<p>a card</p>".repeat(200)}<script>self.__next_f.push([1,""])</script></body></html>`;
    const app = await serve(page(html));
    const fetchRaw = (headers: Record<string, string> = { "accept-encoding": "gzip" }) =>
      new Promise<{ headers: IncomingMessage["headers"]; body: Buffer }>((resolve) => {
        get(`${app.origin}/papers/date/2026-04-01`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        });
      });
    const miss = await fetchRaw();
    const hit = await fetchRaw();
    expect([miss.headers["x-page-cache"], hit.headers["x-page-cache"]]).toEqual(["MISS", "HIT"]);
    for (const name of ["content-encoding", "cache-control", "etag", "vary", "content-security-policy", "content-length"]) {
      expect(miss.headers[name], name).toBe(hit.headers[name]);
    }
    expect(miss.headers["content-encoding"]).toBe("gzip");
    expect(miss.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    expect(miss.body.equals(hit.body)).toBe(true);
    const text = gunzipSync(miss.body).toString();
    expect(text).toContain('<script type="text/x-deferred" data-src="/_next/static/chunks/main-1.js">');
    expect(text).not.toContain('<script src="/_next/static/chunks/main-1.js"');
    // A client that does not take gzip gets the plain copy, on a miss as on a hit.
    const plain = await fetchRaw({});
    expect([plain.headers["content-encoding"], plain.body.toString()]).toEqual([undefined, text]);
    expect(app.renders()).toBe(1);
  });

  it("passes a response it does not keep through with its own status and headers, and a large one as it comes", async () => {
    const app = await serve(async (_request, response) => {
      response.statusCode = 404;
      response.setHeader("content-type", "text/plain");
      response.setHeader("cache-control", "private, no-store");
      response.end("no such page");
    });
    const missing = await fetch(`${app.origin}/x`);
    expect([
      missing.status,
      missing.headers.get("cache-control"),
      missing.headers.get("x-page-cache"),
      await missing.text(),
    ]).toEqual([404, "private, no-store", null, "no such page"]);
    const piece = "x".repeat(1024 * 1024);
    let wroteBeforeEnd = false;
    const large = await serve(async (_request, response) => {
      shareResponse();
      response.writeHead(200, { "content-type": "text/plain" });
      response.write(piece);
      response.write(piece);
      response.write(piece);
      // Past the 2 MB a copy may have: already on its way to the reader.
      wroteBeforeEnd = response.headersSent;
      response.end("end");
    });
    const answer = await fetch(`${large.origin}/big`);
    expect((await answer.text()).length).toBe(3 * piece.length + 3);
    expect([answer.headers.get("x-page-cache"), wroteBeforeEnd, large.cache.size]).toEqual([null, true, 0]);
  });

  it("sends one reader's page gzipped, its scripts deferred only when the page works without them", async () => {
    const html = `<html><head><script src="/_next/static/chunks/main-1.js" async=""></script></head><body>${"<p>a form</p>".repeat(200)}<script>self.__next_f.push([1,""])</script></body></html>`;
    const privatePage = (declare: () => void) => page(html, declare);
    const deferred = await serve(
      privatePage(() => {
        markPrivate();
        deferScripts();
      }),
    );
    const asIs = await serve(privatePage(() => markPrivate()));
    const fetchRaw = (origin: string, headers: Record<string, string>) =>
      new Promise<{ headers: IncomingMessage["headers"]; body: Buffer }>((resolve) => {
        get(`${origin}/auth/signin`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        });
      });
    const one = await fetchRaw(deferred.origin, { "accept-encoding": "gzip, br" });
    expect([
      one.headers["content-encoding"],
      one.headers.vary,
      one.headers["cache-control"],
      one.headers["x-page-cache"],
    ]).toEqual(["gzip", "Accept-Encoding", "private, no-store", undefined]);
    const text = gunzipSync(one.body).toString();
    expect(text).toContain('<script type="text/x-deferred" data-src="/_next/static/chunks/main-1.js">');
    // The page's policy allows the loader it now holds.
    expect(one.headers["content-security-policy"]).toMatch(/script-src[^;]*'sha256-/);
    const other = await fetchRaw(asIs.origin, { "accept-encoding": "gzip" });
    expect(other.headers["content-encoding"]).toBe("gzip");
    // Its inline script allowed by hash, as the security headers would have from the plain bytes.
    expect(other.headers["content-security-policy"]).toMatch(/script-src[^;]*'sha256-/);
    expect(gunzipSync(other.body).toString()).toBe(html);
    // gzip;q=0 (or no Accept-Encoding) says no.
    const plain = await fetchRaw(asIs.origin, { "accept-encoding": "gzip;q=0" });
    expect([plain.headers["content-encoding"], plain.body.toString()]).toEqual([undefined, html]);
    expect([deferred.cache.size, asIs.cache.size]).toEqual([0, 0]);
  });

  it("keeps what wrapped the response before it (the security headers' writeHead) on answers it does not keep", async () => {
    // As scripts/server.ts's security headers do: a header set when the head goes out.
    const wrap = (response: ServerResponse) => {
      const writeHead = response.writeHead;
      response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
        this.setHeader("x-wrapped", "yes");
        return writeHead.apply(this, args as Parameters<typeof writeHead>);
      } as typeof response.writeHead;
    };
    const app = await serve(
      async (_request, response) => {
        response.statusCode = 308;
        response.setHeader("location", "/elsewhere");
        response.end();
      },
      { wrap },
    );
    const moved = await fetch(`${app.origin}/x`, { redirect: "manual" });
    expect([moved.status, moved.headers.get("x-wrapped")]).toEqual([308, "yes"]);
    const shared = await serve(page("<html>shared</html>"), { wrap });
    for (const round of [1, 2]) expect((await fetch(`${shared.origin}/p`)).headers.get("x-wrapped"), String(round)).toBe("yes");
  });

  it("does not use the cache while changes cannot be heard", async () => {
    const app = await serve(page("<html>page</html>"), { live: false });
    await (await fetch(`${app.origin}/p`)).text();
    await (await fetch(`${app.origin}/p`)).text();
    expect(app.renders()).toBe(2);
    expect(app.cache.size).toBe(0);
  });

  it("renders again after a change to what the page shows, serving the old copy meanwhile", async () => {
    let version = 1;
    const app = await serve(async (request, response) => {
      const mine = version;
      await page(`<html>version ${mine}</html>`)(request, response);
    });
    await (await fetch(`${app.origin}/p`)).text();
    version = 2;
    await new Promise((resolve) => setTimeout(resolve, 2));
    app.cache.invalidate(["paper:2401.00001"]);
    const refreshed = await fetch(`${app.origin}/p`);
    expect(await refreshed.text()).toBe("<html>version 2</html>");
    const after = await fetch(`${app.origin}/p`);
    expect(after.headers.get("x-page-cache")).toBe("HIT");
    expect(await after.text()).toBe("<html>version 2</html>");
  });

  it("sets the session hint cookie to follow the session cookie, on cached answers too", async () => {
    const app = await serve(page("<html>page</html>"));
    await (await fetch(`${app.origin}/p`)).text();
    const signedIn = await fetch(`${app.origin}/p`, { headers: { cookie: "next-auth.session-token=abc" } });
    expect(signedIn.headers.get("x-page-cache")).toBe("HIT");
    expect(signedIn.headers.get("set-cookie")).toMatch(/^dp_session=1; Path=\/; SameSite=Lax; Max-Age=\d+$/);
    const signedOut = await fetch(`${app.origin}/p`, { headers: { cookie: "dp_session=1" } });
    expect(signedOut.headers.get("set-cookie")).toMatch(/^dp_session=; Path=\/; SameSite=Lax; Max-Age=0$/);
    const settled = await fetch(`${app.origin}/p`, { headers: { cookie: "next-auth.session-token=abc; dp_session=1" } });
    expect(settled.headers.get("set-cookie")).toBeNull();
  });
});

describe("isCacheCandidate and sessionHintCookie", () => {
  const request = (method: string, url: string, headers: Record<string, string> = {}) =>
    ({ method, url, headers }) as unknown as IncomingMessage;

  it("takes plain GETs and HEADs only", () => {
    expect(isCacheCandidate(request("GET", "/papers/date/2026-04-01"))).toBe(true);
    expect(isCacheCandidate(request("HEAD", "/"))).toBe(true);
    expect(isCacheCandidate(request("POST", "/"))).toBe(false);
    expect(isCacheCandidate(request("GET", "/_next/static/chunks/a.js"))).toBe(false);
    expect(isCacheCandidate(request("GET", "/", { authorization: "Bearer x" }))).toBe(false);
    expect(isCacheCandidate(request("GET", "/", { "next-router-state-tree": "%5B%5D" }))).toBe(false);
  });

  it("gives gzip only to clients whose Accept-Encoding takes it with a weight above 0", () => {
    const accepts = (value?: string) => acceptsGzip({ headers: value === undefined ? {} : { "accept-encoding": value } });
    for (const yes of ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "GZIP", "x-gzip", "*", "identity, *;q=0.5"]) {
      expect(accepts(yes), yes).toBe(true);
    }
    for (const no of [
      undefined,
      "",
      "identity",
      "br",
      "gzip;q=0",
      "gzip; q=0.000",
      "*, gzip;q=0",
      "gzip;q=nope",
      "*;q=0",
      "gzipped",
    ]) {
      expect(accepts(no), String(no)).toBe(false);
    }
  });

  it("marks HTTPS sites' hint cookie Secure, and recognises the __Secure- session cookie", () => {
    expect(sessionHintCookie("__Secure-next-auth.session-token=x", true)).toMatch(/; Secure;/);
    expect(sessionHintCookie(undefined)).toBeNull();
    expect(sessionHintCookie("next-auth.session-token=")).toBeNull();
  });
});
