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
  // The text alternative sits on a wrapper with role="img" and the SVG is hidden from assistive
  // technology: Plot labels its inner groups ("bar", "rule"), which ARIA does not allow inside an image.
  return (
    <Box
      className="mmreg-figure"
      role="img"
      aria-label={`Timeline of patient ${input.patient.code}: treatment courses, responses and last contact`}
      style={{ maxWidth: '100%', overflowX: 'auto' }}
    >
      <div
        aria-hidden="true"
        // The SVG is built by our own figure code from parsed API data (text escaped by the DOM serialiser).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted SVG string from packages/report
        dangerouslySetInnerHTML={{ __html: svg }}
      />
    </Box>
  );
}
