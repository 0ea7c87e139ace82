import { createServer } from "node:http";
import { startSmtpServer } from "./smtp";

/**
 * A real SMTP server for the end-to-end tests, run by Playwright beside the app: the app sends to it
 * over SMTP (SMTP_URL), and the tests read what arrived over HTTP (GET /messages?to=address).
 */
const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT);
const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT);
if (!smtpPort || !httpPort) throw new Error("Set MAIL_CATCHER_SMTP_PORT and MAIL_CATCHER_HTTP_PORT");

const smtp = await startSmtpServer(smtpPort);

const http = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/health") {
    response.end("ok");
    return;
  }
  if (url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    const messages = smtp.messages
      .filter((message) => !to || (message.to && "text" in message.to && message.to.text.toLowerCase().includes(to)))
      .map((message) => ({
        to: message.to && "text" in message.to ? message.to.text : "",
        from: message.from?.text ?? "",
        subject: message.subject ?? "",
        text: message.text ?? "",
        html: typeof message.html === "string" ? message.html : "",
        // As written on the wire (mailparser turns some headers, List-* among them, into objects).
        headers: Object.fromEntries(message.headerLines.map((header) => [header.key, header.line.replace(/^[^:]+:\s*/, "")])),
        date: message.date?.toISOString() ?? null,
      }));
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(messages));
    return;
  }
  response.statusCode = 404;
  response.end();
});
http.listen(httpPort, "127.0.0.1", () => console.log(`mail catcher: SMTP ${smtpPort}, HTTP ${httpPort}`));

const stop = () => void smtp.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
