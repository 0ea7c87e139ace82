import { afterEach, describe, expect, it } from "vitest";
import { formatLine } from "@/lib/observability/log";
import { routeOf } from "@/lib/observability/metrics";

const at = new Date("2026-12-04T10:00:00.000Z");

describe("log lines", () => {
  afterEach(() => {
    delete process.env.LOG_FORMAT;
  });

  it("are one line: time, level, process, message, then key=value fields, quoted when they need it", () => {
    const line = formatLine(
      "info",
      "web 1",
      "request",
      { id: "abc", path: "/papers/search?q=a b", status: 200, ms: 3.2, cache: undefined },
      at,
    );
    expect(line).toBe('2026-12-04T10:00:00.000Z info  [web 1] request id=abc path="/papers/search?q=a b" status=200 ms=3.2');
    expect(formatLine("error", "web", 'say "hi"\nnext', { error: 'x="1"\ny' }, at)).not.toContain("\n");
  });

  it("are JSON objects with LOG_FORMAT=json", () => {
    process.env.LOG_FORMAT = "json";
    const line = formatLine("warn", "daily-papers", "worker 2 exited", { code: 1 }, at);
    expect(JSON.parse(line)).toEqual({
      time: at.toISOString(),
      level: "warn",
      process: "daily-papers",
      msg: "worker 2 exited",
      code: 1,
    });
  });
});

describe("metric routes", () => {
  it("name page kinds, never URLs, so that visitors cannot grow the metrics", () => {
    expect(routeOf("/papers/2307.04990?x=1")).toBe("/papers/:id");
    expect(routeOf("/papers/date/2026-04-07")).toBe("/papers/date/:day");
    expect(routeOf("/papers/search?q=anything")).toBe("/papers/search");
    expect(routeOf("/api/papers/2307.04990")).toBe("/api/papers/:id");
    expect(routeOf("/api/authors/Ada%20Lovelace/papers")).toBe("/api/authors/:name/papers");
    expect(routeOf("/feeds/daily.xml")).toBe("/feeds/*");
    expect(routeOf("/no/such/page/123")).toBe("other");
    expect(new Set(Array.from({ length: 100 }, (_, i) => routeOf(`/x${i}/y`))).size).toBe(1);
  });
});
