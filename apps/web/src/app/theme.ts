/**
 * The app's Mantine theme: one primary colour, system fonts, focus ring always visible for keyboard
 * users, and colours that meet WCAG AA contrast (4.5:1; axe-core's color-contrast rule, e2e tests):
 * Mantine's defaults do not — white on indigo 6 is 4.3:1, "dimmed" gray 6 text 3.3:1, light badges
 * and alerts (shade 9 on shade 1) down to 2.7:1 for yellow.
 */
import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, darken } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Filled buttons, badges and links use shade 8 (white on indigo 8 is 5.7:1, links on striped rows 5.4:1).
  primaryShade: { light: 8, dark: 8 },
  // Text on filled colours is black or white, whichever contrasts more (the WCAG crossover luminance).
  autoContrast: true,
  luminanceThreshold: 0.179,
  focusRing: 'always',
  defaultRadius: 'sm',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif",
});

const colourNames = Object.keys(DEFAULT_THEME.colors);

/** Light scheme: "dimmed" text is gray 7 (8.2:1); light variants' text is shade 9 darkened by 30% (≥ 4.7:1 on shades 1–2). */
export const cssVariablesResolver: CSSVariablesResolver = (resolvedTheme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      colourNames.map((name) => [
        `--mantine-color-${name}-light-color`,
        darken(resolvedTheme.colors[name]?.[9] ?? DEFAULT_THEME.black, 0.3),
      ]),
    ),
  },
  dark: {},
});
