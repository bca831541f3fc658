/**
 * Reads a REDCap project — its data dictionary CSV and its flat record export CSV — into registry
 * forms. The dictionary is checked first against the mapping (redcap-mapping.ts): every variable
 * mmreg needs exists in the expected instrument with a compatible type, every choice of an
 * enumeration names an accepted value; fields mmreg does not know are reported as warnings (their
 * values are not imported), never dropped silently. The export is then read row by row: the row
 * without `redcap_repeat_instrument` holds the patient form, repeating instruments the child forms,
 * `<form>_complete` the form status and `redcap_data_access_group` the centre.
 */
import type { ImportIssue } from '../import-issue.ts';
import type { ChildCreate, FormStatus } from '../registry/registry-schemas.ts';
import type { BatchBuilder, PatientForm } from './batch-builder.ts';
import { convertCell, type FormKind, type RowLocation, validateForm } from './form-fields.ts';
import {
  describeCompatibleTypes,
  isCompatibleType,
  normalizeChoice,
  type RedcapFieldMapping,
  type RedcapInstrumentMapping,
  redcapInstruments,
} from './redcap-mapping.ts';
import { readCsvHeader, readCsvSource, type SourceRow, type SourceTable } from './source-table.ts';

/** The 18 columns of a data dictionary downloaded from REDCap's user interface, in order. */
export const redcapDictionaryColumns = [
  'Variable / Field Name',
  'Form Name',
  'Section Header',
  'Field Type',
  'Field Label',
  'Choices, Calculations, OR Slider Labels',
  'Field Note',
  'Text Validation Type OR Show Slider Number',
  'Text Validation Min',
  'Text Validation Max',
  'Identifier?',
  'Branching Logic (Show field only if...)',
  'Required Field?',
  'Custom Alignment',
  'Question Number (surveys only)',
  'Matrix Group Name',
  'Matrix Ranking?',
  'Field Annotation',
] as const;

/** The same columns as the API's `content=metadata` names them. */
export const redcapMetadataColumns = [
  'field_name',
  'form_name',
  'section_header',
  'field_type',
  'field_label',
  'select_choices_or_calculations',
  'field_note',
  'text_validation_type_or_show_slider_number',
  'text_validation_min',
  'text_validation_max',
  'identifier',
  'branching_logic',
  'required_field',
  'custom_alignment',
  'question_number',
  'matrix_group_name',
  'matrix_ranking',
  'field_annotation',
] as const;

const essential = [0, 1, 3, 4, 5, 7] as const;

/** True when a CSV header is a REDCap data dictionary's (UI or API column names). */
export function isRedcapDictionaryHeader(header: readonly string[]): boolean {
  return (
    header[0] === redcapDictionaryColumns[0] || (header[0] === redcapMetadataColumns[0] && header.includes('form_name'))
  );
}

interface DictionaryField {
  readonly line: number;
  readonly name: string;
  readonly form: string;
  readonly type: string;
  readonly validation: string;
  /** Choice code → label, in order (radio, dropdown, checkbox). */
  readonly choices: ReadonlyMap<string, string>;
}

interface ResolvedField {
  readonly mapping: RedcapFieldMapping;
  /** Null when the dictionary lacks the (optional) field: imported as empty. */
  readonly field: DictionaryField | null;
  /** Enumerations: choice code → mmreg value. */
  readonly enumValues: ReadonlyMap<string, string>;
}

interface ResolvedInstrument {
  readonly mapping: RedcapInstrumentMapping;
  readonly fields: readonly ResolvedField[];
}

/** A dictionary checked against the mapping: what the export reader needs. */
export interface RedcapDictionary {
  readonly file: string;
  readonly recordIdField: string;
  readonly fields: ReadonlyMap<string, DictionaryField>;
  readonly instruments: readonly ResolvedInstrument[];
  readonly forms: readonly string[];
}

function parseChoices(text: string): Map<string, string> {
  const choices = new Map<string, string>();
  for (const part of text.split('|')) {
    const comma = part.indexOf(',');
    if (comma < 0) continue;
    choices.set(part.slice(0, comma).trim(), part.slice(comma + 1).trim());
  }
  return choices;
}

