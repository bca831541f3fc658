/** The per-patient timeline figure (packages/report's SVG, the same drawing code as the reports), responsive. */
import { Box, Text } from '@mantine/core';
import { patientTimelineFigure } from '@mmreg/report';
import { useMemo } from 'react';
import { buildTimelineOptions, type TimelineInput } from './timeline-data.ts';

export function PatientTimeline(input: TimelineInput) {
  const svg = useMemo(() => {
    if (input.courses.length === 0) return null;
    try {
      return patientTimelineFigure(buildTimelineOptions(input));
    } catch {
      return null;
    }
  }, [input]);
  if (svg === null) {
    return (
      <Text size="sm" c="dimmed">
        The timeline appears once a treatment course is recorded.
      </Text>
    );
  }
  // The SVG is one image: its root carries role="img" and the text alternative (packages/report).
  return (
    <Box
      className="mmreg-figure"
      style={{ maxWidth: '100%', overflowX: 'auto' }}
      // The SVG is built by our own figure code from parsed API data (text escaped by the DOM serialiser).
      // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted SVG string from packages/report
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
