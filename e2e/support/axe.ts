/**
 * Runs axe-core in the page (its `axe.min.js` injected with `page.addScriptTag`; the page's CSP allows
 * only same-origin scripts, so specs that call this use `bypassCSP`). Returns the violations split
 * into blocking (serious, critical) and reported (moderate, minor) with a printable summary.
 */
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeFindings {
  readonly blocking: readonly Result[];
  readonly reported: readonly Result[];
}

const blockingImpacts = new Set(['serious', 'critical']);

export async function runAxe(page: Page): Promise<AxeFindings> {
  const isLoaded = await page.evaluate(() => 'axe' in window);
  if (!isLoaded) await page.addScriptTag({ path: axeScript });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: object, options: object) => Promise<AxeResults> } }).axe;
    // Long tables (the audit trail, a patient's lab results) repeat one row markup hundreds of times:
    // the first 40 rows of each are checked, which keeps a page under a few seconds.
    return axe.run({ include: [['body']], exclude: [['tbody > tr:nth-child(n+41)']] }, { resultTypes: ['violations'] });
  });
  return {
    blocking: results.violations.filter((violation) => blockingImpacts.has(violation.impact ?? '')),
    reported: results.violations.filter((violation) => !blockingImpacts.has(violation.impact ?? '')),
  };
}

/** One line per violation and up to three of its elements: `serious color-contrast (4 nodes): … → .selector`. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((violation) => {
      const targets = violation.nodes
        .slice(0, 3)
        .map(
          (node) =>
            `    → ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`,
        )
        .join('\n');
      return `${violation.impact ?? 'unknown'} ${violation.id} (${violation.nodes.length} nodes): ${violation.help}\n${targets}`;
    })
    .join('\n');
}
