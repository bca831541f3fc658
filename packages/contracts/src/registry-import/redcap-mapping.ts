/**
 * How a REDCap project maps onto mmreg's forms (documented in README.md, "REDCap projects"): one
 * instrument per form with fixed instrument and field names, so a centre that built its project
 * from mmreg's template (examples/redcap/) can import its flat record export unchanged.
 */
import { qualitativeLabTests, quantitativeLabTests } from '@mmreg/core';
import {
  adverseEventFieldSpecs,
  assessmentFieldSpecs,
  courseFieldSpecs,
  type FieldSpec,
  type FormKind,
  followUpFieldSpecs,
  patientFieldSpecs,
  priorTherapyFieldSpecs,
} from './form-fields.ts';

/** One mmreg field as a REDCap variable. */
export interface RedcapFieldMapping {
  readonly variable: string;
  readonly spec: FieldSpec;
  /** Must the dictionary define it? Fields that may be absent are imported as empty (with a warning). */
  readonly isRequired: boolean;
}

export interface RedcapInstrumentMapping {
  readonly instrument: string;
  readonly form: FormKind;
  readonly isRepeating: boolean;
  readonly fields: readonly RedcapFieldMapping[];
  /** The variable reported when two instances describe the same thing (same test and day…). */
  readonly keyVariable: string | null;
}

function fieldsOf(specs: readonly FieldSpec[], names: Readonly<Record<string, string>>): RedcapFieldMapping[] {
  return specs.map((spec) => {
    const variable = names[spec.field];
    if (variable === undefined) throw new TypeError(`no REDCap variable for ${spec.field}`);
    // Lists default to [], nullable fields to null, the index flag is derived: the rest must exist.
    const isRequired = !spec.nullable && spec.kind !== 'list' && spec.field !== 'isIndexTherapy';
    return { variable, spec, isRequired };
  });
}

const labTestSpec: FieldSpec = {
  field: 'test',
  column: 'test',
  kind: 'enum',
  nullable: false,
  values: [...quantitativeLabTests, ...qualitativeLabTests],
};

export const redcapInstruments: readonly RedcapInstrumentMapping[] = [
  {
    instrument: 'patient',
    form: 'patient',
    isRepeating: false,
    keyVariable: null,
    fields: fieldsOf(patientFieldSpecs, {
      sex: 'sex',
      birthYear: 'birth_year',
      diagnosisDate: 'diagnosis_date',
      priorMyelomaDiagnosisDate: 'prior_mm_diagnosis_date',
      heavyChain: 'heavy_chain',
      lightChain: 'light_chain',
      isNonSecretory: 'non_secretory',
      pbPlasmaCellsPercent: 'pb_plasma_cells_pct',
      wbcPer1e9L: 'wbc_1e9l',
      hemoglobinGPerDl: 'hemoglobin_gdl',
      plateletsPer1e9L: 'platelets_1e9l',
      creatinineMgPerDl: 'creatinine_mgdl',
      extramedullarySites: 'extramedullary_sites',
      karyotype: 'karyotype',
      notes: 'patient_notes',
    }),
  },
  {
    instrument: 'laboratory',
    form: 'assessments',
    isRepeating: true,
    keyVariable: 'lab_test',
    fields: fieldsOf(
      assessmentFieldSpecs.map((spec) => (spec.field === 'test' ? labTestSpec : spec)),
      { date: 'lab_date', test: 'lab_test', value: 'lab_value', result: 'lab_result', unit: 'lab_unit' },
    ),
  },
  {
    instrument: 'treatment_course',
    form: 'courses',
    isRepeating: true,
    keyVariable: 'course_start',
    fields: fieldsOf(courseFieldSpecs, {
      regimen: 'course_regimen',
      agents: 'course_agents',
      startDate: 'course_start',
      endDate: 'course_end',
      plannedBortezomibDoseMgPerM2: 'course_btz_dose_mgm2',
      schedule: 'course_schedule',
      plannedCycles: 'course_planned_cycles',
      cycleLengthDays: 'course_cycle_days',
      heightCm: 'course_height_cm',
      weightKg: 'course_weight_kg',
      isIndexTherapy: 'course_index',
    }),
  },
  {
    instrument: 'adverse_event',
    form: 'adverse-events',
    isRepeating: true,
    keyVariable: 'ae_term',
    fields: fieldsOf(adverseEventFieldSpecs, {
      term: 'ae_term',
      ctcaeVersion: 'ae_ctcae_version',
      grade: 'ae_grade',
      onsetDate: 'ae_onset',
      resolutionDate: 'ae_resolution',
      isSerious: 'ae_serious',
      attribution: 'ae_attribution',
      action: 'ae_action',
    }),
  },
  {
    instrument: 'follow_up',
    form: 'follow-up',
    isRepeating: true,
    keyVariable: 'fu_date',
    fields: fieldsOf(followUpFieldSpecs, {
      date: 'fu_date',
      vitalStatus: 'fu_vital_status',
      deathDate: 'fu_death_date',
      causeOfDeath: 'fu_cause_of_death',
      notes: 'fu_notes',
    }),
  },
  {
    instrument: 'prior_therapy',
    form: 'prior-therapies',
    isRepeating: true,
    keyVariable: 'pt_line',
    fields: fieldsOf(priorTherapyFieldSpecs, {
      lineNumber: 'pt_line',
      regimen: 'pt_regimen',
      agents: 'pt_agents',
      startDate: 'pt_start',
      endDate: 'pt_end',
      isAutologousTransplant: 'pt_asct',
      bestResponse: 'pt_best_response',
    }),
  },
];

const numberValidations = ['integer', 'number', 'number_1dp', 'number_2dp', 'number_3dp', 'number_4dp'];
const dateValidations = ['date_ymd', 'date_dmy', 'date_mdy'];

/**
 * REDCap field types (and text validations) that can hold each kind of mmreg value. Choice fields
 * (radio, dropdown) give their label for text, their code for numbers and a mapped value for enums.
 */
export function isCompatibleType(kind: FieldSpec['kind'], fieldType: string, validation: string): boolean {
  const isChoice = fieldType === 'radio' || fieldType === 'dropdown';
  switch (kind) {
    case 'text':
      return ((fieldType === 'text' || fieldType === 'notes') && validation === '') || isChoice;
    case 'enum':
      return isChoice || (fieldType === 'text' && validation === '');
    case 'integer':
      return (fieldType === 'text' && validation === 'integer') || isChoice;
    case 'number':
      return (fieldType === 'text' && numberValidations.includes(validation)) || isChoice;
    case 'date':
      return fieldType === 'text' && dateValidations.includes(validation);
    case 'boolean':
      return fieldType === 'yesno' || fieldType === 'truefalse';
    case 'list':
      return fieldType === 'checkbox' || ((fieldType === 'text' || fieldType === 'notes') && validation === '');
  }
}

export function describeCompatibleTypes(kind: FieldSpec['kind']): string {
  switch (kind) {
    case 'text':
      return 'text without validation, notes, radio or dropdown';
    case 'enum':
      return 'radio or dropdown whose choices name the accepted values, or text';
    case 'integer':
      return 'text with validation integer, radio or dropdown';
    case 'number':
      return `text with validation ${numberValidations.join('/')}, radio or dropdown`;
    case 'date':
      return `text with validation ${dateValidations.join('/')}`;
    case 'boolean':
      return 'yesno or truefalse';
    case 'list':
      return 'checkbox, or text with values separated by ";"';
  }
}

/** Compares a choice with an mmreg value ignoring case and punctuation ("Days 1, 4, 8, 11" = days-1-4-8-11). */
export const normalizeChoice = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