/** Reads and checks a data dictionary; problems are issues, unknown fields and instruments warnings. */
export function readRedcapDictionary(
  text: string,
  file: string,
  report: { readonly issues: ImportIssue[]; readonly warnings: ImportIssue[] },
): RedcapDictionary | null {
  const { issues, warnings } = report;
  const header = readCsvHeader(text) ?? [];
  const names: readonly string[] =
    header[0] === redcapMetadataColumns[0] ? redcapMetadataColumns : redcapDictionaryColumns;
  const col = (index: number): string => names[index] ?? '';
  const required = essential.map((index) => col(index));
  const table = readCsvSource(
    text,
    file,
    {
      required,
      optional: names.filter((name) => !required.includes(name)),
      dateColumns: [],
    },
    issues,
  );
  if (table === null) return null;
  const [nameColumn, formColumn, , typeColumn, , choicesColumn, , validationColumn] = names;
  const before = issues.length;
  const fields = new Map<string, DictionaryField>();
  const forms: string[] = [];
  for (const row of table.rows) {
    const cell = (column: string | undefined): string =>
      column === undefined ? '' : (row.values[column] ?? '').trim();
    const field: DictionaryField = {
      line: row.line,
      name: cell(nameColumn),
      form: cell(formColumn),
      type: cell(typeColumn).toLowerCase(),
      validation: cell(validationColumn).toLowerCase(),
      choices: parseChoices(cell(choicesColumn)),
    };
    if (!/^[a-z][a-z0-9_]*$/.test(field.name)) {
      issues.push({
        file,
        line: row.line,
        column: col(0),
        message: `not a REDCap variable name (lower-case letters, digits, underscores, starting with a letter): "${field.name}"`,
      });
      continue;
    }
    const earlier = fields.get(field.name);
    if (earlier !== undefined) {
      issues.push({
        file,
        line: row.line,
        column: col(0),
        message: `variable ${field.name} is already defined on line ${earlier.line}`,
      });
      continue;
    }
    if (field.form === '') {
      issues.push({ file, line: row.line, column: col(1), message: 'the form name is empty' });
      continue;
    }
    if (!forms.includes(field.form)) forms.push(field.form);
    else if (forms.at(-1) !== field.form) {
      issues.push({
        file,
        line: row.line,
        column: col(1),
        message: `the fields of form ${field.form} are not contiguous (REDCap requires one block per form)`,
      });
    }
    fields.set(field.name, field);
  }
  const first = table.rows[0];
  const recordIdField = first === undefined ? '' : (first.values[col(0)] ?? '').trim();
  const recordField = fields.get(recordIdField);
  if (recordField !== undefined && recordField.type !== 'text') {
    issues.push({
      file,
      line: recordField.line,
      column: col(3),
      message: `the record ID field ${recordIdField} must be of type text (it holds the patient code)`,
    });
  }

  const mappedVariables = new Set<string>([recordIdField]);
  const instruments: ResolvedInstrument[] = [];
  for (const mapping of redcapInstruments) {
    if (!forms.includes(mapping.instrument)) {
      warnings.push({
        file,
        line: null,
        column: col(1),
        message: `the project has no instrument ${mapping.instrument}: no ${mapping.form} forms are imported`,
      });
      continue;
    }
    const resolved: ResolvedField[] = [];
    for (const fieldMapping of mapping.fields) {
      mappedVariables.add(fieldMapping.variable);
      const field = fields.get(fieldMapping.variable);
      const { spec } = fieldMapping;
      if (field === undefined) {
        if (fieldMapping.isRequired) {
          issues.push({
            file,
            line: null,
            column: col(0),
            message: `variable ${fieldMapping.variable} (${spec.field}) of instrument ${mapping.instrument} is missing`,
          });
        } else {
          warnings.push({
            file,
            line: null,
            column: col(0),
            message: `variable ${fieldMapping.variable} (${spec.field}) of instrument ${mapping.instrument} is not in the dictionary: imported as ${spec.kind === 'list' ? 'an empty list' : spec.field === 'isIndexTherapy' ? 'the earliest course of each patient' : 'empty'}`,
          });
        }
        resolved.push({ mapping: fieldMapping, field: null, enumValues: new Map() });
        continue;
      }
      if (field.form !== mapping.instrument) {
        issues.push({
          file,
          line: field.line,
          column: col(1),
          message: `variable ${field.name} belongs to instrument ${mapping.instrument}, not ${field.form}`,
        });
        continue;
      }
      if (!isCompatibleType(spec.kind, field.type, field.validation)) {
        issues.push({
          file,
          line: field.line,
          column: field.type === 'text' ? col(7) : col(3),
          message: `variable ${field.name} (${spec.field}) is ${field.type}${field.validation === '' ? '' : ` with validation ${field.validation}`}; expected ${describeCompatibleTypes(spec.kind)}`,
        });
        continue;
      }
      const enumValues = new Map<string, string>();
      if (spec.kind === 'enum' && (field.type === 'radio' || field.type === 'dropdown')) {
        for (const [choiceCode, label] of field.choices) {
          const value = spec.values?.find(
            (candidate) =>
              normalizeChoice(candidate) === normalizeChoice(label) ||
              normalizeChoice(candidate) === normalizeChoice(choiceCode),
          );
          if (value === undefined) {
            issues.push({
              file,
              line: field.line,
              column: col(5),
              message: `choice "${choiceCode}, ${label}" of ${field.name} names no accepted value (accepted: ${(spec.values ?? []).join(', ')})`,
            });
          } else enumValues.set(choiceCode, value);
        }
      }
      if (
        (field.type === 'radio' || field.type === 'dropdown' || field.type === 'checkbox') &&
        field.choices.size === 0
      ) {
        issues.push({
          file,
          line: field.line,
          column: col(5),
          message: `${field.type} field ${field.name} has no choices ("code, label | …")`,
        });
      }
      resolved.push({ mapping: fieldMapping, field, enumValues });
    }
    instruments.push({ mapping, fields: resolved });
  }
  const knownInstruments = new Set(redcapInstruments.map((mapping) => mapping.instrument));
  for (const field of fields.values()) {
    if (mappedVariables.has(field.name) || field.type === 'descriptive') continue;
    warnings.push({
      file,
      line: field.line,
      column: col(0),
      message: knownInstruments.has(field.form)
        ? `variable ${field.name} of instrument ${field.form} is not an mmreg field: its values are not imported`
        : `variable ${field.name} belongs to instrument ${field.form}, which mmreg does not import (expected: ${[...knownInstruments].join(', ')}): its values are not imported`,
    });
  }
  if (issues.length > before) return null;
  return { file, recordIdField, fields, instruments, forms };
}

