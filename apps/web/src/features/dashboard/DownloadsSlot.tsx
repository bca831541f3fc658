/**
 * The report downloads of the dashboard: the same exporters as `mmreg report` (packages/report/src/
 * export), served by `GET /api/studies/{id}/report?format=…` over the caller's patients. Plain links:
 * the session cookie authenticates a same-origin GET, and the browser saves the file the server names.
 */
import { Anchor, Group, Text } from '@mantine/core';

export interface DownloadsSlotProps {
  readonly studyId: number;
  readonly isStudyWide: boolean;
}

const downloads = [
  { format: 'pdf', label: 'PDF', description: 'the report printed by Chromium' },
  { format: 'docx', label: 'Word', description: 'tables as Word tables, figures at 300 dpi' },
  { format: 'xlsx', label: 'Excel', description: 'one sheet per table' },
  { format: 'html', label: 'HTML', description: 'one self-contained page' },
  { format: 'csv-zip', label: 'CSV', description: 'one file per table, zipped' },
] as const;

export function DownloadsSlot({ studyId, isStudyWide }: DownloadsSlotProps) {
  return (
    <Group gap="sm" data-testid="downloads-slot" aria-label="Report downloads">
      <Text size="sm" c="gray.7">
        Report{isStudyWide ? '' : ' (your centres only)'}:
      </Text>
      {downloads.map((download) => (
        <Anchor
          key={download.format}
          size="sm"
          href={`/api/studies/${studyId}/report?format=${download.format}`}
          download
          title={download.description}
          data-testid={`download-${download.format}`}
        >
          {download.label}
        </Anchor>
      ))}
    </Group>
  );
}
