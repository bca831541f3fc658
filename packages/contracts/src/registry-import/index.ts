export type { ImportCenter } from './batch-builder.ts';
export { type LongFileKind, longFileKinds } from './long-files.ts';
export { parseRegistryImport, type RegistryImportFile, type RegistryImportOptions } from './parse-registry-import.ts';
export { redcapInstruments } from './redcap-mapping.ts';
export { redcapDictionaryColumns, redcapMetadataColumns } from './redcap-project.ts';
export { excelSerialToDate } from './source-table.ts';
