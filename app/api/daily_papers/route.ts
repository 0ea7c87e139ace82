import { toHfDailyItem } from "@/lib/api/hf-format";
import { dailyPapersParamsSchema } from "@/lib/api/schema";
import { dayPeriod } from "@/lib/dates";
import { parseQuery, readApi } from "@/lib/http/api";
import { getLatestFeedDay, getPeriodPaperRecords } from "@/lib/papers/data";

/**
 * GET /api/daily_papers?date=YYYY-MM-DD | week=YYYY-Www | month=YYYY-MM [&sort=publishedAt|trending]
 * [&p=0][&limit=50][&category=cs.CL]: the period's papers in Hugging Face's format (no period: the latest day).
 */
export const GET = readApi(async (request: Request) => {
  const { date, week, month, sort, p, limit, category } = parseQuery(request, dailyPapersParamsSchema);
  let period = date ? dayPeriod(date) : (week ?? month);
  if (!period) {
    const latest = await getLatestFeedDay();
    if (!latest) return [];
    period = dayPeriod(latest);
  }
  const { papers } = await getPeriodPaperRecords(period, { sort, limit, offset: p * limit, category });
  return papers.map(toHfDailyItem);
});