const structuralColumns = [
  'redcap_repeat_instrument',
  'redcap_repeat_instance',
  'redcap_data_access_group',
  'redcap_survey_identifier',
];

/** The export columns a dictionary field produces: checkboxes explode into `name___code` (code lower-cased, `-` → `_`). */
function exportColumnsOf(field: DictionaryField): string[] {
  if (field.type === 'descriptive' || (field.type === 'file' && field.validation === 'signature')) return [];
  if (field.type !== 'checkbox') return [field.name];
  return [...field.choices.keys()].map((choiceCode) => checkboxColumn(field.name, choiceCode));
}

const checkboxColumn = (name: string, choiceCode: string): string =>
  `${name}___${choiceCode.toLowerCase().replace(/-/g, '_')}`;

const completeStatus: Readonly<Record<string, FormStatus>> = { '0': 'incomplete', '1': 'unverified', '2': 'complete' };

/** Reads the flat record export of a checked dictionary into the builder. */
export function readRedcapRecords(
  text: string,
  file: string,
  context: {
    readonly dictionary: RedcapDictionary;
    readonly builder: BatchBuilder;
    readonly centerCode?: string | undefined;
  },
): void {
  const { dictionary, builder } = context;
  const { issues } = builder;
  const header = readCsvHeader(text) ?? [];
  const table = readCsvSource(text, file, { required: header, optional: [], dateColumns: [] }, issues);
  if (table === null) return;
  if (!checkExportHeader(table, dictionary, issues)) return;

  const dagByRecord = new Map<string, { value: string; line: number }>();
  const instances = new Map<string, number>();
  for (const row of table.rows) {
    const where: RowLocation = { file, line: row.line };
    const cell = (column: string): string => (row.values[column] ?? '').trim();
    const code = cell(dictionary.recordIdField);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(code)) {
      issues.push({
        file,
        line: row.line,
        column: dictionary.recordIdField,
        message: `expected a record ID usable as a patient code (1–64 letters, digits, dot, dash or underscore); got "${code}"`,
      });
      continue;
    }
    const dag = cell('redcap_data_access_group');
    if (dag !== '') {
      const earlier = dagByRecord.get(code);
      if (earlier === undefined) dagByRecord.set(code, { value: dag, line: row.line });
      else if (earlier.value !== dag) {
        issues.push({
          file,
          line: row.line,
          column: 'redcap_data_access_group',
          message: `record ${code} is in data access group ${earlier.value} on line ${earlier.line}, ${dag} here`,
        });
      }
    }
    const instrumentName = cell('redcap_repeat_instrument');
    if (instrumentName === '') {
      const patient = dictionary.instruments.find((instrument) => instrument.mapping.form === 'patient');
      if (patient === undefined) continue;
      for (const instrument of dictionary.instruments) {
        if (!instrument.mapping.isRepeating) continue;
        const filled = instrument.fields.find(
          (field) => field.field !== null && field.field.type !== 'checkbox' && cell(field.field.name) !== '',
        );
        if (filled?.field != null) {
          issues.push({
            file,
            line: row.line,
            column: filled.field.name,
            message: `${instrument.mapping.instrument} must be a repeating instrument: this row has no redcap_repeat_instrument`,
          });
        }
      }
      if (!patient.fields.some((field) => field.field !== null && isFilled(field.field, cell))) continue;
      const values = readInstrument(patient, { row, where, builder });
      if (values === null) continue;
      const form = validateForm('patient', { code, ...values }, where, { columnOf: columnOf(patient), issues });
      const center = dag === '' ? context.centerCode : dag;
      if (center === undefined) {
        issues.push({
          file,
          line: row.line,
          column: 'redcap_data_access_group',
          message: `record ${code} has no data access group: export with data access groups or give the import a centre (--center)`,
        });
        continue;
      }
      if (form !== null) {
        builder.addPatient(form as PatientForm, where, {
          code: center,
          column: table.columns.includes('redcap_data_access_group') ? 'redcap_data_access_group' : null,
          keyColumn: dictionary.recordIdField,
        });
      }
      continue;
    }
    const instrument = dictionary.instruments.find((candidate) => candidate.mapping.instrument === instrumentName);
    if (instrument === undefined) {
      if (!dictionary.forms.includes(instrumentName)) {
        issues.push({
          file,
          line: row.line,
          column: 'redcap_repeat_instrument',
          message: `instrument ${instrumentName} is not in the data dictionary`,
        });
      }
      continue;
    }
    if (!instrument.mapping.isRepeating) {
      issues.push({
        file,
        line: row.line,
        column: 'redcap_repeat_instrument',
        message: `${instrumentName} is the patient form and cannot repeat`,
      });
      continue;
    }
    const instance = cell('redcap_repeat_instance');
    if (!/^[1-9]\d*$/.test(instance)) {
      issues.push({
        file,
        line: row.line,
        column: 'redcap_repeat_instance',
        message: `expected a repeat instance number 1, 2, …; got ${instance === '' ? 'an empty cell' : `"${instance}"`}`,
      });
      continue;
    }
    const instanceKey = `${code}\u0000${instrumentName}\u0000${instance}`;
    const earlierLine = instances.get(instanceKey);
    if (earlierLine !== undefined) {
      issues.push({
        file,
        line: row.line,
        column: 'redcap_repeat_instance',
        message: `record ${code} already has ${instrumentName} instance ${instance} (line ${earlierLine})`,
      });
      continue;
    }
    instances.set(instanceKey, row.line);
    const values = readInstrument(instrument, { row, where, builder });
    if (values === null) continue;
    const kind = instrument.mapping.form as Exclude<FormKind, 'patient'>;
    if (kind === 'courses') {
      if (instrument.fields.some((field) => field.mapping.spec.field === 'isIndexTherapy' && field.field !== null))
        builder.noteIndexFlagGiven(code);
      else values['isIndexTherapy'] = false;
    }
    const form = validateForm(kind, values, where, { columnOf: columnOf(instrument), issues });
    if (form !== null) {
      builder.addChild(code, kind, form as ChildCreate<typeof kind>, {
        where,
        keyColumn: instrument.mapping.keyVariable,
      });
    }
  }
}

