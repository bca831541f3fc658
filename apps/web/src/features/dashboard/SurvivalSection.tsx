/**
 * Kaplan–Meier PFS and OS with the subgroup selector. Only this section re-renders when the subgroup
 * changes. Each subgroup is computed (core's functions) and drawn (the report's figure) once per data
 * set: in the subgroup worker, which starts when the analysis arrives (subgroup-preparation.ts), or —
 * without a worker — one per idle period on the main thread. Prepared figures are put in the page
 * hidden, so a change only shows figures the browser has already laid out: in the click's own handler,
 * before React renders the status line and table (a transition). A subgroup chosen before the worker
 * has drawn it is asked for first and waited for (computed here only if the worker fails or stalls).
 */
import { Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { AnalysedPatient, AnalysisResults } from '../../api/dashboard-analysis.ts';
import { afterNextPaint, markTiming, measureSince, recordTiming, timingMarks } from './dashboard-timings.ts';
import { SvgFigure } from './SvgFigure.tsx';
import type { PreparedEvent, SubgroupPreparation } from './subgroup-preparation.ts';
import { type PreparedKey, preparedKeys } from './subgroup-worker-protocol.ts';
import {
  buildSurvivalSummary,
  createSubgroupCache,
  type DrawnSubgroup,
  describeLogRank,
  type SubgroupCache,
} from './survival-figures.ts';
import { findSubgroup, type SubgroupKey, subgroupDefinitions } from './survival-subgroups.ts';
import { TextTableView } from './TextTableView.tsx';
import { whenIdle } from './when-idle.ts';

export interface SurvivalSectionProps {
  readonly results: AnalysisResults;
  readonly patients: readonly AnalysedPatient[];
  /** Prepares the subgroups in a worker; null: prepare them in idle time on the main thread. */
  readonly preparation?: SubgroupPreparation | null;
  /** This data set's subgroup cache, when the page has begun drawing before the section mounts. */
  readonly cache?: SubgroupCache;
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

/**
 * Shows the figures of `key` (both in the page) and hides the others, directly in the DOM; false
 * when they are not (all) in the page yet. Runs on a change, before React renders it, and after every
 * commit of the section, so the page always shows the figures of the subgroup React displays.
 */
export function showSubgroup(stack: HTMLElement | null, key: SubgroupKey, requiresBoth = true): boolean {
  const target = stack?.querySelector(`:scope > [data-subgroup="${key}"]`);
  if (stack === null || !(target instanceof HTMLElement)) return false;
  if (requiresBoth && target.dataset['figures'] !== '2') return false;
  for (const element of Array.from(stack.children)) {
    if (element instanceof HTMLElement) element.style.visibility = element === target ? 'visible' : 'hidden';
  }
  return true;
}

/**
 * One subgroup's two figures. The subgroups in the page share one grid cell; all but the shown one are
 * `visibility: hidden` — laid out when they go in, but neither painted nor read out (nor found by
 * find-in-page) — so a change of subgroup only paints figures the browser has already parsed and laid
 * out. (With `display: none` a change also had to lay them out; on their own transparent layers, also
 * painted ahead, rastering them all in software slowed the first changes.)
 */
const SubgroupFigures = memo(function SubgroupFigures({
  subgroup,
  figures,
  isShown,
  count,
}: {
  readonly subgroup: SubgroupKey;
  readonly figures: DrawnSubgroup;
  readonly isShown: boolean;
  /** Only the PFS figure yet (a hidden subgroup being put in the page); a shown one has both. */
  readonly count: FigureCount;
}) {
  return (
    // `showSubgroup` also sets the visibility, at once on a change, ahead of React's render of the section.
    <div
      data-subgroup={subgroup}
      data-figures={count}
      style={{ gridArea: '1 / 1', visibility: isShown ? 'visible' : 'hidden' }}
    >
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

/** A subgroup cache that records how long each subgroup drawn on the main thread took (the benchmark reads it). */
export function createTimedSubgroupCache(
  results: AnalysisResults,
  patients: readonly AnalysedPatient[],
): SubgroupCache {
  return createSubgroupCache(results, patients, (key, durationMs) =>
    recordTiming(`dashboard:subgroup-compute:${key}`, durationMs),
  );
}

/**
 * The radio's dot and colours change at once: Mantine fades and scales them over 100–200 ms, and each
 * change then set off CSS transitions whose frames and events (run, cancel, end: 2–4 ms each, through
 * React's root listener, on a loaded machine) landed on the frame that shows the new curves.
 */
const instantRadio = { radio: { transition: 'none' }, icon: { transition: 'none' } } as const;

/**
 * The subgroup radios, with their own state: a change re-renders only them at once (the radio must
 * show the choice immediately); the section follows as a transition.
 */
const SubgroupSelector = memo(function SubgroupSelector({
  onSelect,
}: {
  readonly onSelect: (key: SubgroupKey) => void;
}) {
  const [value, setValue] = useState<SubgroupKey>('all');
  const change = (next: string) => {
    if (!isSubgroupKey(next) || next === value) return;
    setValue(next);
    onSelect(next);
  };
  return (
    <Radio.Group
      label="Compare survival by"
      description="Subgroup curves and log-rank tests are recomputed in the browser with the report's functions."
      value={value}
      onChange={change}
      styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
    >
      <Group mt="xs" gap="lg">
        {subgroupDefinitions.map((entry) => (
          <Radio key={entry.key} value={entry.key} label={entry.label} styles={instantRadio} />
        ))}
      </Group>
    </Radio.Group>
  );
});

/** Keeps a subgroup the worker drew, recording its time the first time it comes (the benchmark reads it). */
function keepDrawn(cache: SubgroupCache, event: Extract<PreparedEvent, { kind: 'drawn' }>): void {
  if (cache.has(event.key)) return;
  recordTiming(`dashboard:subgroup-compute:${event.key}`, event.durationMs);
  cache.put(event.key, event.drawn);
}

/** Runs `callback` in a task of its own; returns a cancel function. */
function afterTask(callback: () => void): () => void {
  const handle = setTimeout(callback, 0);
  return () => clearTimeout(handle);
}

export const SurvivalSection = memo(function SurvivalSection({
  results,
  patients,
  preparation = null,
  cache: givenCache,
}: SurvivalSectionProps) {
  const ownCache = useMemo(
    () => (givenCache === undefined ? createTimedSubgroupCache(results, patients) : undefined),
    [givenCache, results, patients],
  );
  const cache = givenCache ?? (ownCache as SubgroupCache);
  const [key, setKey] = useState<SubgroupKey>('all');
  // Subgroups whose figures are in the page (hidden unless shown), in the order they were prepared:
  // those the worker delivered before this section mounted go in with its first commit.
  const [mounted, setMounted] = useState<ReadonlyArray<readonly [SubgroupKey, FigureCount]>>(() => {
    const delivered: Array<readonly [SubgroupKey, FigureCount]> = [];
    for (const event of preparation?.delivered(patients) ?? []) {
      if (event.kind !== 'drawn') continue;
      keepDrawn(cache, event);
      delivered.push([event.key, 2]);
    }
    return [['all', 2], ...delivered];
  });
  // Subgroups no longer waited for (the worker failed or was too slow): computed here when chosen.
  const [computeHere, setComputeHere] = useState<ReadonlySet<SubgroupKey>>(() => new Set());
  /** The subgroup just chosen with the selector, until its figures are in the page. */
  const pendingKey = useRef<SubgroupKey | null>(null);
  /** The subgroup just chosen, until the section's text (status line and table) shows it. */
  const pendingText = useRef<SubgroupKey | null>(null);
  /** When the last pointer or key input on the selector happened (event time, ms since time origin). */
  const lastInputAt = useRef<number | null>(null);
  /** The subgroup whose figures the page shows: set by a change at once, and by each commit that moves on. */
  const shownKey = useRef<SubgroupKey>('all');
  /** The subgroup React displayed at its last commit. */
  const committedKey = useRef<SubgroupKey>('all');
  const stackRef = useRef<HTMLDivElement>(null);
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

  // After every commit: the figures shown are those of the last change, or of the subgroup React now
  // displays if it has moved on since its last commit (an unrelated commit, such as an arriving
  // subgroup, must not undo a change React has not rendered yet).
  useLayoutEffect(() => {
    if (displayedKey !== committedKey.current) {
      committedKey.current = displayedKey;
      shownKey.current = displayedKey;
    }
    showSubgroup(stackRef.current, shownKey.current, false);
    if (pendingText.current === key && displayedKey === key) {
      pendingText.current = null;
      measureSince('dashboard:subgroup-text', timingMarks.subgroupSelected);
    }
    if (pendingKey.current !== key || displayedKey !== key) return;
    pendingKey.current = null;
    measureSince('dashboard:subgroup-redraw', timingMarks.subgroupSelected);
    afterNextPaint(() => measureSince('dashboard:subgroup-redraw-painted', timingMarks.subgroupSelected));
  });

  // Take the worker's subgroups as they arrive (or prepare them one per idle period without a worker)
  // and put them in the page hidden, so a later change only shows them: one figure per task, each its
  // own commit (parsing ~90 kB of SVG), so an arrival holds up a click for one figure at most; one that
  // is waited for goes in whole.
  useEffect(() => {
    if (preparation !== null) {
      preparation.prepare(patients, results.conventions, preparedKeys);
      if (preparation.isPreparing(patients)) {
        const queue: Array<readonly [PreparedKey, FigureCount]> = [];
        let cancel: (() => void) | null = null;
        const insertNext = () => {
          cancel = null;
          const next = queue.shift();
          if (next === undefined) return;
          // Rendered and committed in this task: a timer and React's own scheduling could otherwise put
          // two queued figures in one commit.
          flushSync(() => mount(next[0], next[1]));
          if (queue.length > 0) cancel = afterTask(insertNext);
        };
        const unsubscribe = preparation.subscribe(patients, (event) => {
          if (event.kind === 'drawn') {
            keepDrawn(cache, event);
            if (pendingKey.current === event.key) {
              mount(event.key);
              return;
            }
            queue.push([event.key, 1], [event.key, 2]);
            cancel ??= afterTask(insertNext);
          } else {
            setComputeHere((current) => new Set([...current, event.key]));
          }
        });
        return () => {
          unsubscribe();
          cancel?.();
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

  const latest = useRef({ cache, preparation, patients });
  useLayoutEffect(() => {
    latest.current = { cache, preparation, patients };
  });
  // A change shows the chosen figures at once when they are in the page (one visibility per subgroup)
  // and renders the rest of the section — status line, table — as a transition right after, so the
  // curves never wait for React.
  const select = useCallback(
    (value: SubgroupKey) => {
      const now = performance.now();
      const inputAt = lastInputAt.current;
      // From the input event, so time the page spent busy before handling it counts too.
      markTiming(timingMarks.subgroupSelected, inputAt !== null && now - inputAt < inputMaxAgeMs ? inputAt : now);
      pendingKey.current = value;
      pendingText.current = value;
      if (showSubgroup(stackRef.current, value)) {
        shownKey.current = value;
        pendingKey.current = null;
        measureSince('dashboard:subgroup-redraw', timingMarks.subgroupSelected);
        afterNextPaint(() => measureSince('dashboard:subgroup-redraw-painted', timingMarks.subgroupSelected));
      }
      const { cache: current, preparation: preparing, patients: shown } = latest.current;
      startTransition(() => {
        setKey(value);
        if (current.has(value) || preparing?.isPreparing(shown) !== true) mount(value);
      });
    },
    [mount],
  );
  const noteInput = useCallback((event: { readonly timeStamp: number }) => {
    lastInputAt.current = event.timeStamp;
  }, []);

  const pfsTest = describeLogRank(drawn.survival.pfs);
  const osTest = describeLogRank(drawn.survival.os);
  return (
    <Stack gap="sm">
      <div onPointerDownCapture={noteInput} onKeyDownCapture={noteInput}>
        <SubgroupSelector onSelect={select} />
      </div>
      <Text size="sm" aria-live="polite" data-testid="survival-status">
        {isWaiting
          ? `Preparing the curves by ${definition.label}…`
          : key === 'all'
            ? `All ${drawn.survival.pfs.levels[0]?.estimate.n ?? 0} analysed patients.`
            : `By ${definition.label}: PFS ${pfsTest ?? ''}; OS ${osTest ?? ''}.`}
      </Text>
      <div ref={stackRef} style={{ display: 'grid' }}>
        {(mounted.some(([entry]) => entry === displayedKey) ? mounted : [...mounted, [displayedKey, 2] as const]).map(
          ([entry, count]) => {
            const figures = entry === displayedKey ? drawn : cache.peek(entry);
            return figures === undefined ? null : (
              <SubgroupFigures
                key={entry}
                subgroup={entry}
                figures={figures}
                isShown={entry === displayedKey}
                count={entry === displayedKey ? 2 : count}
              />
            );
          },
        )}
      </div>
      <TextTableView table={summary} testId="survival-summary" />
    </Stack>
  );
});
