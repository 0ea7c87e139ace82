import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import { e2eDb, mailTo, runScript, uniqueEmail } from "./support";

/**
 * Hostile text pushed through the importer (the way any paper arrives) into every place it is shown:
 * the feed, the paper page, search, the JSON API, RSS (as a naive reader renders it) and the digest
 * email, each opened in Chromium. Every payload tries to run `alert` or set an event handler; the
 * test fails on any dialog, any `on*` attribute or `javascript:` link, any script that is not ours.
 */
const MARK = "zqxsafe";
const CORPUS = [
  `<script>alert("${MARK}1")</script>`,
  `<img src=x onerror=alert("${MARK}2")>`,
  `"><svg onload=alert("${MARK}3")>`,
  `<a href="javascript:alert('${MARK}4')">click</a>`,
  `'-alert("${MARK}5")-'`,
  `</title><script>alert("${MARK}6")</script>`,
  `<iframe srcdoc="<script>alert('${MARK}7')</script>">`,
  `$\\href{javascript:alert('${MARK}8')}{x}$ and $<b onmouseover=alert("${MARK}9")>$`,
  `<![CDATA[<script>alert("${MARK}10")</script>]]>`,
  `&lt;script&gt;alert("${MARK}11")&lt;/script&gt; {{constructor.constructor('alert(12)')()}}`,
  `<details open ontoggle=alert("${MARK}13")>`,
  `\u202E<script>alert("${MARK}14")</script>`,
];
const DAY = "2019-03-05";

async function expectInert(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const handlers = [...document.querySelectorAll("*")].flatMap((element) =>
      [...element.attributes]
        .filter((attribute) => /^on/i.test(attribute.name))
        .map((attribute) => `${element.tagName} ${attribute.name}`),
    );
    const links = [...document.querySelectorAll("a[href], iframe[src]")]
      .map((element) => element.getAttribute("href") ?? element.getAttribute("src") ?? "")
      .filter((href) => /^\s*javascript:/i.test(href));
    // A script that runs, holding a payload's text, other than Next.js's RSC data (where it is a JSON
    // string); data blocks (JSON-LD) do not run.
    const scripts = [...document.querySelectorAll('script:not([type]), script[type="text/javascript"], script[type="module"]')]
      .map((script) => script.textContent ?? "")
      .filter((text) => text.includes("zqxsafe") && !/^\s*\(?self\.__next_f\b[\s\S]*?\.push\(\[/.test(text));
    return { handlers, links, scripts, frames: document.querySelectorAll("iframe[srcdoc]").length };
  });
  expect(found, where).toEqual({ handlers: [], links: [], scripts: [], frames: 0 });
}

test("a corpus of XSS payloads in imported papers stays inert in pages, API, RSS and email", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  const papers = CORPUS.map((payload, i) => ({
    paper: {
      id: `1903.${String(10_000 + i)}`,
      title: `${MARK} title ${i} ${payload}`,
      summary: `${MARK} abstract ${i}: ${payload} and more text ${payload}`,
      authors: [{ name: `Author ${payload}`.slice(0, 290) }, { name: "Ada Lovelace" }],
      publishedAt: `${DAY}T00:00:00.000Z`,
      upvotes: 100 - i,
    },
    publishedAt: `${DAY}T00:00:00.000Z`,
    title: `${MARK} title ${i}`,
    numComments: 0,
  }));
  const dir = await mkdtemp(path.join(os.tmpdir(), "xss-"));
  const file = path.join(dir, "papers.json");
  await writeFile(file, JSON.stringify(papers));
  const imported = await runScript("scripts/import.ts", [file], baseURL ?? "");
  expect(imported.code, imported.output).toBe(0);
  const { rows } = await e2eDb.query<{ n: number }>("SELECT count(*)::int AS n FROM papers WHERE title LIKE $1", [`${MARK}%`]);
  expect(rows[0]?.n).toBe(CORPUS.length);

  // Pages, with their runtime started (a key press), as a reader would.
  for (const url of [
    `/papers/date/${DAY}`,
    "/papers/1903.10001",
    "/papers/1903.10007",
    `/papers?q=${MARK}`,
    "/papers/week/2019-W10",
    "/papers/month/2019-03",
  ]) {
    await page.goto(url);
    await page.keyboard.press("Tab");
    await page.mouse.move(200, 300);
    await page.waitForLoadState("networkidle");
    await expect(page.getByText(`${MARK} title`).first()).toBeVisible();
    await expectInert(page, url);
  }

  // Search results send their highlighted titles and excerpts as HTML: each payload shows as its text,
  // with the query's word marked.
  await page.goto(`/papers?q=${MARK}`);
  const result = page.locator('[data-testid="search-result"][data-arxiv-id="1903.10001"]');
  await expect(result.getByRole("heading", { level: 2 })).toHaveText(`${MARK} title 1 ${CORPUS[1]}`);
  await expect(result.locator("h2 mark")).toHaveText(MARK);
  await expect(result.locator("p mark").first()).toHaveText(MARK);

  // The JSON API, opened in the browser: text, not markup.
  for (const url of [`/api/daily_papers?date=${DAY}`, `/api/papers/search?q=${MARK}`, "/api/papers/1903.10002"]) {
    const response = await page.goto(url);
    expect(response?.headers()["content-type"]).toMatch(/^application\/json/);
    await expectInert(page, url);
    const json = await (await request.get(url)).json();
    expect(JSON.stringify(json)).toMatch(/onload=alert\(\\"zqxsafe3\\"\)>/); // the text, kept as text
  }

  // RSS, as a naive reader renders it: each description and title set as innerHTML.
  const xml = await (await request.get(`/feeds/search.xml?q=${MARK}`)).text();
  const items = new XMLParser({ isArray: (name) => name === "item" }).parse(xml).rss.channel.item as {
    title: string;
    description: string;
  }[];
  expect(items.length).toBe(CORPUS.length);
  // A blank page, without our Content-Security-Policy: what is checked is the markup itself.
  await page.goto("about:blank");
  await page.evaluate((entries) => {
    document.body.innerHTML = entries.map((item) => `<h2>${item.title}</h2><div>${item.description}</div>`).join("");
  }, items);
  await expect(page.getByText(`${MARK} abstract 1:`)).toBeVisible();
  await expectInert(page, "RSS rendered as HTML");

  // The digest email of that day, opened as a mail program shows HTML.
  const to = uniqueEmail("xss-digest");
  const sent = await runScript("scripts/digest.ts", ["--date", DAY, "--to", to], baseURL ?? "");
  expect(sent.code, sent.output).toBe(0);
  const [mail] = await mailTo(to);
  expect(mail?.html).toContain(MARK);
  await page.goto("about:blank");
  await page.setContent(mail?.html ?? "");
  await expectInert(page, "digest email");
  expect(mail?.text).toContain(`<script>alert("${MARK}1")</script>`); // plain text shows it as it is

  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});