function isFilled(field: DictionaryField, cell: (column: string) => string): boolean {
  return field.type === 'checkbox'
    ? exportColumnsOf(field).some((column) => cell(column) === '1')
    : cell(field.name) !== '';
}

const columnOf =
  (instrument: ResolvedInstrument) =>
  (fieldName: string): string | null =>
    fieldName === 'formStatus'
      ? `${instrument.mapping.instrument}_complete`
      : (instrument.fields.find((field) => field.mapping.spec.field === fieldName)?.mapping.variable ?? null);

/** The export must come from this dictionary: record ID first, every mapped variable present, no unknown column. */
function checkExportHeader(table: SourceTable, dictionary: RedcapDictionary, issues: ImportIssue[]): boolean {
  const before = issues.length;
  const { file, columns } = table;
  if (columns[0] !== dictionary.recordIdField) {
    issues.push({
      file,
      line: 1,
      column: columns[0] ?? null,
      message: `the first column must be the record ID field ${dictionary.recordIdField} of the data dictionary`,
    });
  }
  if (columns.includes('redcap_event_name')) {
    issues.push({
      file,
      line: 1,
      column: 'redcap_event_name',
      message: 'longitudinal projects are not supported: export without events (one arm, no events)',
    });
  }
  const known = new Set<string>([...structuralColumns, 'redcap_event_name']);
  for (const field of dictionary.fields.values()) for (const column of exportColumnsOf(field)) known.add(column);
  for (const form of dictionary.forms) {
    known.add(`${form}_complete`);
    known.add(`${form}_timestamp`);
  }
  for (const column of columns) {
    if (!known.has(column))
      issues.push({
        file,
        line: 1,
        column,
        message: `column is not a variable of the data dictionary ${dictionary.file}`,
      });
  }
  for (const instrument of dictionary.instruments) {
    for (const field of instrument.fields) {
      if (field.field === null) continue;
      for (const column of exportColumnsOf(field.field)) {
        if (!columns.includes(column))
          issues.push({
            file,
            line: 1,
            column,
            message: `the export lacks variable ${column} of the data dictionary (line ${field.field.line})`,
          });
      }
    }
  }
  if (dictionary.instruments.some((instrument) => instrument.mapping.isRepeating)) {
    for (const column of ['redcap_repeat_instrument', 'redcap_repeat_instance']) {
      if (!columns.includes(column))
        issues.push({
          file,
          line: 1,
          column,
          message: 'the export of a project with repeating instruments needs this column',
        });
    }
  }
  return issues.length === before;
}

