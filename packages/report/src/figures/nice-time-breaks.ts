/**
 * Time-axis breaks for the figures whose caller gives none (Kaplan–Meier, swimmer): about six steps of
 * 1, 2, 2.5, 3 or 5 times a power of ten, from 0 to the first break at or past `maxTime`.
 */
export function niceTimeBreaks(maxTime: number): number[] {
  if (maxTime <= 0) return [0, 1];
  const rawStep = maxTime / 6;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = ([1, 2, 2.5, 3, 5, 10].find((factor) => factor * magnitude >= rawStep) ?? 10) * magnitude;
  const breaks: number[] = [];
  for (let index = 0; index * step < maxTime + step * 1e-9; index += 1) breaks.push(index * step);
  if ((breaks[breaks.length - 1] ?? 0) < maxTime) breaks.push(breaks.length * step);
  return breaks;
}
