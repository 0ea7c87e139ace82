-- Reply emails (issue 11): "someone replied to your comment", for readers who opted in, at most one
-- email per thread per hour. A reply fills an outbox row in the same transaction (so no reply is
-- forgotten by a crashed web process), the job queue's worker claims and sends due rows.

ALTER TABLE "users" ADD COLUMN "reply_emails" BOOLEAN NOT NULL DEFAULT false;
-- Authorises the one-click unsubscribe link of reply emails without a login; set when the reader opts in.
ALTER TABLE "users" ADD COLUMN "reply_email_token" TEXT;
CREATE UNIQUE INDEX "users_reply_email_token_key" ON "users"("reply_email_token");

CREATE TABLE "reply_notifications" (
    "id" SERIAL NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "thread_id" INTEGER NOT NULL,
    -- The email tells of the thread's replies from this one on (the first reply that called for it).
    "since_reply_id" INTEGER NOT NULL,
    -- The last reply the sent email told of.
    "through_reply_id" INTEGER,
    "status" "delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3),
    "claimed_by" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "message_id" TEXT,
    "reply_count" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reply_notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "reply_notifications_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "reply_notifications_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- One open (waiting or being sent) email per reader and thread: the replies that arrive meanwhile join it.
CREATE UNIQUE INDEX "reply_notifications_open_key" ON "reply_notifications"("recipient_id", "thread_id")
  WHERE "status" IN ('pending', 'sending');
-- The hour since the last email of a thread.
CREATE INDEX "reply_notifications_recipient_id_thread_id_claimed_at_idx" ON "reply_notifications"("recipient_id", "thread_id", "claimed_at");
-- What is due, in order.
CREATE INDEX "reply_notifications_status_next_attempt_at_idx" ON "reply_notifications"("status", "next_attempt_at");
CREATE INDEX "reply_notifications_thread_id_idx" ON "reply_notifications"("thread_id");

-- Queues the email for the reply `reply_id` (its thread's author, if they opted in and did not write
-- it): joins the open email of that reader and thread, or opens one due an hour after the last.
CREATE FUNCTION "reply_notifications_queue"(reply_id INTEGER, thread INTEGER, replier TEXT, not_before TIMESTAMPTZ)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  recipient TEXT;
BEGIN
  SELECT c."author_id" INTO recipient
  FROM "comments" c JOIN "users" u ON u."id" = c."author_id"
  WHERE c."id" = thread AND u."reply_emails" AND u."email" IS NOT NULL AND c."author_id" <> replier;
  IF recipient IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO "reply_notifications" ("recipient_id", "thread_id", "since_reply_id", "next_attempt_at")
  SELECT recipient, thread, reply_id, GREATEST(not_before, COALESCE(max(r."claimed_at") + interval '1 hour', not_before))
  FROM "reply_notifications" r
  WHERE r."recipient_id" = recipient AND r."thread_id" = thread AND r."status" = 'sent'
  ON CONFLICT ("recipient_id", "thread_id") WHERE "status" IN ('pending', 'sending') DO NOTHING;
  -- Wakes the worker (lib/jobs/worker.ts) when the transaction commits; its every-minute run is the backstop.
  PERFORM pg_notify('reply_notifications', '');
END;
$$;

CREATE FUNCTION "comments_queue_reply_email"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "reply_notifications_queue"(NEW."id", NEW."parent_id", NEW."author_id", now());
  RETURN NULL;
END;
$$;
CREATE TRIGGER "comments_queue_reply_email" AFTER INSERT ON "comments"
FOR EACH ROW WHEN (NEW."parent_id" IS NOT NULL) EXECUTE FUNCTION "comments_queue_reply_email"();
