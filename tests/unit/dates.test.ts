import { describe, expect, it } from "vitest";
import {
  addDays,
  type Day,
  dateFromDay,
  dayFromDate,
  daysOf,
  formatDayLong,
  formatPeriod,
  monthOf,
  parseDay,
  parseMonth,
  parseWeek,
  today,
  weekOf,
} from "@/lib/dates";

const day = (value: string) => value as Day;

describe("the test zone", () => {
  it("is not UTC and not a whole hour away from it", () => {
    expect(new Date("2026-01-01T00:00:00Z").getTimezoneOffset()).toBe(-345); // Asia/Kathmandu, UTC+5:45
  });
});

describe("parseDay", () => {
  it("accepts real calendar dates", () => {
    expect(parseDay("2026-04-01")).toBe("2026-04-01");
    expect(parseDay("2024-02-29")).toBe("2024-02-29");
  });

  it.each([
    "2025-13-45",
    "2025-02-29",
    "2025-04-31",
    "2025-00-10",
    "2025-01-00",
    "yesterday",
    "2025-1-5",
    "20250105",
    "",
    "2025-01-05x",
    "0999-01-01",
  ])("rejects %j", (input) => {
    expect(parseDay(input)).toBeNull();
  });
});

describe("day arithmetic is done in UTC", () => {
  it("maps a day to UTC midnight and back, whatever the machine's zone", () => {
    expect(dateFromDay(day("2026-04-01")).toISOString()).toBe("2026-04-01T00:00:00.000Z");
    // 23:00 UTC is already the next day in Kathmandu; the feed day is still the UTC one.
    expect(dayFromDate(new Date("2026-04-01T23:00:00Z"))).toBe("2026-04-01");
    expect(today(new Date("2026-04-01T20:00:00Z"))).toBe("2026-04-01");
  });

  it("crosses months, leap days and years", () => {
    expect(addDays(day("2024-02-28"), 1)).toBe("2024-02-29");
    expect(addDays(day("2025-12-31"), 1)).toBe("2026-01-01");
    expect(addDays(day("2026-03-01"), -1)).toBe("2026-02-28");
  });

  it("formats in the feed's zone, not the machine's", () => {
    expect(formatDayLong(day("2026-04-01"))).toBe("Wed, Apr 1, 2026");
  });
});

describe("ISO weeks", () => {
  it.each([
    ["2026-04-01", "2026-W14", "2026-03-30", "2026-04-05"],
    // Jan 1st 2021 is a Friday: it belongs to the last week of 2020, which has 53 weeks.
    ["2021-01-01", "2020-W53", "2020-12-28", "2021-01-03"],
    // Dec 30th 2024 is a Monday: it starts week 1 of 2025.
    ["2024-12-30", "2025-W01", "2024-12-30", "2025-01-05"],
    ["2026-01-01", "2026-W01", "2025-12-29", "2026-01-04"],
    ["2027-01-03", "2026-W53", "2026-12-28", "2027-01-03"],
  ])("%s is in %s (%s to %s)", (input, key, start, end) => {
    const week = weekOf(day(input));
    expect(week).toMatchObject({ kind: "week", key, start, end });
    expect(parseWeek(key)).toEqual(week);
  });

  it("has seven days, Monday first", () => {
    const days = daysOf(weekOf(day("2026-04-01")));
    expect(days).toHaveLength(7);
    expect(new Date(`${days[0]}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it.each(["2025-W60", "2025-W00", "2025-W53", "2025-w14", "2025W14", "2025-W1"])("rejects %j", (input) => {
    expect(parseWeek(input)).toBeNull();
  });

  it("formats a week with its range", () => {
    expect(formatPeriod(weekOf(day("2026-04-01")))).toBe("Week 14, 2026 (Mar 30 – Apr 5, 2026)");
  });
});

describe("months", () => {
  it("spans the whole month, leap years included", () => {
    expect(parseMonth("2024-02")).toMatchObject({ key: "2024-02", start: "2024-02-01", end: "2024-02-29" });
    expect(parseMonth("2025-02")).toMatchObject({ end: "2025-02-28" });
    expect(monthOf(day("2026-12-31"))).toMatchObject({ key: "2026-12", start: "2026-12-01", end: "2026-12-31" });
    expect(formatPeriod(monthOf(day("2026-04-15")))).toBe("April 2026");
  });

  it.each(["2025-00", "2025-13", "2025-4", "April", "2025-04-01"])("rejects %j", (input) => {
    expect(parseMonth(input)).toBeNull();
  });
});
