import { expect, test } from "@playwright/test";
import { parse } from "@retorquere/bibtex-parser";
import { e2eDb, mailTo, runScript, signInAs, uniqueEmail } from "./support";

/**
 * Issue 12 end to end: a new reader follows an author and a topic, saves and upvotes papers, and gets
 * a For you feed whose cards say why, true to what they did; the author page, the reading list and
 * its exports, and the personal digest with the same papers and reasons.
 */
const CATEGORY = "cs.RO";
const KEYWORD = "speculative decoding";

test("a new reader follows an author and a topic, saves and upvotes, and gets a For you feed and digest that explain themselves", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // Papers from Hugging Face's lists carry no categories; arXiv gives them (`npm run import -- --arxiv`),
  // as here for the robotics papers.
  await e2eDb.query(`UPDATE papers SET categories = ARRAY[$1, 'cs.AI'] WHERE title ~* 'robot|embodied'`, [CATEGORY]);
  const { rows: authors } = await e2eDb.query<{ name: string; n: number }>(
    `SELECT a AS name, count(*)::int AS n FROM papers, unnest(authors) AS a
     WHERE feed_day >= '2026-04-01' GROUP BY a HAVING count(*) >= 3 ORDER BY count(*) DESC, a LIMIT 1`,
  );
  const author = authors[0];
  if (!author) throw new Error("no author with three papers in the seed");
  const { rows: videos } = await e2eDb.query<{ arxiv_id: string; title: string; feed_day: string }>(
    `SELECT arxiv_id, title, feed_day::text FROM papers WHERE title ~* '\\mvideo' AND NOT ($1 = ANY(authors))
     ORDER BY arxiv_id LIMIT 4`,
    [author.name],
  );
  const [upvoteA, upvoteB, saveA, saveB] = videos;
  if (!upvoteA || !upvoteB || !saveA || !saveB) throw new Error("too few video papers in the seed");

  const context = await browser.newContext({ baseURL });
  const { userId, email } = await signInAs(context, baseURL ?? "", uniqueEmail("for-you"));
  const page = await context.newPage();

  // Nothing told yet: a first step, not an empty page.
  await page.goto("/papers/for-you");
  await expect(page.getByRole("heading", { name: "Tell us what you like" })).toBeVisible();
  await expect(
    page.getByTestId("topic-choices").getByRole("button", { name: new RegExp(`^Follow ${CATEGORY} \\(\\d+\\)$`) }),
  ).toBeVisible();

  // The author page: their papers, newest first, and a follow button.
  await page.goto(`/authors/${encodeURIComponent(author.name)}`);
  await expect(page.getByRole("heading", { level: 1, name: author.name })).toBeVisible();
  await expect(page.getByTestId("author-totals")).toContainText(`${author.n} papers`);
  await expect(page.getByTestId("paper-card")).toHaveCount(Math.min(author.n, 30));
  await page.getByRole("button", { name: `Follow ${author.name}` }).click();
  await expect(page.getByRole("button", { name: `Following ${author.name}` })).toHaveAttribute("aria-pressed", "true");

  // A topic: from a paper's category chip to the category's papers.
  await page.goto(`/papers?category=${CATEGORY}`);
  await expect(page.getByRole("heading", { level: 1, name: CATEGORY })).toBeVisible();
  await expect(page.getByTestId("paper-card").first().getByRole("link", { name: CATEGORY })).toBeVisible();
  await page.getByRole("button", { name: `Follow ${CATEGORY}` }).click();
  await expect(page.getByRole("button", { name: `Following ${CATEGORY}` })).toBeVisible();

  // Upvote two video papers on their pages, save two with the bookmark.
  for (const paper of [upvoteA, upvoteB]) {
    await page.goto(`/papers/${paper.arxiv_id}`);
    await page.getByRole("button", { name: /^Upvote, / }).click();
    await expect(page.getByRole("button", { name: /^Remove your upvote, / })).toBeVisible();
  }
  for (const paper of [saveA, saveB]) {
    await page.goto(`/papers/date/${paper.feed_day}`);
    const card = page.locator(`[data-testid="paper-card"][data-arxiv-id="${paper.arxiv_id}"]`);
    if ((await card.count()) === 0) await page.goto(`/papers/${paper.arxiv_id}`);
    const scope = (await card.count()) ? card : page.locator("main");
    const bookmark = scope.getByRole("button", { name: "Save for later" }).first();
    await bookmark.click();
    await expect(scope.locator('button.save[aria-pressed="true"]').first()).toBeVisible();
  }
  await expect.poll(async () => (await e2eDb.query("SELECT 1 FROM follows WHERE user_id = $1", [userId])).rowCount).toBe(2);
  await expect.poll(async () => (await e2eDb.query("SELECT 1 FROM saved_papers WHERE user_id = $1", [userId])).rowCount).toBe(2);
  // And a keyword, from the feed's "What you follow".
  await page.goto("/papers/for-you");
  await page.locator("summary", { hasText: "What you follow" }).click();
  await expect(page.getByTestId("follows").getByRole("button", { name: `Following ${author.name}` })).toBeVisible();
  await page.getByLabel("Follow a keyword").fill(KEYWORD);
  await page.getByRole("button", { name: "Follow", exact: true }).click();
  await expect.poll(async () => (await e2eDb.query("SELECT 1 FROM follows WHERE user_id = $1", [userId])).rowCount).toBe(3);

  // The feed: every reason on the top cards is true of that paper and of what the reader did.
  await page.goto("/papers/for-you");
  const cards = page.getByTestId("paper-card");
  await expect(cards.first()).toBeVisible();
  const liked = new Map([upvoteA, upvoteB, saveA, saveB].map((paper, index) => [paper.title, index < 2 ? "upvoted" : "saved"]));
  const shown = await cards.evaluateAll((elements) =>
    elements.map((element) => ({
      arxivId: element.getAttribute("data-arxiv-id") ?? "",
      reasons: [...element.querySelectorAll('[data-testid="reasons"] li')].map((li) => li.textContent ?? ""),
    })),
  );
  expect(shown.length).toBeGreaterThanOrEqual(10);
  const top = shown.slice(0, 10);
  expect(top.every((card) => card.reasons.length > 0)).toBe(true);
  const kinds = new Set<string>();
  for (const card of shown) {
    const { rows } = await e2eDb.query<{ authors: string[]; categories: string[] }>(
      "SELECT authors, categories FROM papers WHERE arxiv_id = $1",
      [card.arxivId],
    );
    const paper = rows[0];
    expect(liked.has(card.arxivId)).toBe(false);
    for (const reason of card.reasons) {
      const similar = /^Because you (upvoted|saved) “(.+)”$/.exec(reason);
      if (reason === `You follow ${author.name}`) {
        kinds.add("author");
        expect(paper?.authors).toContain(author.name);
      } else if (reason === `In ${CATEGORY}, which you follow`) {
        kinds.add("category");
        expect(paper?.categories).toContain(CATEGORY);
      } else if (reason === `Matches “${KEYWORD}”`) {
        kinds.add("keyword");
        const { rows: text } = await e2eDb.query<{ t: string }>(
          "SELECT title || ' ' || abstract AS t FROM papers WHERE arxiv_id = $1",
          [card.arxivId],
        );
        expect(text[0]?.t.toLowerCase()).toContain(KEYWORD);
      } else if (similar) {
        kinds.add("similar");
        expect(liked.get(similar[2] ?? "")).toBe(similar[1]);
      } else throw new Error(`unexpected reason "${reason}" on ${card.arxivId}`);
    }
  }
  expect([...kinds].sort()).toEqual(["author", "category", "keyword", "similar"]);
  // The followed author's papers come first: following is the strongest signal.
  const authorCards = shown.filter((card) => card.reasons.includes(`You follow ${author.name}`));
  expect(authorCards.length).toBe(author.n);
  expect(shown.slice(0, author.n).every((card) => card.reasons.includes(`You follow ${author.name}`))).toBe(true);

  // The reading list, a note, and its exports.
  await page.goto("/me/saved");
  await expect(page.getByTestId("saved-paper")).toHaveCount(2);
  const note = page.getByLabel(`Your note on ${saveA.title}`);
  await note.fill("Compare with the baseline in table 2");
  await page.getByTestId("saved-paper").filter({ has: note }).getByRole("button", { name: "Save note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Note saved." })).toBeVisible();
  const bib = await context.request.get("/me/saved/export.bib");
  expect(bib.headers()["content-type"]).toMatch(/^application\/x-bibtex/);
  const library = parse(await bib.text());
  expect(library.errors).toEqual([]);
  expect(library.entries.map((entry) => entry.fields.eprint).sort()).toEqual([saveA.arxiv_id, saveB.arxiv_id].sort());
  // The note goes with its paper, as `annote`.
  expect(library.entries.find((entry) => entry.fields.eprint === saveA.arxiv_id)?.fields.annote).toBe(
    "Compare with the baseline in table 2",
  );
  expect((await (await context.request.get("/me/saved/export.txt")).text()).trim().split("\n").sort()).toEqual(
    [saveA.arxiv_id, saveB.arxiv_id].sort(),
  );
  expect((await (await browser.newContext({ baseURL })).request.get("/me/saved/export.bib")).status()).toBe(401);

  // The personal digest of a day in the feed: the same papers, in the same order, with the same reasons.
  const day = top.length
    ? (await e2eDb.query<{ d: string }>("SELECT feed_day::text AS d FROM papers WHERE arxiv_id = $1", [top[0]?.arxivId])).rows[0]
        ?.d
    : null;
  // Subscribe with one click, and choose "For you" on the preferences page.
  await page.goto("/");
  const strip = page.getByRole("region", { name: "Email digest" });
  await strip.getByRole("button", { name: `Subscribe as ${email}` }).click();
  await expect(strip).toContainText("You are subscribed.");
  await page.reload();
  await strip.getByRole("link", { name: "Preferences" }).click();
  await page.getByLabel(/^For you: ranked by what you upvote/).check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  const { rows: modes } = await e2eDb.query<{ mode: string }>("SELECT mode::text FROM subscribers WHERE email = $1", [email]);
  expect(modes[0]?.mode).toBe("for_you");
  const sent = await runScript("scripts/digest.ts", ["--date", day ?? "", "--subscriber", email], baseURL ?? "");
  expect(sent.code, sent.output).toBe(0);
  // The digest of that day (another test's run of the scheduled digest could send this reader another day's).
  let mail: Awaited<ReturnType<typeof mailTo>>[number] | undefined;
  for (let count = 1; count <= 3 && !mail; count++) {
    mail = (await mailTo(email, count)).find((message) => message.text.includes(`/papers/date/${day}`));
  }
  expect(mail?.subject).toMatch(/^Your papers, /);
  const inMail = [...(mail?.text ?? "").matchAll(/^\d+\. .+\n {3}.+\n(?: {3}Why: (.+)\n)? {3}\S+\/papers\/(\S+)$/gm)].map(
    (match) => ({
      arxivId: match[2] ?? "",
      why: match[1] ?? "",
    }),
  );
  const { rows: ofDay } = await e2eDb.query<{ arxiv_id: string }>("SELECT arxiv_id FROM papers WHERE feed_day = $1::date", [day]);
  const dayIds = new Set(ofDay.map((row) => row.arxiv_id));
  const feedOfDay = shown
    .filter((card) => dayIds.has(card.arxivId))
    .map((card) => ({ arxivId: card.arxivId, why: card.reasons.join(" · ") }));
  expect(feedOfDay.length).toBeGreaterThan(0);
  expect(inMail.length).toBeGreaterThan(0);
  expect(inMail.some((entry) => entry.why !== "")).toBe(true);
  expect(inMail.slice(0, feedOfDay.length)).toEqual(feedOfDay.slice(0, inMail.length));
  await context.close();
});
