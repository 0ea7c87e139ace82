import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postComment } from "@/lib/comments/mutations";
import { db } from "@/lib/db";
import { buildPaper, createPapers, createUser } from "../support/factories";
import { setEnv } from "../support/fresh-env";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";

const APP_URL = "https://papers.example.org";
const HOUR = 3_600_000;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

async function modules() {
  setEnv({ SMTP_URL: smtp.url, APP_URL, DIGEST_LEASE_SECONDS: "300" });
  return {
    send: await import("@/lib/notifications/send"),
    mutations: await import("@/lib/notifications/mutations"),
    worker: await import("@/lib/jobs/worker"),
    transport: await import("@/lib/email/transport"),
  };
}

let m: Awaited<ReturnType<typeof modules>>;
beforeEach(async () => {
  m = await modules();
  smtp.reset();
});
afterEach(() => {
  m.transport.closeMailTransport(); // its pooled connections would hold the SMTP server's close
});

const recipients = (mail: ParsedMail) => (mail.to && "text" in mail.to ? mail.to.text : "");
const mailFor = (address: string) => smtp.messages.filter((mail) => recipients(mail) === address);
const deliver = (now?: Date) => m.send.deliverReplyEmails({ workerId: "test-worker", ...(now ? { now: () => now } : {}) });

async function posted(input: Parameters<typeof postComment>[0]): Promise<number> {
  const result = await postComment(input);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result.value.id;
}

/** A paper, a thread by `author` (opted in unless told), and someone else to reply. */
async function aThread(options: { optedIn?: boolean } = {}) {
  const [paper] = await createPapers(buildPaper({ title: "Sparse attention at scale" }));
  const arxivId = paper?.arxivId ?? "";
  const [author, replier] = [await createUser(), await createUser()];
  if (options.optedIn ?? true) await m.mutations.setReplyEmails(author.id, true);
  const thread = await posted({ authorId: author.id, arxivId, body: "Does this hold for **long** contexts?" });
  const reply = (body: string, by = replier.id) => posted({ authorId: by, arxivId, body, parentId: thread });
  return { arxivId, author, replier, thread, reply };
}

const rows = (threadId: number) => db.replyNotification.findMany({ where: { threadId }, orderBy: { id: "asc" } });

