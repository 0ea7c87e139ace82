import { addDays, type Day, dayPeriod, type Period, parseDay, weekOf } from "@/lib/dates";
import type { DigestFrequency } from "./schema";

/** The calendar day it is now in a time zone (the digest's schedule runs in DIGEST_TIME_ZONE). */
export function todayIn(timeZone: string, now: Date = new Date()): Day {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const day = parseDay(parts);
  if (!day) throw new Error(`Cannot read the date in ${timeZone}: ${parts}`);
  return day;
}

/**
 * The period a scheduled digest covers: the daily one sent on day D covers the feed of D-1 (complete
 * by then); the weekly one, sent on Mondays, covers the ISO week that just ended.
 */
export function scheduledPeriod(frequency: DigestFrequency, timeZone: string, now: Date = new Date()): Period {
  const today = todayIn(timeZone, now);
  return frequency === "daily" ? dayPeriod(addDays(today, -1)) : weekOf(addDays(today, -7));
}

/** The period of a given frequency that contains a day (`npm run digest -- --date`). */
export const periodContaining = (frequency: DigestFrequency, day: Day): Period =>
  frequency === "daily" ? dayPeriod(day) : weekOf(day);