/** Converts one instrument's cells to typed form values (choices mapped, checkboxes gathered); null on any problem. */
function readInstrument(
  instrument: ResolvedInstrument,
  context: { readonly row: SourceRow; readonly where: RowLocation; readonly builder: BatchBuilder },
): Record<string, unknown> | null {
  const { row, where, builder } = context;
  const cell = (column: string): string => (row.values[column] ?? '').trim();
  const values: Record<string, unknown> = {};
  let isValid = true;
  const fail = (column: string, message: string): void => {
    isValid = false;
    builder.issues.push({ file: where.file, line: where.line, column, message });
  };
  for (const { mapping, field, enumValues } of instrument.fields) {
    const { spec, variable } = mapping;
    if (field === null) {
      values[spec.field] = spec.kind === 'list' ? [] : null;
      continue;
    }
    if (field.type === 'checkbox') {
      const checked: string[] = [];
      for (const [choiceCode, label] of field.choices) {
        const column = checkboxColumn(field.name, choiceCode);
        const text = cell(column);
        if (text === '1') checked.push(label);
        else if (text !== '0' && text !== '') fail(column, `expected 1 (checked) or 0; got "${text}"`);
      }
      values[spec.field] = checked;
      continue;
    }
    let text = cell(variable);
    const isChoice = field.type === 'radio' || field.type === 'dropdown';
    if (isChoice && text !== '') {
      const label = field.choices.get(text);
      if (label === undefined) {
        fail(variable, `"${text}" is not a choice of ${variable} (choices: ${[...field.choices.keys()].join(', ')})`);
        continue;
      }
      if (spec.kind === 'enum') text = enumValues.get(text) ?? text;
      else if (spec.kind === 'text') text = label;
    }
    const converted = convertCell(text, spec);
    if (!converted.ok) {
      fail(variable, converted.message);
      continue;
    }
    // Qualitative results are compared with core's lower-case vocabulary (positive, negative, yes, no).
    values[spec.field] =
      spec.field === 'result' && typeof converted.value === 'string' ? converted.value.toLowerCase() : converted.value;
  }
  const completeColumn = `${instrument.mapping.instrument}_complete`;
  const complete = cell(completeColumn);
  if (complete !== '') {
    const status = completeStatus[complete];
    if (status === undefined)
      fail(completeColumn, `expected 0 (incomplete), 1 (unverified) or 2 (complete); got "${complete}"`);
    else values['formStatus'] = status;
  }
  return isValid ? values : null;
}
