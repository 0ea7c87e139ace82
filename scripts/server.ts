import { createServer } from "node:http";
import next from "next";

/**
 * The web server `npm start` runs: Next.js behind a plain Node http server, so that the client address
 * the app sees is the socket's. Next.js keeps a client-sent X-Forwarded-For as it is, which would let
 * anyone pose as 127.0.0.1 (the local mailbox) or dodge per-IP rate limits; here it is overwritten,
 * unless TRUST_PROXY says a reverse proxy in front of us sets it.
 */

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const trustProxy = ["true", "1"].includes(process.env.TRUST_PROXY ?? "");

const app = next({ dev, dir: process.cwd(), port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const socketAddress = request.socket.remoteAddress ?? "unknown";
  const forwarded = request.headers["x-forwarded-for"];
  // Behind a trusted proxy the client is the last address it appended; otherwise it is the socket's.
  const proxied = trustProxy && typeof forwarded === "string" ? forwarded.split(",").at(-1)?.trim() : undefined;
  request.headers["x-forwarded-for"] = proxied || socketAddress;
  void handle(request, response);
});

server.listen(port, hostname, () => {
  console.log(`Daily Papers is ready on http://localhost:${port}${dev ? " (development)" : ""}`);
});

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
