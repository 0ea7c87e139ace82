import { readFileSync } from "node:fs";
import { createServer } from "node:http";

/**
 * The ceiling of `npm run bench`: a bare node:http server answering every request with the same bytes
 * (a file the bench wrote) and the same content type as the app's page. Nothing can serve them faster
 * from Node on this machine, so the app's throughput is reported as a share of this one's.
 */
const [file, contentType = "text/html; charset=utf-8"] = process.argv.slice(2);
if (!file) throw new Error("usage: bare-server.ts FILE [CONTENT_TYPE]");
const body = readFileSync(file);
const headers = { "content-type": contentType, "content-length": String(body.length) };
const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
