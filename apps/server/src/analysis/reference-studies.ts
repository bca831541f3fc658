/**
 * Published comparison data for registry studies that reproduce a shipped reference study: when the
 * registry study's code is `musto2007`, the historical series and the published claims of
 * examples/musto2007/study.json are attached to the registry analysis, so the dashboard shows the
 * literature comparison and checks the claims against registry data (docs/rules/registry-analysis.md).
 * Reading the file is I/O, so it lives here in the server, read once on first use and kept; a
 * missing or invalid file leaves the analysis without comparison data and says so in a note.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseStudyFile } from '@mmreg/contracts';
import type { HistoricalSeries, PublishedClaim } from '@mmreg/core';

export interface ReferenceComparison {
  readonly historicalSeries: readonly HistoricalSeries[];
  readonly claims: readonly PublishedClaim[];
  readonly citation: string;
  /** Where the comparison data came from, for the response's notes. */
  readonly note: string;
}

export type ReferenceLookup =
  | { readonly kind: 'found'; readonly reference: ReferenceComparison }
  | { readonly kind: 'none' }
  | {
      readonly kind: 'unavailable';
      readonly note: string;
    };

/** Registry study code → the shipped study file holding its published comparison data. */
export const referenceStudyFiles: ReadonlyMap<string, string> = new Map([
  ['musto2007', fileURLToPath(new URL('../../../../examples/musto2007/study.json', import.meta.url))],
]);

const cache = new Map<string, ReferenceLookup>();

function load(code: string, path: string): ReferenceLookup {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return {
      kind: 'unavailable',
      note: `The reference study file of ${code} could not be read (${error instanceof Error ? error.message : String(error)}): no literature comparison or claim checks.`,
    };
  }
  const parsed = parseStudyFile(text, path);
  if (!parsed.ok) {
    return {
      kind: 'unavailable',
      note: `The reference study file of ${code} is invalid (${parsed.issues.length} issue(s)): no literature comparison or claim checks.`,
    };
  }
  const study = parsed.value;
  return {
    kind: 'found',
    reference: {
      historicalSeries: study.historicalSeries,
      claims: study.claims,
      citation: study.citation,
      note: `Historical series and published claims from the reference study ${code} (${study.citation}); the claims are checked against the registry's data, not the published table.`,
    },
  };
}

/** The comparison data of a registry study code (cached), or none for a study that is not a reference study. */
export function referenceComparisonFor(code: string): ReferenceLookup {
  const path = referenceStudyFiles.get(code);
  if (path === undefined) return { kind: 'none' };
  const cached = cache.get(code);
  if (cached !== undefined) return cached;
  const loaded = load(code, path);
  cache.set(code, loaded);
  return loaded;
}
