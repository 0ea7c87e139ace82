import os from "node:os";
import { describe, expect, it } from "vitest";
import {
  cameThroughProxy,
  canonicalHostRedirect,
  isMachineName,
  parseHost,
  publicOrigin,
  type Settings,
} from "@/lib/http/public-origin";

const unset: Settings = { appUrl: "http://localhost:3000", configured: false, trustProxy: false };
const local: Settings = { appUrl: "http://localhost:3000", configured: true, trustProxy: false };
const production: Settings = { appUrl: "https://papers.example.org", configured: true, trustProxy: false };

describe("the app's public origin", () => {
  it("reads a bare host[:port] only", () => {
    expect(parseHost("127.0.0.1:3000")).toEqual({ hostname: "127.0.0.1", host: "127.0.0.1:3000" });
    expect(parseHost("[::1]:3000")).toEqual({ hostname: "::1", host: "[::1]:3000" });
    expect(parseHost("LOCALHOST:3000")).toEqual({ hostname: "localhost", host: "localhost:3000" });
    for (const bad of [undefined, "", "evil.example@localhost", "localhost/x", "localhost:3000?x", "a b", "x".repeat(300)]) {
      expect(parseHost(bad), String(bad)).toBeNull();
    }
  });

  it("knows this machine's names: loopback, its host name and addresses; nothing else", () => {
    for (const name of ["localhost", "app.localhost", "127.0.0.1", "127.1.2.3", "::1", os.hostname()]) {
      expect(isMachineName(name), name).toBe(true);
    }
    const address = Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry && !entry.internal)?.address;
    if (address) expect(isMachineName(address)).toBe(true);
    for (const name of ["papers.example.org", "localhost.evil.example", "1.2.3.4", "127.0.0.1.nip.io"]) {
      expect(isMachineName(name), name).toBe(false);
    }
  });

  it("with APP_URL unset, follows the name the reader used when it is this machine's, else the default", () => {
    expect(publicOrigin("127.0.0.1:3000", unset)).toBe("http://127.0.0.1:3000");
    expect(publicOrigin("localhost:8080", unset)).toBe("http://localhost:8080");
    expect(publicOrigin(`${os.hostname()}:3000`, unset)).toBe(`http://${os.hostname().toLowerCase()}:3000`);
    // A Host a client made up cannot point sign-in links at another server.
    expect(publicOrigin("evil.example", unset)).toBe("http://localhost:3000");
    expect(publicOrigin("evil.example@127.0.0.1", unset)).toBe("http://localhost:3000");
    expect(publicOrigin(null, unset)).toBe("http://localhost:3000");
  });

  it("with APP_URL set, is APP_URL whatever the Host", () => {
    expect(publicOrigin("127.0.0.1:3000", local)).toBe("http://localhost:3000");
    expect(publicOrigin("127.0.0.1:3000", production)).toBe("https://papers.example.org");
  });

  it("sends a browser that used another name of this machine to APP_URL's, when APP_URL names this machine", () => {
    expect(canonicalHostRedirect("127.0.0.1:3000", "/papers?q=x", false, local)).toBe("http://localhost:3000/papers?q=x");
    expect(canonicalHostRedirect("localhost:3000", "/", false, local)).toBeNull();
    // Not a name of ours: left to whoever sent it (the app answers, its links use APP_URL).
    expect(canonicalHostRedirect("evil.example", "/", false, local)).toBeNull();
    // Behind a proxy the Host is the proxy's business (nginx passes its upstream, 127.0.0.1:3000, by default).
    expect(canonicalHostRedirect("127.0.0.1:3000", "/", true, local)).toBeNull();
    expect(canonicalHostRedirect("127.0.0.1:3000", "/", false, { ...local, trustProxy: true })).toBeNull();
    expect(canonicalHostRedirect("127.0.0.1:3000", "/", false, production)).toBeNull();
    expect(canonicalHostRedirect("127.0.0.1:3000", "/", false, unset)).toBeNull();
  });

  it("tells a proxied request by the headers only a proxy adds", () => {
    expect(cameThroughProxy({ host: "localhost", "user-agent": "x" })).toBe(false);
    for (const name of ["x-forwarded-for", "x-forwarded-proto", "forwarded", "x-real-ip", "via"]) {
      expect(cameThroughProxy({ [name]: "1" }), name).toBe(true);
    }
  });
});
