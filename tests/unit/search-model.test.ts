import { describe, expect, it } from "vitest";
import { Random } from "@/lib/random";
import { reciprocalRankFusion } from "@/lib/search/fusion";
import { kmeans, listsFor, nearestList, nearestLists, probesFor } from "@/lib/search/ivf";
import {
  dequantize,
  dot,
  dotStored,
  embedPaper,
  embedQuery,
  knownShare,
  makeModel,
  normalize,
  parseModel,
  quantize,
  serializeModel,
} from "@/lib/search/model";
import { buildVocabulary, trainingPairs, trainModel } from "@/lib/search/train";

/** Papers on two topics with different words for the same things, and a word both share. */
function corpus(): { title: string[]; abstract: string[] }[] {
  const random = new Random(3);
  const topics = [
    ["quantiz", "prune", "compress", "bit", "weight", "memori", "small", "kernel"],
    ["robot", "grasp", "manipul", "arm", "gripper", "object", "policy", "demonstr"],
  ];
  return Array.from({ length: 240 }, (_, i) => {
    const words = topics[i % 2] ?? [];
    const pick = (n: number) => Array.from({ length: n }, () => random.pick(words));
    return { title: pick(4), abstract: [...pick(40), "model", "result", "propos"] };
  });
}

describe("the search model", () => {
  const papers = corpus();
  const model = trainModel(papers, { dims: 8, epochs: 3, batchSize: 16 });

  it("puts papers on the same topic together and apart from the other topic", () => {
    const a = embedPaper(model, { title: ["quantiz", "bit"], abstract: ["weight", "memori", "kernel"] });
    const b = embedPaper(model, { title: ["prune", "compress"], abstract: ["small", "weight"] });
    const c = embedPaper(model, { title: ["robot", "grasp"], abstract: ["gripper", "arm", "object"] });
    if (!a || !b || !c) throw new Error("no vector");
    expect(dot(a, b)).toBeGreaterThan(0.6);
    expect(dot(a, c)).toBeLessThan(dot(a, b) - 0.4);
  });

  it("is deterministic: the same papers and seed give the same model", () => {
    const again = trainModel(papers, { dims: 8, epochs: 3, batchSize: 16 });
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));
  });

  it("embeds a query from its known words, and says how much of it it knows", () => {
    expect(embedQuery(model, ["zebrafish"])).toBeNull();
    const query = embedQuery(model, ["compress", "zebrafish"]);
    expect(query && Math.hypot(...query)).toBeCloseTo(1, 5);
    expect(knownShare(model, ["compress"], 10)).toBe(1);
    expect(knownShare(model, ["zebrafish"], 10)).toBe(0);
    const share = knownShare(model, ["compress", "zebrafish"], 10);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
  });

  it("survives its file format (int8 weights: cosines move by less than 0.01)", () => {
    const parsed = parseModel(serializeModel(model));
    expect(parsed.vocabulary).toEqual(model.vocabulary);
    expect(Array.from(parsed.idf)).toEqual(Array.from(model.idf));
    const text = { title: ["robot", "policy"], abstract: ["demonstr", "arm"] };
    const before = embedPaper(model, text);
    const after = embedPaper(parsed, text);
    if (!before || !after) throw new Error("no vector");
    expect(dot(before, after)).toBeGreaterThan(0.99);
    expect(() => parseModel(Buffer.from("not a model at all"))).toThrow(/not a search model/);
  });
});

