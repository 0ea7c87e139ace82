import { formatPeriod, parseDay } from "@/lib/dates";
import { composeDigest } from "@/lib/digest/compose";
import { getDeliveryCounts, getRankedPeriodPapers, listActiveSubscribers } from "@/lib/digest/data";
import { parseStoredKeywords } from "@/lib/digest/keywords";
import { periodContaining, scheduledPeriod } from "@/lib/digest/period";
import { emailSchema, frequencySchema } from "@/lib/digest/schema";
import { newWorkerId, runDigest } from "@/lib/digest/send";
import { closeMailTransport, mailDelivery, sendMail } from "@/lib/email/transport";
import { appUrl, env } from "@/lib/env";
import { runScript, UsageError } from "./lib/cli";

const USAGE = `Usage: npm run digest -- [--date YYYY-MM-DD] [--frequency daily|weekly] [--dry-run] [--to ADDRESS] [--subscriber ADDRESS]

Sends the trending-papers digest of one period now, and prints what it did.

  --date        a day of the period (default: the period the schedule would send now:
                yesterday for daily, last week for weekly, in DIGEST_TIME_ZONE)
  --frequency   daily (the day) or weekly (the ISO week holding the date); default daily
  --dry-run     send nothing, record nothing: list who would get what
  --to ADDRESS  send this period's digest to one address only (a preview; not recorded)
  --subscriber ADDRESS
                send it to this one subscriber only, as the schedule would (recorded, in their mode)

Each subscriber gets a period's digest once: re-running, or running beside the scheduled worker,
sends only what has not been sent. Mail goes to SMTP_URL, or the local outbox when it is unset.`;

await runScript({
  usage: USAGE,
  options: {
    date: { type: "string" },
    frequency: { type: "string", default: "daily" },
    "dry-run": { type: "boolean", default: false },
    to: { type: "string" },
    subscriber: { type: "string" },
  },
  main: async ({ values }) => {
    const frequency = frequencySchema.safeParse(values.frequency);
    if (!frequency.success) throw new UsageError(`--frequency must be daily or weekly, not "${String(values.frequency)}".`);
    let period = scheduledPeriod(frequency.data, env.DIGEST_TIME_ZONE);
    if (values.date !== undefined) {
      const day = parseDay(String(values.date));
      if (!day) throw new UsageError(`--date must be a calendar date YYYY-MM-DD, not "${String(values.date)}".`);
      period = periodContaining(frequency.data, day);
    }
    const label = `${frequency.data === "daily" ? "Daily" : "Weekly"} digest for ${formatPeriod(period)}`;
    const ranked = await getRankedPeriodPapers(period);
    if (ranked.length === 0) {
      console.log(`${label}: no papers in this period, so there is nothing to send.`);
      return 0;
    }
    console.log(`${label}: ${ranked.length} papers; top: ${ranked[0]?.title}`);

    if (values.to !== undefined) {
      const to = emailSchema.safeParse(values.to);
      if (!to.success) throw new UsageError(`--to must be an email address, not "${String(values.to)}".`);
      const email = composeDigest({
        appUrl,
        period,
        ranked,
        recipient: { frequency: frequency.data, keywords: [], token: "preview-token-links-do-not-work-here-xxxxxxx" },
        size: env.DIGEST_SIZE,
      });
      if (!email) return 0;
      if (values["dry-run"]) {
        console.log(`Would send "${email.subject}" (${email.arxivIds.length} papers) to ${to.data}.`);
        return 0;
      }
      await sendMail({ to: to.data, subject: email.subject, html: email.html, text: email.text, headers: email.headers });
      closeMailTransport();
      console.log(
        `Sent a preview, "${email.subject}", to ${to.data} (${mailDelivery() === "outbox" ? "local outbox, see /dev/mailbox" : "SMTP"}). Not recorded.`,
      );
      return 0;
    }

    if (values["dry-run"]) {
      const subscribers = await listActiveSubscribers(frequency.data);
      const already = await getDeliveryCounts(frequency.data, period.key);
      console.log(
        `${subscribers.length} active ${frequency.data} subscribers; already recorded: ${already.sent} sent, ${already.skipped} skipped, ${already.failed} failed.`,
      );
      for (const subscriber of subscribers) {
        const email = composeDigest({
          appUrl,
          period,
          ranked,
          recipient: { frequency: frequency.data, keywords: parseStoredKeywords(subscriber.keywords), token: subscriber.token },
          size: env.DIGEST_SIZE,
        });
        console.log(
          email
            ? `  would send "${email.subject}" (${email.arxivIds.length} papers) to ${subscriber.email}`
            : `  would skip ${subscriber.email}: no paper matches their keywords`,
        );
      }
      console.log("Dry run: nothing sent, nothing recorded.");
      return 0;
    }

    let onlyEmail: string | undefined;
    if (values.subscriber !== undefined) {
      const address = emailSchema.safeParse(values.subscriber);
      if (!address.success) throw new UsageError(`--subscriber must be an email address, not "${String(values.subscriber)}".`);
      onlyEmail = address.data;
    }
    const run = await runDigest({
      frequency: frequency.data,
      period,
      ranked,
      onlyEmail,
      workerId: newWorkerId(),
      log: (line) => console.log(`  ${line}`),
    });
    closeMailTransport();
    const counts = await getDeliveryCounts(frequency.data, period.key);
    console.log(
      `Sent ${run.sent}, skipped ${run.skipped}, retrying later ${run.retrying}, failed ${run.failed}. ` +
        `For this period in all: ${counts.sent} sent, ${counts.skipped} skipped, ${counts.pending + counts.sending} waiting, ${counts.failed} failed.`,
    );
    return run.failed > 0 ? 1 : 0;
  },
});
