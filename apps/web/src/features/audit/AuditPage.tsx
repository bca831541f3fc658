/**
 * The audit trail for the coordinating centre: who changed what, when and why, newest first, a page at
 * a time from the server (`order=desc`, the last record's number as the cursor), for every record in
 * scope or one patient's.
 */
import { Alert, Button, Code, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { useAuditPage, usePatients } from '../../api/use-registry-queries.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { AuditTable } from './AuditTable.tsx';

export const auditPageSize = 50;

export function AuditPage() {
  const [patientId, setPatientId] = useState<number | null>(null);
  // The cursor of each page opened so far: page n shows the records before cursors[n] (none for the newest).
  const [cursors, setCursors] = useState<readonly (number | undefined)[]>([undefined]);
  const pageIndex = cursors.length - 1;
  const audit = useAuditPage({ patientId, beforeSeq: cursors[pageIndex], limit: auditPageSize });
  const patients = usePatients(null);
  const records = audit.data?.records ?? [];
  const oldest = records.at(-1)?.seq;

  const choosePatient = (value: string | null) => {
    setPatientId(value === null ? null : Number(value));
    setCursors([undefined]);
  };

  return (
    <Stack gap="md">
      <Title order={2}>Audit trail</Title>
      <Group align="flex-end" justify="space-between">
        <Select
          label="Patient"
          placeholder="All records"
          clearable
          searchable
          data={(patients.data ?? []).map((patient) => ({ value: String(patient.id), label: patient.code }))}
          value={patientId === null ? null : String(patientId)}
          onChange={choosePatient}
          w={260}
        />
        <Group gap="xs">
          <Button variant="default" disabled={pageIndex === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer records
          </Button>
          <Button
            variant="default"
            disabled={audit.data?.hasMore !== true || oldest === undefined}
            onClick={() => setCursors([...cursors, oldest])}
          >
            Older records
          </Button>
        </Group>
      </Group>
      {audit.isPending && <PageLoader />}
      {audit.isError && <Alert color="red">{describeError(audit.error)}</Alert>}
      {audit.isSuccess && (
        <>
          <Text size="sm" c="gray.7" aria-live="polite" data-testid="audit-page-status">
            {records.length === 0
              ? 'No audit record.'
              : `Page ${pageIndex + 1}: records #${records[0]?.seq} to #${oldest}, newest first, ${auditPageSize} a page${audit.data.hasMore ? '' : ' (the oldest)'}.`}{' '}
            Hash-chained; verify with <Code>mmreg audit verify</Code>.
          </Text>
          <AuditTable records={records} />
        </>
      )}
    </Stack>
  );
}
