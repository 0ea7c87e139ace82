"use server";

import { ActionError, authAction } from "@/lib/auth/action";
import { LIMITS, type Limit, tooManyMessage } from "@/lib/rate-limit/limits";
import { consumeRateLimits } from "@/lib/rate-limit/mutations";
import { getAccountCreatedAt } from "./data";
import { countLinks, renderCommentMarkdown } from "./markdown";
import { type CommentRefusal, deleteComment, editComment, postComment, reportComment, setCommentVote } from "./mutations";
import {
  commentIdSchema,
  commentVoteSchema,
  editCommentSchema,
  NEW_ACCOUNT_DAYS,
  NEW_ACCOUNT_MAX_LINKS,
  postCommentSchema,
  previewSchema,
  reportCommentSchema,
} from "./schema";

const REFUSALS: Record<CommentRefusal, [ActionError["error"], string]> = {
  "not-found": ["not_found", "This paper or comment does not exist."],
  banned: ["invalid", "You may no longer comment here."],
  "not-a-thread": ["invalid", "Replies answer a comment of this paper's discussion, one level deep."],
  "not-yours": ["not_found", "That comment is not yours to change, or is gone."],
};

function refuse(refusal: CommentRefusal): never {
  const [error, message] = REFUSALS[refusal];
  throw new ActionError(error, message);
}

async function limitPerUser(limit: Limit, userId: string, what: string) {
  const result = await consumeRateLimits([[limit, userId]]);
  if (!result.allowed)
    throw new ActionError("rate_limited", tooManyMessage(result.retryAfterSeconds, what), result.retryAfterSeconds);
}

/** Accounts younger than NEW_ACCOUNT_DAYS may post at most NEW_ACCOUNT_MAX_LINKS links a comment. */
async function checkLinks(userId: string, body: string) {
  if (countLinks(body) <= NEW_ACCOUNT_MAX_LINKS) return;
  const created = await getAccountCreatedAt(userId);
  if (created && Date.now() - created.getTime() < NEW_ACCOUNT_DAYS * 86_400_000) {
    throw new ActionError("invalid", `New accounts may post up to ${NEW_ACCOUNT_MAX_LINKS} links in a comment.`);
  }
}

/** Posts a comment, or a reply when parentId is given. */
export const postCommentAction = authAction(postCommentSchema, async (user, { arxivId, body, parentId }) => {
  await checkLinks(user.id, body);
  await limitPerUser(LIMITS.commentsPerUser, user.id, "comments");
  const result = await postComment({ authorId: user.id, arxivId, body, parentId });
  if (!result.ok) refuse(result.refusal);
  return result.value;
});

export const editCommentAction = authAction(editCommentSchema, async (user, { commentId, body }) => {
  await checkLinks(user.id, body);
  await limitPerUser(LIMITS.commentEditsPerUser, user.id, "edits");
  const result = await editComment(user.id, commentId, body);
  if (!result.ok) refuse(result.refusal);
  return true;
});

export const deleteCommentAction = authAction(commentIdSchema, async (user, { commentId }) => {
  const result = await deleteComment(user.id, commentId);
  if (!result.ok) refuse(result.refusal);
  return true;
});

export const setCommentVoteAction = authAction(commentVoteSchema, async (user, { commentId, upvoted }) => {
  await limitPerUser(LIMITS.votesPerUser, user.id, "upvotes");
  const upvotes = await setCommentVote(user.id, commentId, upvoted);
  if (upvotes === null) refuse("not-found");
  return { upvotes, upvoted };
});

export const reportCommentAction = authAction(reportCommentSchema, async (user, { commentId, reason }) => {
  await limitPerUser(LIMITS.reportsPerUser, user.id, "reports");
  await reportComment(user.id, commentId, reason);
  return true; // a second report of the same comment is answered the same way: it is on record
});

/** The preview before posting: the same renderer as the page's. */
export const previewCommentAction = authAction(previewSchema, async (_user, { body }) => renderCommentMarkdown(body));
