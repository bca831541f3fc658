/**
 * Kaplan–Meier PFS and OS with the subgroup selector. Only this section re-renders when the subgroup
 * changes. Each subgroup is computed (core's functions) and drawn (the report's figure) once per data
 * set: in the subgroup worker, which starts when the analysis arrives (subgroup-preparation.ts), or —
 * without a worker — one per idle period on the main thread. Prepared figures are put in the page
 * hidden, so a change only shows figures the browser has already parsed; a subgroup chosen before the
 * worker has drawn it is asked for first and waited for (computed here only if the worker fails or stalls).
 */
import { Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnalysedPatient, AnalysisResults } from '../../api/dashboard-analysis.ts';
import { afterNextPaint, markTiming, measureSince, recordTiming, timingMarks } from './dashboard-timings.ts';
import { SvgFigure } from './SvgFigure.tsx';
import type { SubgroupPreparation } from './subgroup-preparation.ts';
import { preparedKeys } from './subgroup-worker-protocol.ts';
import { buildSurvivalSummary, createSubgroupCache, type DrawnSubgroup, describeLogRank } from './survival-figures.ts';
import { findSubgroup, type SubgroupKey, subgroupDefinitions } from './survival-subgroups.ts';
import { TextTableView } from './TextTableView.tsx';
import { whenIdle } from './when-idle.ts';

export interface SurvivalSectionProps {
  readonly results: AnalysisResults;
  readonly patients: readonly AnalysedPatient[];
  /** Prepares the subgroups in a worker; null: prepare them in idle time on the main thread. */
  readonly preparation?: SubgroupPreparation | null;
}

/**
 * How long a change waits for the worker's figures before computing them on the main thread: a safety
 * net for a stuck worker. Waiting is better than computing twice — the worker does the chosen subgroup
 * next, and meanwhile the page stays responsive (the radio and the status line update at once).
 */
const workerWaitMs = 2000;
/** An input older than this is not the one that changed the subgroup (the change came some other way). */
const inputMaxAgeMs = 1000;

function isSubgroupKey(value: string): value is SubgroupKey {
  return subgroupDefinitions.some((definition) => definition.key === value);
}

const figureCaption = (endpoint: string) =>
  `${endpoint}: Kaplan–Meier estimate with pointwise 95% confidence band; + marks censored observations (marks overlapping by more than half their width drawn once); dashed lines mark reached medians; number at risk below.`;

/** How many of a subgroup's two figures are in the page: PFS first, then OS (each its own commit). */
type FigureCount = 1 | 2;

/** One subgroup's two figures; hidden (display: none, so neither drawn nor read out) unless selected. */
const SubgroupFigures = memo(function SubgroupFigures({
  figures,
  isShown,
  count,
}: {
  readonly figures: DrawnSubgroup;
  readonly isShown: boolean;
  /** Only the PFS figure yet (a hidden subgroup being put in the page); a shown one has both. */
  readonly count: FigureCount;
}) {
  return (
    // A plain div: the hidden attribute's display: none must not meet the grid's own display.
    <div hidden={!isShown}>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <SvgFigure
          svg={figures.pfsSvg}
          caption={figureCaption('Progression-free survival')}
          {...(isShown ? { testId: 'km-pfs' } : {})}
        />
        {count === 2 && (
          <SvgFigure
            svg={figures.osSvg}
            caption={figureCaption('Overall survival')}
            {...(isShown ? { testId: 'km-os' } : {})}
          />
        )}
      </SimpleGrid>
    </div>
  );
});

