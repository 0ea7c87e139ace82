-- The trending-papers email: subscribers (double opt-in) and one delivery row per subscriber and period.
CREATE TYPE "digest_frequency" AS ENUM ('daily', 'weekly');
CREATE TYPE "subscriber_status" AS ENUM ('pending', 'active', 'paused', 'unsubscribed');
CREATE TYPE "delivery_status" AS ENUM ('pending', 'sending', 'sent', 'skipped', 'failed');

CREATE TABLE "subscribers" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "user_id" TEXT,
    "token" TEXT NOT NULL,
    "status" "subscriber_status" NOT NULL DEFAULT 'pending',
    "frequency" "digest_frequency" NOT NULL DEFAULT 'daily',
    "keywords" TEXT,
    "confirmed_at" TIMESTAMPTZ(3),
    "unsubscribed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscribers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "subscribers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    -- Addresses are stored lower-cased, so "Ada@x.org" and "ada@x.org" are one subscriber.
    CONSTRAINT "subscribers_email_check" CHECK ("email" = lower("email") AND position('@' in "email") > 1),
    CONSTRAINT "subscribers_token_check" CHECK (length("token") >= 32)
);
CREATE UNIQUE INDEX "subscribers_email_key" ON "subscribers"("email");
CREATE UNIQUE INDEX "subscribers_user_id_key" ON "subscribers"("user_id");
CREATE UNIQUE INDEX "subscribers_token_key" ON "subscribers"("token");
CREATE INDEX "subscribers_status_frequency_idx" ON "subscribers"("status", "frequency");

CREATE TABLE "digest_deliveries" (
    "id" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "frequency" "digest_frequency" NOT NULL,
    "period_key" TEXT NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "claimed_by" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "message_id" TEXT,
    "paper_count" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "digest_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "digest_deliveries_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "digest_deliveries_sent_check" CHECK (("status" = 'sent') = ("sent_at" IS NOT NULL))
);
-- The guarantee behind "never twice": one row per subscriber, frequency and period, claimed before sending.
CREATE UNIQUE INDEX "digest_deliveries_subscriber_id_frequency_period_key_key" ON "digest_deliveries"("subscriber_id", "frequency", "period_key");
CREATE INDEX "digest_deliveries_status_next_attempt_at_idx" ON "digest_deliveries"("status", "next_attempt_at");
