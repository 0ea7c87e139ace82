import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface TestSmtpServer {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** Connections clients have opened, since the start or the last reset. */
  connections(): number;
  /** Resolves when at least `count` messages have been transmitted, accepted or not yet. */
  waitForReceived(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves when at least `count` messages have arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** The next `count` messages are refused with this SMTP reply (e.g. 451 temporary, 550 permanent). */
  failNext(count: number, code: number, message?: string): void;
  /** Waits this long before accepting each message; a client that disconnects meanwhile delivers nothing. */
  setDelay(ms: number): void;
  /**
   * From the n-th transmission on, never answers (a hung server): the client waits, and delivers
   * nothing, however slow the machine, until it gives up or is killed. `stopHolding()` ends it for the
   * messages that come after; the held ones stay undelivered.
   */
  holdFrom(n: number): void;
  stopHolding(): void;
  /** Forgets every message and setting, for the next test. */
  reset(): void;
  /**
   * The server dies as a killed process would: every connection reset at once, the port closed,
   * nothing answered, until `restart()` listens on the same port again.
   */
  kill(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (smtp-server), parsing what it receives with mailparser. */
export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  let failures: { remaining: number; code: number; message: string } = { remaining: 0, code: 0, message: "" };
  let delayMs = 0;
  let received = 0;
  let connections = 0;
  let holdFromN = Number.POSITIVE_INFINITY;
  const closedSessions = new Set<string>();
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received += 1;
        for (const wake of waiters.splice(0)) wake();
        if (failures.remaining > 0) {
          failures.remaining -= 1;
          const error = Object.assign(new Error(failures.message), { responseCode: failures.code });
          callback(error);
          return;
        }
        const accept = () =>
          simpleParser(Buffer.concat(chunks))
            .then((parsed) => {
              // Like a real server: no 250 reply sent, no delivery.
              if (closedSessions.has(session.id)) return;
              messages.push(parsed);
              for (const wake of waiters.splice(0)) wake();
              callback();
            })
            .catch(callback);
        if (received >= holdFromN) return;
        if (delayMs > 0) setTimeout(accept, delayMs);
        else void accept();
      });
    },
  };
  const until = async (done: () => boolean, timeoutMs: number, problem: () => string) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(problem());
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  const listen = async (on: number) => {
    const started = new SMTPServer(options);
    // A client that dies (a worker killed mid-send) resets its connections: the server emits the
    // ECONNRESET, which unheard would be thrown in the test process. A real server logs it and goes on.
    started.on("error", () => {});
    await new Promise<void>((resolve) => started.listen(on, "127.0.0.1", resolve));
    return started;
  };
  let server = await listen(port);
  const address = server.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    connections: () => connections,
    reset() {
      messages.length = 0;
      received = 0;
      connections = 0;
      delayMs = 0;
      holdFromN = Number.POSITIVE_INFINITY;
      failures = { remaining: 0, code: 0, message: "" };
    },
    setDelay(ms) {
      delayMs = ms;
    },
    holdFrom(n) {
      holdFromN = n;
    },
    stopHolding() {
      holdFromN = Number.POSITIVE_INFINITY;
    },
    failNext(count, code, message = "Try again later") {
      failures = { remaining: count, code, message };
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      await until(
        () => messages.length >= count,
        timeoutMs,
        () => `Expected ${count} messages, got ${messages.length}`,
      );
      return messages;
    },
    async waitForReceived(count, timeoutMs = 10_000) {
      await until(
        () => received >= count,
        timeoutMs,
        () => `Expected ${count} transmissions, got ${received}`,
      );
    },
    async kill() {
      const live = (server as unknown as { connections: Set<{ _socket?: { destroy(): void } }> }).connections;
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      for (const connection of live) connection._socket?.destroy();
      await closed;
    },
    async restart() {
      server = await listen(actualPort);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
