import { describe, expect, it } from "vitest";
import { setDisplayName } from "@/lib/account/mutations";
import { getPaperThreads } from "@/lib/comments/data";
import {
  banCommenter,
  deleteComment,
  editComment,
  postComment,
  reportComment,
  setCommentHidden,
  setCommentVote,
} from "@/lib/comments/mutations";
import { db } from "@/lib/db";
import { buildPaper, createPapers, createUser } from "../support/factories";

const numComments = async (arxivId: string) => (await db.paper.findUniqueOrThrow({ where: { arxivId } })).numComments;

async function posted(input: Parameters<typeof postComment>[0]): Promise<number> {
  const result = await postComment(input);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result.value.id;
}

describe("comments", () => {
  it("show their author by the display name they chose, else a neutral handle: never from the email address", async () => {
    const [paper] = await createPapers(buildPaper());
    const arxivId = paper?.arxivId ?? "";
    const alice = await createUser();
    await db.user.update({ where: { id: alice.id }, data: { email: "alice.smith@work.example" } });
    await posted({ authorId: alice.id, arxivId, body: "Interesting" });
    const [anonymous] = await getPaperThreads(arxivId);
    expect(anonymous?.authorName).toMatch(/^reader-[0-9a-f]{6}$/);
    expect(anonymous?.authorName).not.toMatch(/alice|smith|work/i);
    await setDisplayName(alice.id, "A. Smith");
    expect((await getPaperThreads(arxivId))[0]?.authorName).toBe("A. Smith");
  });

  it("thread one level deep, in reading order, and count what readers see on the paper", async () => {
    const [paper, other] = await createPapers(buildPaper(), buildPaper());
    const arxivId = paper?.arxivId ?? "";
    const [ada, bob] = [await createUser(), await createUser()];
    const first = await posted({ authorId: ada.id, arxivId, body: "First **question**" });
    const reply = await posted({ authorId: bob.id, arxivId, body: "An answer", parentId: first });
    const second = await posted({ authorId: bob.id, arxivId, body: "Another thread" });
    expect(await numComments(arxivId)).toBe(3);

    // A reply to a reply, and a reply to another paper's comment, are refused by the database.
    expect(await postComment({ authorId: ada.id, arxivId, body: "deeper", parentId: reply })).toEqual({
      ok: false,
      refusal: "not-a-thread",
    });
    expect(await postComment({ authorId: ada.id, arxivId: other?.arxivId ?? "", body: "x", parentId: first })).toEqual({
      ok: false,
      refusal: "not-a-thread",
    });
    expect(await postComment({ authorId: ada.id, arxivId: "2999.99999", body: "x" })).toEqual({
      ok: false,
      refusal: "not-found",
    });
    await expect(
      db.$executeRaw`INSERT INTO comments (paper_id, author_id, body) SELECT id, ${ada.id}, '' FROM papers LIMIT 1`,
    ).rejects.toThrow();

    const threads = await getPaperThreads(arxivId);
    expect(threads.map((thread) => [thread.id, thread.replies.map((r) => r.id)])).toEqual([
      [first, [reply]],
      [second, []],
    ]);
    expect(threads[0]?.body).toBe("First **question**");
  });

  it("edit and delete only one's own; a deleted comment with replies stays as [deleted]", async () => {
    const [paper] = await createPapers(buildPaper());
    const arxivId = paper?.arxivId ?? "";
    const [ada, bob] = [await createUser(), await createUser()];
    const first = await posted({ authorId: ada.id, arxivId, body: "Original" });
    const lone = await posted({ authorId: ada.id, arxivId, body: "Lone" });
    await posted({ authorId: bob.id, arxivId, body: "Reply", parentId: first });

    expect(await editComment(bob.id, first, "Hijacked")).toEqual({ ok: false, refusal: "not-yours" });
    expect(await deleteComment(bob.id, first)).toEqual({ ok: false, refusal: "not-yours" });
    expect(await editComment(ada.id, first, "Edited")).toEqual({ ok: true, value: true });

    expect(await deleteComment(ada.id, lone)).toEqual({ ok: true, value: true });
    expect(await db.comment.findUnique({ where: { id: lone } })).toBeNull();
    expect(await deleteComment(ada.id, first)).toEqual({ ok: true, value: true });
    const [thread] = await getPaperThreads(arxivId);
    expect(thread).toMatchObject({ id: first, body: null, authorName: "[deleted]" });
    expect(thread?.replies.map((reply) => reply.body)).toEqual(["Reply"]);
    expect(await numComments(arxivId)).toBe(1);
    expect(await editComment(ada.id, first, "Back from the dead")).toEqual({ ok: false, refusal: "not-yours" });
  });

  it("one upvote per user and comment, counted by the database, whatever the order of clicks", async () => {
    const [paper] = await createPapers(buildPaper());
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    const id = await posted({ authorId: users[0]?.id ?? "", arxivId: paper?.arxivId ?? "", body: "Vote on me" });
    await Promise.all(users.flatMap((user) => [setCommentVote(user.id, id, true), setCommentVote(user.id, id, true)]));
    expect(await setCommentVote(users[0]?.id ?? "", id, false)).toBe(4);
    const [row] = await db.$queryRaw<{ upvotes: number; votes: number }[]>`
      SELECT upvotes, (SELECT count(*)::int FROM comment_votes WHERE comment_id = ${id}) AS votes FROM comments WHERE id = ${id}`;
    expect(row).toEqual({ upvotes: 4, votes: 4 });
  });

  it("reports count once per user; an operator's hide removes the comment for everyone and from the count", async () => {
    const [paper] = await createPapers(buildPaper());
    const arxivId = paper?.arxivId ?? "";
    const [ada, bob] = [await createUser(), await createUser()];
    const id = await posted({ authorId: ada.id, arxivId, body: "Spam" });
    expect(await reportComment(bob.id, id, "spam")).toBe(true);
    expect(await reportComment(bob.id, id, "spam again")).toBe(false);
    expect(await db.commentReport.count({ where: { commentId: id } })).toBe(1);
    // An edit after the report does not change what the report was about.
    expect(await editComment(ada.id, id, "Something harmless")).toEqual({ ok: true, value: true });
    await db.$executeRaw`UPDATE comment_reports SET reported_body = 'rewritten' WHERE comment_id = ${id}`;
    expect((await db.commentReport.findFirstOrThrow({ where: { commentId: id } })).reportedBody).toBe("Spam");

    await setCommentHidden(id, true);
    expect(await getPaperThreads(arxivId)).toEqual([]);
    expect(await numComments(arxivId)).toBe(0);
    expect(await db.commentReport.count({ where: { commentId: id, resolvedAt: null } })).toBe(0);
    await setCommentHidden(id, false);
    expect(await numComments(arxivId)).toBe(1);
  });

  it("a banned user cannot post nor edit (only delete), and deleting a user takes their comments and the counts with them", async () => {
    const [paper] = await createPapers(buildPaper());
    const arxivId = paper?.arxivId ?? "";
    const [ada, bob] = [await createUser(), await createUser()];
    const before = await posted({ authorId: bob.id, arxivId, body: "Before the ban" });
    const regretted = await posted({ authorId: bob.id, arxivId, body: "Regretted" });
    await banCommenter(bob.id, "abuse");
    expect(await postComment({ authorId: bob.id, arxivId, body: "After" })).toEqual({ ok: false, refusal: "banned" });
    // Nor change what they wrote: the database refuses it, whoever asks.
    expect(await editComment(bob.id, before, "Swapped after the ban")).toEqual({ ok: false, refusal: "banned" });
    await expect(db.$executeRaw`UPDATE comments SET body = 'x' WHERE id = ${before}`).rejects.toThrow(/may not comment/);
    expect((await db.comment.findUniqueOrThrow({ where: { id: before } })).body).toBe("Before the ban");
    // Deleting stays possible (a banned author may take their words back).
    expect(await deleteComment(bob.id, regretted)).toEqual({ ok: true, value: true });
    await posted({ authorId: ada.id, arxivId, body: "Fine" });
    expect(await numComments(arxivId)).toBe(2);
    await db.user.delete({ where: { id: bob.id } });
    expect(await numComments(arxivId)).toBe(1);
  });
});