test("the same corpus in comments and replies stays inert in the page, the API, the comment feed and the reply email", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const { rows: papers } = await e2eDb.query<{ id: number; arxiv_id: string }>(
    "SELECT id, arxiv_id FROM papers WHERE feed_day = '2026-04-09' ORDER BY arxiv_id LIMIT 1",
  );
  const paper = papers[0];
  if (!paper) throw new Error("no paper on 2026-04-09");
  const bob = uniqueEmail("xss-thread");
  const { rows: users } = await e2eDb.query<{ id: string }>(
    `INSERT INTO users (id, name, email, reply_emails, reply_email_token)
     VALUES (gen_random_uuid()::text, $1, $2, true, substr(md5(random()::text) || md5(random()::text), 1, 43)),
            (gen_random_uuid()::text, $3, $4, false, NULL)
     RETURNING id`,
    [`Bob ${CORPUS[1]}`, bob, `Ada ${CORPUS[2]}`, uniqueEmail("xss-replier")],
  );
  const [bobId, adaId] = users.map((user) => user.id);
  // Bob's thread holds the whole corpus; Ada answers with one payload a reply, in one transaction, so
  // that they make one email.
  const { rows: threads } = await e2eDb.query<{ id: number }>(
    "INSERT INTO comments (paper_id, author_id, body) VALUES ($1, $2, $3) RETURNING id",
    [paper.id, bobId, `${MARK} thread\n\n${CORPUS.join("\n\n")}`],
  );
  await e2eDb.query(
    `INSERT INTO comments (paper_id, author_id, parent_id, body)
     SELECT $1, $2, $3, $5 || ' reply ' || n || ': ' || payload FROM unnest($4::text[]) WITH ORDINALITY AS c(payload, n)`,
    [paper.id, adaId, threads[0]?.id, CORPUS, MARK],
  );

  const url = `/papers/${paper.arxiv_id}`;
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByText(`${MARK} reply 12:`)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press("Tab");
  await page.waitForLoadState("networkidle");
  await expectInert(page, url);

  const api = `/api/papers/${paper.arxiv_id}/comments`;
  const response = await page.goto(api);
  expect(response?.headers()["content-type"]).toMatch(/^application\/json/);
  await expectInert(page, api);
  const json = (await (await request.get(api)).json()) as { comments: { bodyHtml: string; replies: { bodyHtml: string }[] }[] };
  const mine = json.comments.find((thread) => thread.bodyHtml.includes(`${MARK} thread`));
  expect(mine?.replies).toHaveLength(CORPUS.length);
  // The rendered HTML the API hands out, put into a page as a client would.
  await page.goto("about:blank");
  await page.evaluate(
    (html) => {
      document.body.innerHTML = html.join("");
    },
    [mine?.bodyHtml ?? "", ...(mine?.replies ?? []).map((reply) => reply.bodyHtml)],
  );
  await expect(page.getByText(`${MARK} reply 1:`)).toBeVisible();
  await expectInert(page, "comment HTML from the API");

  const xml = await (await request.get(`/feeds/comments/${paper.arxiv_id}.xml`)).text();
  const items = new XMLParser({ isArray: (name) => name === "item" }).parse(xml).rss.channel.item as {
    title: string;
    description: string;
  }[];
  expect(items.length).toBeGreaterThanOrEqual(CORPUS.length + 1);
  await page.evaluate((entries) => {
    document.body.innerHTML = entries.map((item) => `<h2>${item.title}</h2><div>${item.description}</div>`).join("");
  }, items);
  await expect(page.getByText(`${MARK} reply 3:`)).toBeVisible();
  await expectInert(page, "comment feed rendered as HTML");

  // The reply email Bob gets (the worker inside the app sends it), opened as a mail program shows HTML.
  const [mail] = await mailTo(bob, 1, 30_000);
  expect(mail?.subject).toMatch(/^12 new replies to your comment/);
  expect(mail?.html).toContain(`${MARK} reply 1:`);
  await page.setContent(mail?.html ?? "");
  await expectInert(page, "reply email");
  expect(mail?.text).toContain(`<script>alert("${MARK}1")</script>`); // plain text shows it as it is

  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});