describe("training data", () => {
  it("keeps words in two papers or more, the most common first", () => {
    const vocabulary = buildVocabulary([
      { title: ["a", "b"], abstract: ["c"] },
      { title: ["a"], abstract: ["b", "d"] },
      { title: ["a"], abstract: [] },
    ]);
    expect(vocabulary.vocabulary).toEqual(["a", "b"]);
    expect(vocabulary.idf[0]).toBeCloseTo(0);
    expect(vocabulary.idf[1]).toBeCloseTo(Math.log(3 / 2));
  });

  it("pairs each title with its abstract, and passages of a long abstract with the rest of the paper", () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const pairs = trainingPairs([{ title: ["t"], abstract: words }]);
    expect(pairs[0]).toEqual([
      { title: ["t"], abstract: [] },
      { title: [], abstract: words },
    ]);
    expect(pairs).toHaveLength(3);
    expect(pairs[1]?.[0].abstract).toEqual(words.slice(0, 12));
    expect(pairs[1]?.[1].abstract).toEqual(["t", ...words.slice(12)]);
  });
});

describe("stored vectors", () => {
  it("keep a dot product within 1 % (a float scale and one byte a dimension)", () => {
    const random = new Random(9);
    const a = Float32Array.from({ length: 128 }, () => random.gaussian());
    const b = Float32Array.from({ length: 128 }, () => random.gaussian());
    normalize(a);
    normalize(b);
    const bytes = quantize(b);
    expect(bytes).toHaveLength(132);
    expect(dotStored(a, bytes, 0)).toBeCloseTo(dot(a, b), 2);
    expect(dot(dequantize(bytes), b)).toBeGreaterThan(0.999);
  });
});

describe("the IVF index", () => {
  it("finds the clusters of clustered vectors, and files each vector under its own", () => {
    const random = new Random(4);
    const dims = 16;
    // Four well-separated directions (orthogonal), papers scattered around each.
    const centres = Array.from({ length: 4 }, (_, c) => Float32Array.from({ length: dims }, (_, d) => (d === c * 4 ? 1 : 0)));
    const vectors = new Float32Array(400 * dims);
    const truth: number[] = [];
    for (let i = 0; i < 400; i++) {
      const c = i % 4;
      truth.push(c);
      const v = Float32Array.from(centres[c] ?? [], (x) => x + 0.05 * random.gaussian());
      normalize(v);
      vectors.set(v, i * dims);
    }
    const centroids = kmeans(vectors, dims, 4, new Random(1));
    const lists = Array.from({ length: 400 }, (_, i) => nearestList(centroids, dims, vectors.subarray(i * dims, (i + 1) * dims)));
    // Same cluster, same list; different clusters, different lists.
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) expect(lists[i] === lists[j]).toBe(truth[i] === truth[j]);
    }
    const query = centres[2] ?? new Float32Array(dims);
    expect(nearestLists(centroids, dims, query, 1)).toEqual([lists[2]]);
  });

  it("has about √papers lists, and reads enough of them to see a few thousand papers", () => {
    expect(listsFor(1_000_000)).toBe(1_000);
    expect(listsFor(10)).toBe(3);
    expect(probesFor(1_000, 1_000_000)).toBe(24);
    expect(probesFor(100, 10_000)).toBe(50);
    expect(probesFor(10, 100)).toBe(10);
  });
});

describe("reciprocal rank fusion", () => {
  it("ranks first what both lists rank well, weights each list, and breaks ties the same way every time", () => {
    expect(
      reciprocalRankFusion(
        [
          { ids: [1, 2, 3], weight: 1 },
          { ids: [2, 3, 1, 4], weight: 1 },
        ],
        10,
      ),
    ).toEqual([2, 1, 3, 4]);
    expect(
      reciprocalRankFusion([
        { ids: [1, 2], weight: 1 },
        { ids: [2, 1], weight: 0 },
      ]),
    ).toEqual([1, 2]);
    expect(
      reciprocalRankFusion([
        { ids: [5], weight: 1 },
        { ids: [6], weight: 1 },
      ]),
    ).toEqual([5, 6]);
    expect(
      makeModel({ dims: 1, vocabulary: ["x"], idf: new Float32Array(1), weights: new Float32Array(1), trainedOn: 1 }).index.get(
        "x",
      ),
    ).toBe(0);
  });
});
