import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { e2eDb } from "./support";

/**
 * The read side of a paper's discussion (issue 11): threads rendered as safe Markdown and math on the
 * shared page, retired when the discussion changes, in the JSON API, with the count in numComments.
 * Comments are written here with SQL, as the posting form does not exist yet.
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
    "SELECT id, arxiv_id, feed_day FROM papers WHERE feed_day = '2026-04-02' ORDER BY arxiv_id LIMIT 1",
  );
  const paper = rows[0];
  if (!paper) throw new Error("no paper on 2026-04-02");
  const url = `/papers/${paper.arxiv_id}`;
  await page.goto(url); // a shared copy now, to be retired by what follows
  await expect(page.getByTestId("discussion")).toHaveCount(0);

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
    await expect(page.getByTestId("discussion")).toBeVisible({ timeout: 500 });
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

  const day = (await (await request.get("/api/daily_papers?date=2026-04-02&limit=100")).json()) as {
    paper: { id: string };
    numComments: number;
  }[];
  expect(day.find((item) => item.paper.id === paper.arxiv_id)?.numComments).toBe(3);
});
