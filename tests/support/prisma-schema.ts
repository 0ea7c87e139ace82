import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Reads the models of prisma/schema.prisma into what the database must have: tables, columns with
 * their types and nullability, and unique/plain indexes. Enough of the Prisma schema language for
 * our schema; it exists because Prisma's own differ needs a schema engine these machines cannot
 * download. Anything it does not understand throws, so it cannot silently check less.
 */

export interface ExpectedColumn {
  field: string;
  column: string;
  /** pg udt_name, e.g. "text", "varchar", "int4", "timestamptz", "_text", or an enum's name. */
  udtName: string;
  nullable: boolean;
  maxLength?: number;
}

export interface ExpectedModel {
  model: string;
  table: string;
  columns: ExpectedColumn[];
  uniques: string[][];
  indexes: string[][];
}

const SCALARS: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Boolean: "bool",
  Float: "float8",
  Decimal: "numeric",
  DateTime: "timestamp",
  Json: "jsonb",
  Bytes: "bytea",
};

const NATIVE: Record<string, string> = {
  VarChar: "varchar",
  Text: "text",
  Char: "bpchar",
  Timestamptz: "timestamptz",
  Timestamp: "timestamp",
  Date: "date",
  Uuid: "uuid",
  Integer: "int4",
  SmallInt: "int2",
  Citext: "citext",
  JsonB: "jsonb",
};

const fieldList = (source: string) =>
  source
    .split(",")
    .map((part) => part.trim().replace(/\(.*\)$/, ""))
    .filter(Boolean);

export function readPrismaSchema(file = path.resolve(import.meta.dirname, "../../prisma/schema.prisma")): ExpectedModel[] {
  const source = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const enums = new Map<string, string>();
  for (const match of source.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    const name = match[1] as string;
    enums.set(name, /@@map\("([^"]+)"\)/.exec(match[2] ?? "")?.[1] ?? name);
  }
  const modelBlocks = [...source.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)];
  const modelNames = new Set(modelBlocks.map((match) => match[1]));

  return modelBlocks.map((match) => {
    const model = match[1] as string;
    const lines = (match[2] ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const columns: ExpectedColumn[] = [];
    const uniques: string[][] = [];
    const indexes: string[][] = [];
    let table = model;
    const fieldColumns = new Map<string, string>();
    const blockAttributes: string[] = [];

    for (const line of lines) {
      if (line.startsWith("@@")) {
        blockAttributes.push(line);
        continue;
      }
      const field = /^(\w+)\s+(\w+(?:\("[^"]*"\))?)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field) throw new Error(`Cannot read line in model ${model}: ${line}`);
      const [, name = "", type = "", list, optional, attributes = ""] = field;
      if (modelNames.has(type)) continue; // a relation: no column of its own
      const column = /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? name;
      fieldColumns.set(name, column);
      const native = /@db\.(\w+)(?:\((\d+))?/.exec(attributes);
      const unsupported = /^Unsupported\("([^"]+)"\)$/.exec(type)?.[1];
      let udtName = unsupported ?? enums.get(type) ?? (native ? NATIVE[native[1] ?? ""] : SCALARS[type]);
      if (!udtName) throw new Error(`Unknown type ${type}${native ? ` @db.${native[1]}` : ""} in ${model}.${name}`);
      if (list) udtName = `_${udtName}`;
      columns.push({
        field: name,
        column,
        udtName,
        nullable: Boolean(optional),
        ...(native?.[1] === "VarChar" && native[2] ? { maxLength: Number(native[2]) } : {}),
      });
      if (/@unique\b/.test(attributes)) uniques.push([column]);
    }
    const columnsOf = (fields: string) => fieldList(fields).map((f) => fieldColumns.get(f) ?? f);
    for (const attribute of blockAttributes) {
      const map = /^@@map\("([^"]+)"\)/.exec(attribute);
      if (map) table = map[1] as string;
      const unique = /^@@(?:unique|id)\(\s*(?:fields:\s*)?\[([^\]]+)\]/.exec(attribute);
      if (unique) uniques.push(columnsOf(unique[1] ?? ""));
      const index = /^@@index\(\s*(?:fields:\s*)?\[([^\]]+)\]/.exec(attribute);
      if (index) indexes.push(columnsOf(index[1] ?? ""));
    }
    return { model, table, columns, uniques, indexes };
  });
}
