import { SMTPServer } from "smtp-server";

/**
 * A local SMTP server for the digest benchmark, in a process of its own so that it does not share the
 * sender's core: accepts every message, parses nothing, counts messages per recipient (a recipient
 * counted twice for one subject is a duplicate) and reports the counts when asked over IPC.
 */
const perRecipient = new Map<string, number>();
let messages = 0;
let firstAt = 0;
let lastAt = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  maxClients: 100,
  onData(stream, session, callback) {
    let subject = "";
    let head = "";
    stream.on("data", (chunk: Buffer) => {
      if (head.length < 4096) head += chunk.toString("utf8");
    });
    stream.on("end", () => {
      subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? "";
      for (const recipient of session.envelope.rcptTo) {
        const key = `${recipient.address}\n${subject}`;
        perRecipient.set(key, (perRecipient.get(key) ?? 0) + 1);
      }
      messages += 1;
      lastAt = performance.now();
      if (!firstAt) firstAt = lastAt;
      callback();
    });
  },
});

server.listen(0, "127.0.0.1", () => {
  const address = server.server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});

process.on("message", (message: { type?: string }) => {
  if (message.type === "counts") {
    let duplicates = 0;
    for (const count of perRecipient.values()) duplicates += count - 1;
    process.send?.({ messages, recipients: perRecipient.size, duplicates, seconds: (lastAt - firstAt) / 1000 });
  } else if (message.type === "reset") {
    perRecipient.clear();
    messages = 0;
    firstAt = 0;
    lastAt = 0;
    process.send?.({ reset: true });
  }
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
