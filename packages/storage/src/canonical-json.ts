/**
 * Canonical JSON (object keys sorted recursively, no whitespace) and SHA-256, the basis of the audit
 * hash chain, derived-result input hashes and the backup content hash: equal values give equal text
 * whatever the key order a driver or a JSON parse produced.
 */
import { createHash } from 'node:crypto';

/** JSON text of `value` with every object's keys sorted; `undefined` members are dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  return writeValue(value) ?? 'undefined';
}

/**
 * Writes the text directly instead of building a key-sorted copy for `JSON.stringify` (that copy was
 * a third of the cost of a registry write, which hashes its audit record and the derivation's
 * inputs). The output is byte-identical to `JSON.stringify(sortKeys(value))` (a property test checks
 * it): strings and numbers go through `JSON.stringify`; members that JSON drops (undefined,
 * functions, symbols) are dropped, and are `null` inside arrays; `toJSON` is not called.
 */
function writeValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let text = '[';
        for (let index = 0; index < value.length; index += 1) {
          if (index > 0) text += ',';
          text += writeValue(value[index]) ?? 'null';
        }
        return `${text}]`;
      }
      const source = value as Record<string, unknown>;
      let text = '{';
      let isFirst = true;
      for (const key of sortedKeys(source)) {
        const member = writeValue(source[key]);
        if (member === undefined) continue;
        text += `${isFirst ? '' : ','}${JSON.stringify(key)}:${member}`;
        isFirst = false;
      }
      return `${text}}`;
    }
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt has no JSON form');
    default:
      return undefined;
  }
}

/**
 * The canonical JSON of the object `record` cut around the values of the top-level keys `holes`:
 * `segments` has one more entry than `holes`, `holeOrder` lists the holes in the order their values
 * appear in the text, and `segments[0] + text(holeOrder[0]) + segments[1] + … + segments[n]` equals
 * `canonicalJson(record)` when each hole's value is written as `canonicalJson` writes it. What the
 * record holds at a hole is ignored (it must not be undefined). PostgreSQL seals audit records this
 * way: it fills in seq, time and previous hash and hashes the text (audit-trail.ts, ADR 0008).
 */
export function canonicalJsonAround(
  record: Readonly<Record<string, unknown>>,
  holes: readonly string[],
): { segments: string[]; holeOrder: string[] } {
  const segments: string[] = [];
  const holeOrder: string[] = [];
  let text = '{';
  let isFirst = true;
  for (const key of sortedKeys(record)) {
    const isHole = holes.includes(key);
    if (isHole && record[key] === undefined) throw new TypeError(`canonicalJsonAround: hole ${key} is undefined`);
    const member = isHole ? '' : writeValue(record[key]);
    if (member === undefined) continue;
    text += `${isFirst ? '' : ','}${JSON.stringify(key)}:`;
    isFirst = false;
    if (isHole) {
      segments.push(text);
      holeOrder.push(key);
      text = '';
    } else {
      text += member;
    }
  }
  if (holeOrder.length !== holes.length) throw new TypeError('canonicalJsonAround: a hole is not a key of the record');
  segments.push(`${text}}`);
  return { segments, holeOrder };
}

const arrayIndexPattern = /^(?:0|[1-9]\d{0,9})$/;
const maxArrayIndex = 4_294_967_294;

/**
 * Keys in the order a key-sorted copy would list them: an object built by inserting sorted keys
 * still lists integer-like keys ("0", "12") first, in numeric order — JavaScript's own-key order.
 */
function sortedKeys(source: object): string[] {
  const keys = Object.keys(source).sort();
  const indices = keys.filter((key) => arrayIndexPattern.test(key) && Number(key) <= maxArrayIndex);
  if (indices.length === 0) return keys;
  const isIndex = new Set(indices);
  return [...indices.sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isIndex.has(key))];
}

/** Lower-case hex SHA-256 of UTF-8 text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
