import { describe, expect, it } from 'vitest';
import { syntheticPatients } from './dashboard-test-fixture.ts';
import { decodeSubgroupRows, encodeSubgroupRows, subgroupRowsTransfer } from './subgroup-rows.ts';

// Every 50th without a PFS record (the primary PFS convention can leave a patient out).
const patients = syntheticPatients(500).map((patient, index) =>
  index % 50 === 0 ? { ...patient, pfs: null } : patient,
);

describe('encodeSubgroupRows', () => {
  it('gives back every field the subgroups read, times bit for bit, when decoded', () => {
    const decoded = decodeSubgroupRows(encodeSubgroupRows(patients));
    expect(decoded).toEqual(
      patients.map((patient) => ({
        pclType: patient.pclType,
        karyotype: patient.karyotype,
        hasPriorAsct: patient.hasPriorAsct,
        isSingleAgent: patient.isSingleAgent,
        pfs: patient.pfs === null ? null : { months: patient.pfs.months, isEvent: patient.pfs.isEvent },
        os: { months: patient.os.months, isEvent: patient.os.isEvent },
      })),
    );
  });

  it('keeps every level and a missing PFS record apart when the cohort has them all', () => {
    const decoded = decodeSubgroupRows(encodeSubgroupRows(patients));
    expect(new Set(decoded.map((patient) => patient.karyotype))).toEqual(new Set(['normal', 'del13', 'not-done']));
    expect(new Set(decoded.map((patient) => patient.pclType))).toEqual(new Set(['primary', 'secondary']));
    expect(decoded.filter((patient) => patient.pfs === null)).toHaveLength(10);
  });

  it('moves its three buffers to the receiver instead of copying them', () => {
    const rows = encodeSubgroupRows(patients);
    const received = structuredClone(rows, { transfer: subgroupRowsTransfer(rows) });
    expect(rows.osMonths.length).toBe(0);
    expect(decodeSubgroupRows(received)).toHaveLength(patients.length);
  });
});