describe("reply emails", () => {
  it("go only to a thread author who opted in, for replies by others", async () => {
    const quiet = await aThread({ optedIn: false });
    await quiet.reply("Nobody will be told");
    expect(await rows(quiet.thread)).toEqual([]);

    const { author, thread, reply } = await aThread();
    await reply("Yes, see section 4.", author.id); // their own reply
    expect(await rows(thread)).toEqual([]);
    await reply("It does, up to 128k tokens.");
    expect(await rows(thread)).toMatchObject([{ recipientId: author.id, status: "pending" }]);

    expect(await deliver()).toEqual({ sent: 1, skipped: 0, retrying: 0, failed: 0 });
    const [mail] = mailFor(author.email);
    expect(mail?.subject).toMatch(/replied to your comment on “Sparse attention at scale”$/);
    expect(mail?.text).toContain("> It does, up to 128k tokens.");
    expect(mail?.text).toContain("> Does this hold for **long** contexts?");
    expect(mail?.text).not.toContain("Yes, see section 4."); // the author's own words are not news to them
    const header = (name: string) => mail?.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, "");
    const { replyEmailToken } = await db.user.findUniqueOrThrow({ where: { id: author.id } });
    expect(header("list-unsubscribe")).toBe(`<${APP_URL}/api/notifications/replies/unsubscribe?token=${replyEmailToken}>`);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(await deliver()).toEqual({ sent: 0, skipped: 0, retrying: 0, failed: 0 }); // nothing twice
  });

  it("send at most one email per thread an hour; replies meanwhile wait for the next, together", async () => {
    const { author, thread, reply } = await aThread();
    await reply("First answer");
    await reply("Second answer, before anything was sent");
    await deliver();
    expect(mailFor(author.email)).toHaveLength(1);
    expect(mailFor(author.email)[0]?.subject).toMatch(/^2 new replies to your comment/);
    expect(mailFor(author.email)[0]?.text).toContain("> Second answer, before anything was sent");

    const [sent] = await rows(thread);
    await reply("Third answer");
    await reply("Fourth answer");
    expect(await deliver()).toEqual({ sent: 0, skipped: 0, retrying: 0, failed: 0 });
    expect(mailFor(author.email)).toHaveLength(1);
    const waiting = (await rows(thread))[1];
    expect(waiting?.status).toBe("pending");
    expect(waiting?.nextAttemptAt.getTime()).toBe((sent?.claimedAt?.getTime() ?? 0) + HOUR);

    await deliver(new Date(Date.now() + HOUR + 60_000));
    const second = mailFor(author.email)[1];
    expect(second?.subject).toMatch(/^2 new replies/);
    expect(second?.text).toContain("> Third answer");
    expect(second?.text).toContain("> Fourth answer");
    expect(second?.text).not.toContain("First answer");
  });

  it("tell in the next email of replies that arrived while one was being sent", async () => {
    const { author, thread, reply } = await aThread();
    const first = await reply("Before the claim");
    const [claimed] = await m.mutations.claimReplyNotifications({ workerId: "w", now: new Date(), leaseSeconds: 60, limit: 10 });
    await reply("While the email was on the wire"); // joins the open row: no second row now
    expect(await rows(thread)).toHaveLength(1);
    await m.mutations.markReplyNotificationSent(claimed?.id ?? 0, "w", { messageId: "x", replyCount: 1, throughReplyId: first });
    const [, next] = await rows(thread);
    expect(next).toMatchObject({ status: "pending", recipientId: author.id });
    expect(next?.nextAttemptAt.getTime()).toBe(((await rows(thread))[0]?.claimedAt?.getTime() ?? 0) + HOUR);
  });

  it("honour what changed before sending: emails turned off, replies deleted or hidden", async () => {
    const off = await aThread();
    await off.reply("Will not be sent");
    const token = (await db.user.findUniqueOrThrow({ where: { id: off.author.id } })).replyEmailToken ?? "";
    expect(await m.mutations.stopReplyEmails(token)).toBe(true);
    expect(await m.mutations.stopReplyEmails("x".repeat(43))).toBe(false);

    const hidden = await aThread();
    const gone = await hidden.reply("Spam");
    await db.comment.update({ where: { id: gone }, data: { hiddenAt: new Date() } });

    expect(await deliver()).toEqual({ sent: 0, skipped: 2, retrying: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(0);
    expect((await rows(off.thread))[0]?.lastError).toBe("the reader turned reply emails off");
    expect((await rows(hidden.thread))[0]?.lastError).toBe("the replies were deleted or hidden");

    // Turning them on again keeps the token, so links already sent keep working.
    await m.mutations.setReplyEmails(off.author.id, true);
    expect((await db.user.findUniqueOrThrow({ where: { id: off.author.id } })).replyEmailToken).toBe(token);
  });

  it("come back after a temporary SMTP failure, and are not sent twice", async () => {
    const { author, thread, reply } = await aThread();
    await reply("Worth retrying");
    smtp.failNext(1, 451, "Try again later");
    expect(await deliver()).toEqual({ sent: 0, skipped: 0, retrying: 1, failed: 0 });
    expect((await rows(thread))[0]).toMatchObject({ status: "pending", attempts: 1 });
    expect(await deliver(new Date(Date.now() + 5 * 60_000))).toEqual({ sent: 1, skipped: 0, retrying: 0, failed: 0 });
    expect(mailFor(author.email)).toHaveLength(1);
  });

  it("are sent by the job queue's worker as soon as a reply is posted", async () => {
    const { author, reply } = await aThread();
    const worker = await m.worker.startWorker({ connectionString: process.env.DATABASE_URL ?? "", log: () => {} });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500)); // its LISTEN connection is up
      await reply("Prompt, not at the next minute");
      await smtp.waitForMessages(1, 20_000);
      expect(mailFor(author.email)[0]?.text).toContain("> Prompt, not at the next minute");
    } finally {
      await worker.stop();
    }
  }, 40_000);
});
