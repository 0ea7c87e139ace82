import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import { DISCUSSION_MATH_BUDGET } from "../../lib/comments/limits";
import { LIMITS } from "../../lib/rate-limit/limits";
import { e2eDb, firstLink, mailTo, operatorKey, signInAs, uniqueEmail } from "./support";

/**
 * The read side of a paper's discussion (issue 11): threads rendered as safe Markdown and math on the
 * shared page, retired when the discussion changes, in the JSON API, with the count in numComments.
 * The first test writes comments with SQL (the read side alone); the second posts them in Chromium.
 */
async function user(name: string): Promise<string> {
  const id = `e2e-${randomUUID()}`;
  await e2eDb.query("INSERT INTO users (id, name, email) VALUES ($1, $2, $3)", [id, name, `${id}@example.org`]);
  return id;
}

async function comment(paperId: number, authorId: string, body: string, parentId: number | null = null): Promise<number> {
  const { rows } = await e2eDb.query<{ id: number }>(
    "INSERT INTO comments (paper_id, author_id, parent_id, body) VALUES ($1, $2, $3, $4) RETURNING id",
    [paperId, authorId, parentId, body],
  );
  return rows[0]?.id ?? 0;
}

test("a paper's discussion: threads in Markdown and math, inert, counted, in the API, fresh after a change", async ({
  page,
  request,
}) => {
  const { rows } = await e2eDb.query<{ id: number; arxiv_id: string; feed_day: Date }>(
    "SELECT id, arxiv_id, feed_day FROM papers WHERE feed_day = '2026-04-02' ORDER BY upvotes DESC, title, id LIMIT 1",
  );
  const paper = rows[0];
  if (!paper) throw new Error("no paper on 2026-04-02");
  const url = `/papers/${paper.arxiv_id}`;
  await page.goto(url); // a shared copy now, to be retired by what follows
  await expect(page.getByText("No comments yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to comment" })).toBeVisible();

  const [ada, bob] = [await user("Ada"), await user("Bob")];
  const first = await comment(
    paper.id,
    ada,
    "Does **this** hold for $O(n^2)$? See https://arxiv.org/abs/2307.04990\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1))",
  );
  await comment(paper.id, bob, "> Does this hold\n\nYes, with `k < n`.", first);
  const gone = await comment(paper.id, bob, "A thought I took back");
  await comment(paper.id, ada, "A reply that keeps the thread", gone);
  const spam = await comment(paper.id, bob, "Buy now");
  await e2eDb.query("UPDATE comments SET deleted_at = now() WHERE id = $1", [gone]);
  await e2eDb.query("UPDATE comments SET hidden_at = now() WHERE id = $1", [spam]);

  // The shared copy is retired by the database's announcement: the next view shows the discussion.
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Discussion (3)" })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const discussion = page.getByTestId("discussion");
  await expect(page.getByRole("heading", { name: "Discussion (3)" })).toBeVisible();
  await expect(discussion.locator("strong")).toHaveText("this");
  await expect(discussion.locator(".katex").first()).toBeVisible();
  await expect(discussion.getByRole("link", { name: "https://arxiv.org/abs/2307.04990" })).toHaveAttribute(
    "rel",
    "nofollow ugc noopener",
  );
  await expect(discussion.locator("blockquote")).toHaveText("Does this hold");
  await expect(discussion.getByText("[deleted]")).toBeVisible();
  await expect(discussion.getByText("A reply that keeps the thread")).toBeVisible();
  await expect(discussion.getByText("Buy now")).toHaveCount(0);
  const unsafe = await discussion.evaluate((root) => ({
    images: root.querySelectorAll("img").length,
    handlers: [...root.querySelectorAll("*")].filter((element) => [...element.attributes].some((a) => /^on/i.test(a.name)))
      .length,
    scriptLinks: [...root.querySelectorAll("a")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") ?? "")).length,
  }));
  expect(unsafe).toEqual({ images: 0, handlers: 0, scriptLinks: 0 });
  const { violations } = await new AxeBuilder({ page })
    .include('[data-testid="discussion"]')
    .withTags(["wcag2a", "wcag2aa", "wcag22aa"])
    .analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  const api = (await (await request.get(`/api/papers/${paper.arxiv_id}/comments`)).json()) as {
    comments: {
      id: number;
      author: { name: string };
      body: string | null;
      bodyHtml: string | null;
      replies: { body: string }[];
    }[];
    total: number;
  };
  expect(api.total).toBe(2);
  expect(api.comments[0]).toMatchObject({ id: first, author: { name: "Ada" } });
  expect(api.comments[0]?.bodyHtml).toContain("<strong>this</strong>");
  expect(api.comments[0]?.replies.map((reply) => reply.body)).toEqual(["> Does this hold\n\nYes, with `k < n`."]);
  expect(api.comments[1]).toMatchObject({ body: null, bodyHtml: null, author: { name: "[deleted]" } });
  expect((await request.get("/api/papers/2604.99999/comments")).status()).toBe(404);
  expect((await request.get(`/api/papers/${paper.arxiv_id}/comments?limit=0`)).status()).toBe(400);

  // The discussion's RSS: each visible comment, its HTML safe for readers that render it.
  const title = (await page.locator("h1").textContent()) ?? "";
  const rss = await (await request.get(`/feeds/comments/${paper.arxiv_id}.xml`)).text();
  const items = new XMLParser({ isArray: (name) => name === "item" }).parse(rss).rss.channel.item as {
    title: string;
    description: string;
  }[];
  expect(items.map((item) => item.title)).toEqual([`Ada on ${title}`, `Bob on ${title}`, `Ada on ${title}`]);
  await page.goto("about:blank");
  await page.evaluate(
    (html) => {
      document.body.innerHTML = html;
    },
    items.map((item) => item.description).join(""),
  );
  expect(await page.evaluate(() => document.querySelectorAll("img, script, [onerror]").length)).toBe(0);
  await expect(page.locator("strong")).toHaveText("this");
  expect((await request.get("/feeds/comments/2604.99999.xml")).status()).toBe(404);

  // The count on the paper's card in the feed, and in the API.
  await expect(async () => {
    await page.goto("/papers/date/2026-04-02");
    const card = page.locator(`[data-testid="paper-card"][data-arxiv-id="${paper.arxiv_id}"]`);
    await expect(card.getByTestId("comment-count")).toHaveText("3 comments", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const day = (await (await request.get("/api/daily_papers?date=2026-04-02&limit=100")).json()) as {
    paper: { id: string };
    numComments: number;
  }[];
  expect(day.find((item) => item.paper.id === paper.arxiv_id)?.numComments).toBe(3);
});

test("a discussion full of formulas costs a bounded page, API answer and feed; feeds show formulas as their TeX", async ({
  request,
}) => {
  const { rows } = await e2eDb.query<{ id: number; arxiv_id: string }>(
    "SELECT id, arxiv_id FROM papers WHERE feed_day = '2026-04-16' ORDER BY upvotes DESC, title, id LIMIT 1",
  );
  const paper = rows[0];
  if (!paper) throw new Error("no paper on 2026-04-16"); // a day no other test comments on
  const author = await user("Tex");
  // What the probe stored: 19 comments of 500 formulas each made a 1.02 MB page (1.1 s of CPU per view).
  const body = Array.from({ length: 500 }, () => "$x_{n}$").join(" ");
  const bytes = async (url: string) => (await (await request.get(url)).body()).length;
  const before = await bytes(`/papers/${paper.arxiv_id}`);
  for (let i = 0; i < 19; i++) await comment(paper.id, author, body);
  // The page's shared copy, if any, is retired by the database's announcement of the new comments.
  await expect
    .poll(async () => /Discussion <span[^>]*>\((<!-- -->)?19/.test(await (await request.get(`/papers/${paper.arxiv_id}`)).text()))
    .toBe(true);
  // The page holds each comment's text about four times (as HTML, in the flight data, as Markdown for
  // the editor) and at most one discussion's budget of formulas, twice with its escaping: it was
  // 1.02 MB, formulas by the page's own budget of 256 KB.
  const text = 19 * body.length;
  expect(await bytes(`/papers/${paper.arxiv_id}`)).toBeLessThan(before + 4 * text + 3 * DISCUSSION_MATH_BUDGET);
  expect(await bytes(`/api/papers/${paper.arxiv_id}/comments?limit=50`)).toBeLessThan(3 * text + 2 * DISCUSSION_MATH_BUDGET);
  const feed = await (await request.get(`/feeds/comments/${paper.arxiv_id}.xml`)).text();
  expect(feed.length).toBeLessThan(3 * text);
  expect(feed).not.toContain("katex");
  expect(feed).toContain("$x_{n}$");
});

test("a reader comments with Markdown and math, previews, replies, edits, upvotes, reports and deletes", async ({
  browser,
  baseURL,
}) => {
  // Two readers, a dozen steps each, and a display name set on the way: over 30 s on a busy machine.
  test.setTimeout(90_000);
  const { rows } = await e2eDb.query<{ arxiv_id: string }>(
    "SELECT arxiv_id FROM papers WHERE feed_day = '2026-04-03' ORDER BY arxiv_id LIMIT 1",
  );
  const url = `/papers/${rows[0]?.arxiv_id}`;
  const other = await browser.newContext({ baseURL });
  await signInAs(other, baseURL ?? "", uniqueEmail("bob"));
  const bob = await other.newPage();
  await bob.goto(url);
  await bob.getByLabel("Your comment").fill("Bob's **take**: it scales as $n \\log n$.");
  await bob.getByRole("button", { name: "Post comment" }).click();
  await expect(bob.getByTestId("discussion").getByText("Bob's")).toBeVisible();

  const context = await browser.newContext({ baseURL });
  const adaEmail = uniqueEmail("ada");
  await signInAs(context, baseURL ?? "", adaEmail);
  const page = await context.newPage();
  await page.goto(url);
  const composer = page.getByLabel("Your comment");
  await composer.fill("A *question*: does $O(n^2)$ hold? <script>alert(1)</script>");
  await expect(page.getByText(/^\d+ \/ 5,000$/)).toHaveText(
    `${"A *question*: does $O(n^2)$ hold? <script>alert(1)</script>".length} / 5,000`,
  );
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("comment-preview");
  await expect(preview.locator("em")).toHaveText("question");
  await expect(preview.locator(".katex")).toBeVisible();
  await expect(preview).toContainText("<script>alert(1)</script>");
  await page.getByRole("button", { name: "Post comment" }).click();
  const mine = page.getByTestId("comment").filter({ hasText: "does" });
  await expect(mine.locator("em")).toHaveText("question");
  // Others see a neutral handle until Ada chooses a name, never the start of her address.
  const localPart = adaEmail.split("@")[0] ?? "";
  await expect(mine).toContainText(/reader-[0-9a-f]{6}/);
  await expect(mine).not.toContainText(localPart);
  await page.goto("/me/settings");
  await page.getByLabel("Display name").fill("ada@example.org");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "cannot hold an email address" })).toBeVisible();
  await page.getByLabel("Display name").fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ada Lovelace" })).toBeVisible();
  await page.goto(url);
  await expect(mine).toContainText("Ada Lovelace");
  const feed = await (await page.request.get(`/feeds/comments/${rows[0]?.arxiv_id}.xml`)).text();
  expect(feed).toContain("<dc:creator>Ada Lovelace</dc:creator>");
  expect(feed).not.toContain(localPart);

  // Reply to Bob's comment, upvote it, report it.
  const bobs = page.getByTestId("comment").filter({ hasText: "Bob's" });
  await bobs.getByRole("button", { name: "Reply" }).click();
  await page.getByLabel("Your reply").fill("Agreed.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByTestId("comment").filter({ hasText: "Agreed." })).toBeVisible();
  await bobs.getByRole("button", { name: /Upvote$/ }).click();
  await expect(bobs.getByRole("button", { name: /Upvoted$/ })).toHaveAttribute("aria-pressed", "true");
  await bobs.getByRole("button", { name: "Report" }).click();
  await bobs.getByLabel("What is wrong with this comment?").fill("Testing reports");
  await bobs.getByRole("button", { name: "Report" }).last().click();
  await expect(bobs.getByRole("status")).toHaveText(/Reported/);
  const { rows: reports } = await e2eDb.query(
    "SELECT 1 FROM comment_reports r JOIN comments c ON c.id = r.comment_id WHERE c.body LIKE 'Bob''s%'",
  );
  expect(reports.length).toBe(1);

  // Edit, then delete her own comment; only her own has Edit and Delete.
  await expect(bobs.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await mine.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit your comment").fill("A **sharper** question.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const edited = page.getByTestId("comment").filter({ hasText: "sharper" });
  await expect(edited).toContainText("edited");
  page.once("dialog", (dialog) => void dialog.accept());
  await edited.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("comment").filter({ hasText: "sharper" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Discussion (2)" })).toBeVisible();
  await context.close();
  await other.close();
});

test("an operator hides a reported comment for everyone and bans its author from commenting", async ({ browser, baseURL }) => {
  const { rows } = await e2eDb.query<{ id: number; arxiv_id: string }>(
    "SELECT id, arxiv_id FROM papers WHERE feed_day = '2026-04-06' ORDER BY arxiv_id LIMIT 1",
  );
  const paper = rows[0];
  if (!paper) throw new Error("no paper on 2026-04-06");
  const spammer = await browser.newContext({ baseURL });
  const { userId } = await signInAs(spammer, baseURL ?? "", uniqueEmail("spammer"));
  const reporter = await user("Reporter");
  const spam = await comment(paper.id, userId, "Cheap pills at https://spam.example");
  await e2eDb.query("INSERT INTO comment_reports (user_id, comment_id, reason) VALUES ($1, $2, 'spam')", [reporter, spam]);

  // Not an operator: nothing here.
  const reader = await browser.newPage({ baseURL });
  expect((await reader.goto("/moderation"))?.status()).toBe(404);

  const operator = await browser.newPage({ baseURL });
  await operator.goto(`/operator?key=${operatorKey("smtp")}&next=/moderation`);
  // Edited after the report: the operator reads what was reported, and what it says now.
  await e2eDb.query("UPDATE comments SET body = 'A thoughtful remark', edited_at = now() WHERE id = $1", [spam]);
  await operator.reload();
  const report = operator.getByTestId("report").filter({ hasText: "Cheap pills" });
  await expect(report).toContainText("Reports: spam");
  await expect(report.getByTestId("reported-revision")).toContainText("Cheap pills at https://spam.example");
  await expect(report).toContainText("Now: A thoughtful remark");
  await report.getByRole("button", { name: "Hide" }).click();
  await expect(operator.getByTestId("report").filter({ hasText: "Cheap pills" })).toHaveCount(0);
  await expect(async () => {
    await reader.goto(`/papers/${paper.arxiv_id}`);
    await expect(reader.getByText("Cheap pills")).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 10_000 });

  // Banned: the author's next comment is refused with a clear answer.
  const second = await comment(paper.id, userId, "More pills");
  await e2eDb.query("INSERT INTO comment_reports (user_id, comment_id, reason) VALUES ($1, $2, 'spam again')", [
    reporter,
    second,
  ]);
  await operator.reload();
  const secondReport = operator.getByTestId("report").filter({ hasText: "More pills" });
  await secondReport.getByRole("button", { name: "Ban the author from commenting" }).click();
  await expect(secondReport).toContainText("Author banned");
  const page = await spammer.newPage();
  await page.goto(`/papers/${paper.arxiv_id}`);
  await page.getByLabel("Your comment").fill("Still here");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You may no longer comment here." })).toBeVisible();
  // Nor edit what they wrote before.
  await page.reload();
  const mine = page.getByTestId("comment").filter({ hasText: "More pills" });
  await mine.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit your comment").fill("Pills, edited past the ban");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You may no longer comment here." })).toBeVisible();
  expect((await e2eDb.query("SELECT body FROM comments WHERE id = $1", [second])).rows[0]?.body).toBe("More pills");
  await page.reload();
  await page.getByLabel("Your comment").fill("Still here");

  // The ban is listed, and lifting it lets the author comment again.
  await operator.reload();
  const ban = operator.getByTestId("ban").filter({ hasText: "comment " });
  await expect(ban.first()).toBeVisible();
  const { rows: bansBefore } = await e2eDb.query("SELECT 1 FROM comment_bans WHERE user_id = $1", [userId]);
  expect(bansBefore.length).toBe(1);
  await operator
    .getByTestId("ban")
    .filter({ hasText: `comment ${second}` })
    .getByRole("button", { name: "Lift the ban" })
    .click();
  await expect(operator.getByTestId("ban").filter({ hasText: `comment ${second}` })).toHaveCount(0);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("comment").filter({ hasText: "Still here" })).toBeVisible();

  // Edits are limited per user: with this window's edits used up, the next is refused, saying when.
  const { max, windowSeconds } = LIMITS.commentEditsPerUser;
  for (const windowStart of [0, 1].map((n) => (Math.floor(Date.now() / (windowSeconds * 1000)) + n) * windowSeconds * 1000)) {
    await e2eDb.query(
      "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, $3) ON CONFLICT (key, window_start) DO UPDATE SET hits = EXCLUDED.hits",
      [`${LIMITS.commentEditsPerUser.name}:${userId.toLowerCase()}`, new Date(windowStart), max],
    );
  }
  const still = page.getByTestId("comment").filter({ hasText: "Still here" });
  await still.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit your comment").fill("Still here, edited once too often");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Too many edits/ })).toBeVisible();
  await spammer.close();
});

test("a reply emails the author who asked for it, once for the thread within the hour, and one click stops it", async ({
  browser,
  baseURL,
  request,
}) => {
  const { rows } = await e2eDb.query<{ arxiv_id: string }>(
    "SELECT arxiv_id FROM papers WHERE feed_day = '2026-04-03' ORDER BY arxiv_id OFFSET 1 LIMIT 1",
  );
  const url = `/papers/${rows[0]?.arxiv_id}`;
  const bobContext = await browser.newContext({ baseURL });
  const bobEmail = uniqueEmail("bob-replies");
  const { userId: bobId } = await signInAs(bobContext, baseURL ?? "", bobEmail);
  const bob = await bobContext.newPage();
  const optedIn = async () =>
    (await e2eDb.query<{ on: boolean }>("SELECT reply_emails AS on FROM users WHERE id = $1", [bobId])).rows[0]?.on;
  await bob.goto(url);
  const optIn = bob.getByLabel("Email me when someone replies to my comments");
  await expect(optIn).toBeEnabled();
  await expect(optIn).not.toBeChecked();
  await optIn.check();
  await expect(optIn).toBeChecked();
  await expect.poll(optedIn).toBe(true);
  await bob.getByLabel("Your comment").fill("Which datasets were held out?");
  await bob.getByRole("button", { name: "Post comment" }).click();
  await expect(bob.getByTestId("comment").filter({ hasText: "held out" })).toBeVisible();

  const adaContext = await browser.newContext({ baseURL });
  await signInAs(adaContext, baseURL ?? "", uniqueEmail("ada-replies"));
  const ada = await adaContext.newPage();
  await ada.goto(url);
  const thread = ada.getByTestId("comment").filter({ hasText: "held out" });
  for (const answer of ["The last two, see table 3.", "And the appendix lists them all."]) {
    await thread.getByRole("button", { name: "Reply" }).click();
    await ada.getByLabel("Your reply").fill(answer);
    await ada.getByRole("button", { name: "Post reply" }).click();
    await expect(ada.getByTestId("comment").filter({ hasText: answer })).toBeVisible();
    await expect(ada.getByLabel("Your reply")).toHaveCount(0);
  }

  const [mail] = await mailTo(bobEmail, 1, 30_000);
  expect(mail?.subject).toMatch(/ to your comment on “/);
  expect(mail?.text).toContain("> The last two, see table 3.");
  expect(mail?.text).toContain(`${baseURL}${url}#comment-`);
  // The second reply was in that email, or waits for the thread's next hour: never a second email now.
  await bob.waitForTimeout(2_000);
  expect(await mailTo(bobEmail, 1)).toHaveLength(1);
  const { rows: queued } = await e2eDb.query<{ status: string; late: boolean }>(
    `SELECT status::text, next_attempt_at >= (SELECT claimed_at + interval '1 hour' FROM reply_notifications
                                              WHERE recipient_id = $1 AND status = 'sent') AS late
     FROM reply_notifications WHERE recipient_id = $1 ORDER BY id`,
    [bobId],
  );
  expect(queued[0]?.status).toBe("sent");
  expect(queued.slice(1)).toEqual(queued.length > 1 ? [{ status: "pending", late: true }] : []);

  // The unsubscribe link: opening it asks, the button stops them; mail clients POST it in one click.
  const unsubscribe = mail?.headers["list-unsubscribe"]?.replace(/^<|>$/g, "") ?? "";
  expect(unsubscribe).toMatch(/\/api\/notifications\/replies\/unsubscribe\?token=[\w-]{43}$/);
  expect(mail?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  expect(firstLink(mail?.text ?? "", /unsubscribe/)).toBe(unsubscribe);
  const reader = await browser.newPage();
  await reader.goto(unsubscribe);
  await expect(reader).toHaveURL(/\/notifications\/replies\/[\w-]{43}$/);
  expect(await optedIn()).toBe(true); // opening the link changed nothing
  await reader.getByRole("button", { name: "Stop reply emails" }).click();
  await expect(reader.getByRole("status")).toHaveText(/no more reply emails/);
  expect(await optedIn()).toBe(false);
  await bob.reload();
  await expect(bob.getByLabel("Email me when someone replies to my comments")).not.toBeChecked();

  await optIn.check();
  await expect(optIn).toBeChecked();
  await expect.poll(optedIn).toBe(true);
  const oneClick = await request.post(unsubscribe, { data: "List-Unsubscribe=One-Click" });
  expect(oneClick.status()).toBe(200);
  expect(await optedIn()).toBe(false);
  expect((await request.post(unsubscribe.replace(/token=.*/, `token=${"x".repeat(43)}`))).status()).toBe(404);
  await Promise.all([reader.close(), adaContext.close(), bobContext.close()]);
});

test("an answer about the reader's comments that left before their upvote does not take the upvote back", async ({
  browser,
  baseURL,
}) => {
  // The page asks which comments are the reader's again after they post one; an upvote given while that
  // answer is on its way was shown, then undone by it (CI saw "▲ 1 · Upvote" after a reply and an upvote).
  const { rows } = await e2eDb.query<{ id: number; arxiv_id: string }>(
    "SELECT id, arxiv_id FROM papers WHERE feed_day = '2026-04-10' ORDER BY arxiv_id LIMIT 1",
  );
  const paper = rows[0];
  if (!paper) throw new Error("no paper on 2026-04-10");
  await comment(paper.id, await user("Bob"), "Bob's held-answer comment.");
  const context = await browser.newContext({ baseURL });
  await signInAs(context, baseURL ?? "", uniqueEmail("held"));
  const page = await context.newPage();
  await page.goto(`/papers/${paper.arxiv_id}`);
  // The first answer is in once the reply-email setting is known.
  await expect(page.getByLabel("Email me when someone replies to my comments")).toBeEnabled();

  // The next answer is read from the server at once (before the upvote), and handed to the page later.
  let caught: () => void = () => {};
  const read = new Promise<void>((resolve) => {
    caught = resolve;
  });
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/comments/mine", async (route) => {
    const response = await route.fetch();
    caught();
    await released;
    await route.fulfill({ response });
  });
  await page.getByLabel("Your comment").fill("Mine, posted while the upvote is given.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await read;
  const bobs = page.getByTestId("comment").filter({ hasText: "Bob's held-answer" });
  await bobs.getByRole("button", { name: /Upvote$/ }).click();
  await expect(bobs.getByRole("button", { name: /Upvoted$/ })).toHaveAttribute("aria-pressed", "true");

  const delivered = page.waitForEvent("requestfinished", (request) => request.url().endsWith("/comments/mine"));
  release();
  await delivered;
  // The page applies an answer within a frame of its arrival; the upvote must still be shown after it.
  await page.waitForTimeout(500);
  await expect(bobs.getByRole("button", { name: /Upvoted$/ })).toHaveAttribute("aria-pressed", "true");
  await expect(bobs.getByRole("button", { name: /Upvoted$/ })).toHaveText("▲ 1 · Upvoted");
  await context.close();
});
