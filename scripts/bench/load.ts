import http from "node:http";
import autocannon from "autocannon";

/** A request that takes longer is given up and counted as an error (its time as this long). */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface LatencyStats {
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers that were not what was asked for (status other than expected). */
  errors: number;
  /** The slowest requests, slowest first (where the series records them). */
  slowest?: { url: string; ms: number }[];
}

export function latencyStats(samples: number[], errors = 0): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN, errors };
}

export interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  bytesPerRequest: number;
}

/**
 * autocannon against one URL: at saturation (`connections` at once, as fast as answers come), or at a
 * constant arrival rate (`rate` requests a second in all), for `seconds`.
 */
export async function hammer(
  url: string,
  options: { connections: number; seconds: number; rate?: number; headers?: Record<string, string> },
): Promise<Throughput> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  const answered = result.requests.total || 1;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    bytesPerRequest: result.throughput.total / answered,
  };
}

/**
 * Keep-alive agents, each leaving from its own loopback address (127.0.2.N is this machine too, but
 * another client to the server): the bench is many clients, each well within the per-IP read limit,
 * as a crawler spread over addresses would be.
 */
const CLIENT_ADDRESSES = 64;
const agents = Array.from(
  { length: CLIENT_ADDRESSES },
  (_, i) => new http.Agent({ keepAlive: true, maxSockets: 4, localAddress: `127.0.2.${i + 1}` }),
);

/**
 * GET with node:http through one of the agents; resolves with the status and the whole body. A kept-alive
 * socket the server closed just as it was reused fails with ECONNRESET before anything was sent back:
 * that request is sent again once on a new socket, as Node's documentation advises (it stopped whole
 * bench runs, "socket hang up" in a warm-up).
 */
export async function get(
  url: string,
  options: { client: number; headers?: Record<string, string>; timeoutMs?: number },
): Promise<{ status: number; body: string }> {
  try {
    return await getOnce(url, options);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET") {
      return getOnce(url, options);
    }
    throw error;
  }
}

function getOnce(
  url: string,
  options: { client: number; headers?: Record<string, string>; timeoutMs?: number },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      {
        agent: agents[options.client % agents.length],
        headers: options.headers,
        timeout: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", (error) => reject(Object.assign(error, { reusedSocket: request.reusedSocket })));
  });
}

/**
 * Times each request of a list (to the last byte of the body), `concurrency` at a time, within a time
 * budget: each URL is asked once, so on a fresh server every answer is a cache miss. Returns the
 * latencies of the requests that finished and how many answered with an unexpected status.
 */
export async function timeEach(
  requests: readonly { url: string; headers?: Record<string, string>; expect?: number }[],
  options: { concurrency: number; budgetMs: number },
): Promise<LatencyStats> {
  const samples: number[] = [];
  const timed: { url: string; ms: number }[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + options.budgetMs;
  const worker = async () => {
    for (let i = next++; i < requests.length && performance.now() < deadline; i = next++) {
      const request = requests[i];
      if (!request) break;
      const started = performance.now();
      try {
        const response = await get(request.url, { client: i, headers: request.headers });
        if (response.status !== (request.expect ?? 200)) errors += 1;
      } catch {
        errors += 1;
      }
      const ms = performance.now() - started;
      samples.push(ms);
      timed.push({ url: request.url, ms });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { ...latencyStats(samples, errors), slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 3) };
}
