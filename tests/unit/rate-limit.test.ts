import { describe, expect, it } from "vitest";
import { describeWait, LIMITS, tooManyMessage } from "@/lib/rate-limit/limits";

describe("describeWait", () => {
  it("says how long to wait in the largest whole unit, rounding up", () => {
    expect(describeWait(1)).toBe("in 1 second");
    expect(describeWait(0.2)).toBe("in 1 second");
    expect(describeWait(45)).toBe("in 45 seconds");
    expect(describeWait(60)).toBe("in 1 minute");
    expect(describeWait(61)).toBe("in 2 minutes");
    expect(describeWait(15 * 60)).toBe("in 15 minutes");
    expect(describeWait(3_600)).toBe("in 1 hour");
    expect(describeWait(5 * 3_600 + 1)).toBe("in 6 hours");
  });

  it("never says less than a second, even for a window already over", () => {
    expect(describeWait(0)).toBe("in 1 second");
    expect(describeWait(-5)).toBe("in 1 second");
  });
});

describe("limits", () => {
  it("have distinct names, since the name keys the counters in the database", () => {
    const names = Object.values(LIMITS).map((limit) => limit.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("tooManyMessage", () => {
  it("names what was too many and when to come back", () => {
    expect(tooManyMessage(600)).toBe("Too many requests; try again in 10 minutes.");
    expect(tooManyMessage(30, "sign-in requests")).toBe("Too many sign-in requests; try again in 30 seconds.");
  });
});
