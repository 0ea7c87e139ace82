/**
 * Calendar days, ISO weeks and months of the feed, as plain strings ("2026-04-01", "2026-W14",
 * "2026-04"). All arithmetic is done in UTC, never in the machine's zone: the feed's day boundary is
 * FEED_TIME_ZONE, declared once here.
 */

export const FEED_TIME_ZONE = "UTC";
const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

/** A calendar day, "YYYY-MM-DD". */
export type Day = string & { readonly __brand: "Day" };

export interface Period {
  kind: "day" | "week" | "month";
  /** Canonical key used in URLs: "2026-04-01", "2026-W14", "2026-04". */
  key: string;
  start: Day;
  /** Inclusive. */
  end: Day;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function fromUtc(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  return date;
}

export function dayFromDate(date: Date): Day {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` as Day;
}

/** Midnight UTC of the day, the value stored in DATE columns. */
export function dateFromDay(day: Day): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return fromUtc(year, month, date);
}

export function today(now: Date = new Date()): Day {
  return dayFromDate(now);
}

export function parseDay(input: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  const date = fromUtc(year, month, day);
  // Rejects 2025-02-30 and friends, which Date would roll over into March.
  if (date.getUTCMonth() !== month - 1) return null;
  return dayFromDate(date);
}

export function addDays(day: Day, days: number): Day {
  return dayFromDate(new Date(dateFromDay(day).getTime() + days * MS_PER_DAY));
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
function isoWeekday(day: Day): number {
  return ((dateFromDay(day).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week (Monday to Sunday; week 1 holds the year's first Thursday) that contains the day. */
export function weekOf(day: Day): Period {
  const monday = addDays(day, 1 - isoWeekday(day));
  const thursday = addDays(monday, 3);
  const year = dateFromDay(thursday).getUTCFullYear();
  const jan4 = `${pad(year, 4)}-01-04` as Day; // Jan 4th is always in week 1
  const week1Monday = addDays(jan4, 1 - isoWeekday(jan4));
  const week = Math.round((dateFromDay(monday).getTime() - dateFromDay(week1Monday).getTime()) / (7 * MS_PER_DAY)) + 1;
  return { kind: "week", key: `${pad(year, 4)}-W${pad(week)}`, start: monday, end: addDays(monday, 6) };
}

export function parseWeek(input: string): Period | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(input);
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (year < MIN_YEAR || year > MAX_YEAR || week < 1 || week > 53) return null;
  const week1 = weekOf(`${pad(year, 4)}-01-04` as Day);
  const period = weekOf(addDays(week1.start, (week - 1) * 7));
  // Week 53 exists only in years that have it; otherwise this lands in next year's week 1.
  return period.key === input ? period : null;
}

export function monthOf(day: Day): Period {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const start = `${pad(year, 4)}-${pad(month)}-01` as Day;
  const end = dayFromDate(fromUtc(year, month + 1, 0));
  return { kind: "month", key: `${pad(year, 4)}-${pad(month)}`, start, end };
}

export function parseMonth(input: string): Period | null {
  const match = /^(\d{4})-(\d{2})$/.exec(input);
  if (!match) return null;
  const day = parseDay(`${match[1]}-${match[2]}-01`);
  return day ? monthOf(day) : null;
}

export function dayPeriod(day: Day): Period {
  return { kind: "day", key: day, start: day, end: day };
}

export function periodOf(kind: Period["kind"], day: Day): Period {
  if (kind === "week") return weekOf(day);
  if (kind === "month") return monthOf(day);
  return dayPeriod(day);
}

export function parsePeriod(kind: Period["kind"], input: string): Period | null {
  if (kind === "week") return parseWeek(input);
  if (kind === "month") return parseMonth(input);
  const day = parseDay(input);
  return day ? dayPeriod(day) : null;
}

/** Every day of a period, oldest first. */
export function daysOf(period: Pick<Period, "start" | "end">): Day[] {
  const days: Day[] = [];
  for (let day = period.start; day <= period.end; day = addDays(day, 1)) days.push(day);
  return days;
}

const longFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: FEED_TIME_ZONE,
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
});
const shortFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: FEED_TIME_ZONE,
  month: "short",
  day: "numeric",
  year: "numeric",
});
const monthFormat = new Intl.DateTimeFormat("en-US", { timeZone: FEED_TIME_ZONE, month: "long", year: "numeric" });

/** "Wed, Apr 1, 2026" */
export const formatDayLong = (day: Day) => longFormat.format(dateFromDay(day));
/** "Apr 1, 2026" */
export const formatDay = (day: Day) => shortFormat.format(dateFromDay(day));

/** A heading for the period: "Wed, Apr 1, 2026", "Week 14, 2026 (Mar 30 – Apr 5)", "April 2026". */
export function formatPeriod(period: Period): string {
  if (period.kind === "day") return formatDayLong(period.start);
  if (period.kind === "month") return monthFormat.format(dateFromDay(period.start));
  const [year, week] = period.key.split("-W");
  return `Week ${Number(week)}, ${year} (${formatDay(period.start).replace(/, \d+$/, "")} – ${formatDay(period.end)})`;
}