export const SurvivalSection = memo(function SurvivalSection({
  results,
  patients,
  preparation = null,
}: SurvivalSectionProps) {
  const cache = useMemo(
    () =>
      createSubgroupCache(results, patients, (key, durationMs) =>
        recordTiming(`dashboard:subgroup-compute:${key}`, durationMs),
      ),
    [results, patients],
  );
  const [key, setKey] = useState<SubgroupKey>('all');
  // Subgroups whose figures are in the page (hidden unless shown), in the order they were prepared.
  const [mounted, setMounted] = useState<ReadonlyArray<readonly [SubgroupKey, FigureCount]>>([['all', 2]]);
  // Subgroups no longer waited for (the worker failed or was too slow): computed here when chosen.
  const [computeHere, setComputeHere] = useState<ReadonlySet<SubgroupKey>>(() => new Set());
  /** The subgroup just chosen with the selector, until its figures are in the page. */
  const pendingKey = useRef<SubgroupKey | null>(null);
  /** When the last pointer or key input on the selector happened (event time, ms since time origin). */
  const lastInputAt = useRef<number | null>(null);
  const shownKey = useRef<SubgroupKey>('all');
  const mount = useCallback(
    (entry: SubgroupKey, count: FigureCount = 2) =>
      setMounted((current) => {
        const found = current.find(([mountedKey]) => mountedKey === entry);
        if (found === undefined) return [...current, [entry, count]];
        if (found[1] >= count) return current;
        return current.map((item) => (item[0] === entry ? [entry, count] : item));
      }),
    [],
  );

  const isWaiting =
    key !== 'all' && !cache.has(key) && !computeHere.has(key) && preparation?.isPreparing(patients) === true;
  const displayedKey = isWaiting ? shownKey.current : key;
  const definition = findSubgroup(key);
  const drawn = cache.get(displayedKey);
  const summary = useMemo(
    () => buildSurvivalSummary(drawn.survival, findSubgroup(displayedKey).label),
    [drawn, displayedKey],
  );

  useLayoutEffect(() => {
    shownKey.current = displayedKey;
    if (pendingKey.current !== key || displayedKey !== key) return;
    pendingKey.current = null;
    measureSince('dashboard:subgroup-redraw', timingMarks.subgroupSelected);
    afterNextPaint(() => measureSince('dashboard:subgroup-redraw-painted', timingMarks.subgroupSelected));
  }, [key, displayedKey]);

  // Take the worker's subgroups as they arrive (or prepare them one per idle period without a worker),
  // and put them in the page hidden at once, so a later change only shows them: one figure per task and
  // commit (parsing ~90 kB of SVG path data each), so an arrival holds up a click for one figure at most.
  // One that is waited for goes in whole.
  useEffect(() => {
    if (preparation !== null) {
      preparation.prepare(patients, results.conventions, preparedKeys);
      if (preparation.isPreparing(patients)) {
        const cancels = new Set<() => void>();
        const unsubscribe = preparation.subscribe(patients, (event) => {
          if (event.kind === 'drawn') {
            if (!cache.has(event.key)) recordTiming(`dashboard:subgroup-compute:${event.key}`, event.durationMs);
            cache.put(event.key, event.drawn);
            if (pendingKey.current === event.key) {
              mount(event.key);
              return;
            }
            mount(event.key, 1);
            const handle = setTimeout(() => {
              cancels.delete(cancel);
              mount(event.key, 2);
            }, 0);
            const cancel = () => clearTimeout(handle);
            cancels.add(cancel);
          } else {
            setComputeHere((current) => new Set([...current, event.key]));
          }
        });
        return () => {
          unsubscribe();
          for (const cancel of cancels) cancel();
        };
      }
    }
    const pending = subgroupDefinitions.map((entry) => entry.key).filter((entry) => !cache.has(entry));
    let cancel: () => void = () => undefined;
    const next = () => {
      const upcoming = pending.shift();
      if (upcoming === undefined) return;
      cache.get(upcoming);
      mount(upcoming);
      cancel = whenIdle(next);
    };
    cancel = whenIdle(next);
    return () => cancel();
  }, [cache, preparation, patients, results.conventions, mount]);

  // A subgroup chosen before the worker drew it: asked for first, computed here if it does not come soon.
  useEffect(() => {
    if (!isWaiting) return;
    preparation?.prioritise(patients, key);
    const timer = setTimeout(() => setComputeHere((current) => new Set([...current, key])), workerWaitMs);
    return () => clearTimeout(timer);
  }, [isWaiting, key, preparation, patients]);

  const select = (value: string) => {
    if (!isSubgroupKey(value) || value === key) return;
    const now = performance.now();
    const inputAt = lastInputAt.current;
    // From the input event, so time the page spent busy before handling it counts too.
    markTiming(timingMarks.subgroupSelected, inputAt !== null && now - inputAt < inputMaxAgeMs ? inputAt : now);
    pendingKey.current = value;
    setKey(value);
    if (cache.has(value) || preparation?.isPreparing(patients) !== true) mount(value);
  };

  const pfsTest = describeLogRank(drawn.survival.pfs);
  const osTest = describeLogRank(drawn.survival.os);
  const noteInput = (event: { readonly timeStamp: number }) => {
    lastInputAt.current = event.timeStamp;
  };
  return (
    <Stack gap="sm">
      <div onPointerDownCapture={noteInput} onKeyDownCapture={noteInput}>
        <Radio.Group
          label="Compare survival by"
          description="Subgroup curves and log-rank tests are recomputed in the browser with the report's functions."
          value={key}
          onChange={select}
          styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
        >
          <Group mt="xs" gap="lg">
            {subgroupDefinitions.map((entry) => (
              <Radio key={entry.key} value={entry.key} label={entry.label} />
            ))}
          </Group>
        </Radio.Group>
      </div>
      <Text size="sm" aria-live="polite" data-testid="survival-status">
        {isWaiting
          ? `Preparing the curves by ${definition.label}…`
          : key === 'all'
            ? `All ${drawn.survival.pfs.levels[0]?.estimate.n ?? 0} analysed patients.`
            : `By ${definition.label}: PFS ${pfsTest ?? ''}; OS ${osTest ?? ''}.`}
      </Text>
      {(mounted.some(([entry]) => entry === displayedKey) ? mounted : [...mounted, [displayedKey, 2] as const]).map(
        ([entry, count]) => {
          const figures = entry === displayedKey ? drawn : cache.peek(entry);
          return figures === undefined ? null : (
            <SubgroupFigures
              key={entry}
              figures={figures}
              isShown={entry === displayedKey}
              count={entry === displayedKey ? 2 : count}
            />
          );
        },
      )}
      <TextTableView table={summary} testId="survival-summary" />
    </Stack>
  );
});
