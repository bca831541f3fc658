import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditSealTemplate, hashAuditRecord, sealTemplateSeparator } from './audit-trail.ts';
import { canonicalJson, canonicalJsonAround, sha256Hex } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('gives the same text when keys come in another order at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('drops undefined members as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, () => 1, 2])).toBe('[null,null,2]');
    expect(canonicalJson({ n: Number.NaN, i: Number.POSITIVE_INFINITY, z: -0 })).toBe('{"i":null,"n":null,"z":0}');
  });

  it('writes exactly what JSON.stringify writes of a key-sorted copy, for any JSON-like value', () => {
    // The audit chain's stored hashes depend on this text staying byte-identical.
    const sortKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
      if (value !== null && typeof value === 'object') {
        const source = value as Record<string, unknown>;
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(source).sort()) {
          if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
        }
        return sorted;
      }
      return value;
    };
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
        // BigInt has no JSON form, and a "__proto__" key cannot be copied by assignment (the reference
        // would drop it): both are outside what the store hashes.
        let isOutside = false;
        JSON.stringify(value, (key, member) => {
          if (typeof member === 'bigint' || key === '__proto__') isOutside = true;
          return typeof member === 'bigint' ? 0 : member;
        });
        fc.pre(!isOutside);
        expect(canonicalJson(value)).toBe(JSON.stringify(sortKeys(value)) ?? 'undefined');
      }),
      { seed: 20240601, numRuns: 500 },
    );
  });
});

describe('canonicalJsonAround', () => {
  it('cuts the canonical text around the holes, whatever the record holds', () => {
    const key = fc.string().filter((name) => name !== '__proto__');
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.jsonValue(), { minKeys: 1 }),
        fc.jsonValue(),
        fc.nat(),
        (record, filler, pick) => {
          const keys = Object.keys(record);
          const holes = keys.filter((_, index) => (pick >> index) % 2 === 1);
          const { segments, holeOrder } = canonicalJsonAround(record, holes);
          expect(segments).toHaveLength(holes.length + 1);
          expect([...holeOrder].sort()).toEqual([...holes].sort());
          // Filled with any values, the segments give the canonical text of the filled record.
          const filled: Record<string, unknown> = { ...record };
          for (const hole of holes) filled[hole] = filler;
          const text = segments.reduce(
            (joined, segment, index) =>
              index === 0 ? segment : joined + canonicalJson(filled[holeOrder[index - 1] as string]) + segment,
            '',
          );
          expect(text).toBe(canonicalJson(filled));
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  });

  it('refuses a hole that is not a key or is undefined', () => {
    expect(() => canonicalJsonAround({ a: 1 }, ['b'])).toThrow(/not a key/);
    expect(() => canonicalJsonAround({ a: undefined }, ['a'])).toThrow(/undefined/);
  });
});

describe('auditSealTemplate', () => {
  it('lets the PostgreSQL seal trigger rebuild hashAuditRecord exactly (its formula, written in TypeScript)', () => {
    const change = fc.record({
      field: fc.string(),
      old: fc.jsonValue({ maxDepth: 2 }),
      new: fc.jsonValue({ maxDepth: 2 }),
    });
    const text = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1, max: 2_147_483_647 }),
          at: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          userId: fc.option(fc.nat()),
          username: fc.option(text),
          action: fc.constantFrom('create' as const, 'update' as const, 'delete' as const),
          entity: text,
          entityId: fc.option(fc.nat()),
          patientId: fc.option(fc.nat()),
          centerId: fc.option(fc.nat()),
          changes: fc.array(change, { maxLength: 4 }),
          reason: fc.option(text),
          prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        (record) => {
          const parts = auditSealTemplate({ ...record, seq: 0, at: '', prevHash: '' }).split(sealTemplateSeparator);
          expect(parts).toHaveLength(4);
          // The trigger: s0 || to_json(at) || s1 || to_json(prev_hash) || s2 || seq::text || s3.
          const rebuilt = `${parts[0]}${JSON.stringify(record.at)}${parts[1]}${JSON.stringify(record.prevHash)}${parts[2]}${record.seq}${parts[3]}`;
          expect(sha256Hex(record.prevHash + rebuilt)).toBe(hashAuditRecord(record));
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  }, 30_000);
});

describe('sha256Hex', () => {
  it('matches the published digest of "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('hashAuditRecord', () => {
  const record = {
    seq: 1,
    at: '2026-03-01T09:00:00.000Z',
    userId: null,
    username: 'system',
    action: 'create' as const,
    entity: 'study',
    entityId: 1,
    patientId: null,
    centerId: null,
    changes: [{ field: 'code', old: null, new: 'S' }],
    reason: null,
    prevHash: '0'.repeat(64),
  };

  it('is sha256 of the previous hash and the canonical record', () => {
    expect(hashAuditRecord(record)).toBe(sha256Hex(record.prevHash + canonicalJson(record)));
  });

  it('changes when any field or the previous hash changes', () => {
    const hash = hashAuditRecord(record);
    expect(hashAuditRecord({ ...record, reason: 'x' })).not.toBe(hash);
    expect(hashAuditRecord({ ...record, prevHash: '1'.repeat(64) })).not.toBe(hash);
  });
});
