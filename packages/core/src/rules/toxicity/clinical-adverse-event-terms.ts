/**
 * The clinician-graded CTCAE terms relevant to bortezomib (clinical-spec.md §4.2), with their grade
 * descriptions in v3.0 and v5.0 and MedDRA-style names. v5.0 wording is CTCAE's as transcribed in
 * oncohub/CTCAE5 ctcaev5.js (the spec's v5 source, [V]); v3.0 wording is [U] except where §4.2 marks it
 * [V] (sensory neuropathy, fatigue). A grade a version does not define ("—") is absent. This is data
 * for forms and explanations: a clinician grades, the code checks the grade exists and says what it means.
 */
import type { EvidenceLevel, RuleDefinition } from '../rule.ts';
import type { CtcaeClinicalGrade } from './ctcae-lab-table.ts';

export type ClinicalAdverseEventTermId =
  | 'peripheral-sensory-neuropathy'
  | 'peripheral-motor-neuropathy'
  | 'neuralgia'
  | 'diarrhea'
  | 'nausea'
  | 'rash-maculo-papular'
  | 'shingles'
  | 'fatigue'
  | 'lung-infection'
  | 'upper-respiratory-infection'
  | 'urinary-tract-infection'
  | 'sepsis'
  | 'febrile-neutropenia'
  | 'tumor-lysis-syndrome';

export type ClinicalGradeDescriptions = Readonly<Partial<Record<CtcaeClinicalGrade, string>>>;

export interface ClinicalTermInVersion {
  /** The term as the version prints it. */
  readonly term: string;
  readonly evidence: EvidenceLevel;
  readonly grades: ClinicalGradeDescriptions;
  readonly note?: string;
}

export interface ClinicalAdverseEventTerm {
  readonly id: ClinicalAdverseEventTermId;
  /** MedDRA-style preferred name (the v5.0 term). */
  readonly name: string;
  readonly systemOrganClass: string;
  /** MedDRA code as the v5.0 transcription gives it; null where it was not read from that source. */
  readonly meddraCode: string | null;
  /** Other names a user may type (British spellings, v3 wording, abbreviations). */
  readonly synonyms: readonly string[];
  readonly v3: ClinicalTermInVersion;
  readonly v5: ClinicalTermInVersion;
}

export const ctcaeV5ClinicalTermsRule: RuleDefinition = {
  id: 'ctcae-v5-clinical-terms',
  version: '5.0',
  title: 'CTCAE v5.0 clinician-graded terms relevant to bortezomib',
  specSection: '§4.2',
  source: 'NCI CTCAE v5.0 (27 Nov 2017) as transcribed in oncohub/CTCAE5 ctcaev5.js',
  evidence: 'V',
};

export const ctcaeV3ClinicalTermsRule: RuleDefinition = {
  id: 'ctcae-v3-clinical-terms',
  version: '3.0',
  title: 'CTCAE v3.0 clinician-graded terms relevant to bortezomib',
  specSection: '§4.2',
  source:
    'NCI CTCAE v3.0 (31 Mar 2003); rows not retrieved except sensory neuropathy and fatigue (clinical-spec.md §4.2)',
  evidence: 'U',
};

const v5Infection = {
  3: 'IV antibiotic, antifungal, or antiviral intervention indicated; invasive intervention indicated',
  4: 'Life-threatening consequences; urgent intervention indicated',
  5: 'Death',
} as const;

/** CTCAE v3.0 infection grades, shared by the three ANC-defined infection terms and every site. */
const v3Infection = {
  2: 'Localized, local intervention indicated',
  3: 'IV antibiotic, antifungal, or antiviral intervention indicated; interventional radiology or operative intervention indicated',
  4: 'Life-threatening consequences (e.g., septic shock, hypotension, acidosis, necrosis)',
  5: 'Death',
} as const;

const v3InfectionNote =
  'CTCAE v3.0 files infections under three terms by ANC ("Infection with Grade 3 or 4 neutrophils (ANC <1.0 x 10e9/L)", "Infection with normal ANC or Grade 1 or 2 neutrophils", "Infection with unknown ANC"), each with a site; the grades are shared.';

export const clinicalAdverseEventTerms: Readonly<Record<ClinicalAdverseEventTermId, ClinicalAdverseEventTerm>> = {
  'peripheral-sensory-neuropathy': {
    id: 'peripheral-sensory-neuropathy',
    name: 'Peripheral sensory neuropathy',
    systemOrganClass: 'Nervous system disorders',
    meddraCode: '10034620',
    synonyms: ['sensory neuropathy', 'peripheral neuropathy sensory', 'neuropathy sensory'],
    v5: {
      term: 'Peripheral sensory neuropathy',
      evidence: 'V',
      grades: {
        1: 'Asymptomatic',
        2: 'Moderate symptoms; limiting instrumental ADL',
        3: 'Severe symptoms; limiting self care ADL',
        4: 'Life-threatening consequences; urgent intervention indicated',
      },
    },
    v3: {
      term: 'Neuropathy: sensory',
      evidence: 'V',
      grades: {
        1: 'Asymptomatic; loss of deep tendon reflexes or paresthesia (including tingling) but not interfering with function',
        2: 'Sensory alteration or paresthesia (including tingling), interfering with function, but not interfering with ADL',
        3: 'Sensory alteration or paresthesia interfering with ADL',
        4: 'Disabling',
        5: 'Death',
      },
    },
  },
  'peripheral-motor-neuropathy': {
    id: 'peripheral-motor-neuropathy',
    name: 'Peripheral motor neuropathy',
    systemOrganClass: 'Nervous system disorders',
    meddraCode: '10034580',
    synonyms: ['motor neuropathy', 'peripheral neuropathy motor', 'neuropathy motor'],
    v5: {
      term: 'Peripheral motor neuropathy',
      evidence: 'V',
      grades: {
        1: 'Asymptomatic; clinical or diagnostic observations only',
        2: 'Moderate symptoms; limiting instrumental ADL',
        3: 'Severe symptoms; limiting self care ADL',
        4: 'Life-threatening consequences; urgent intervention indicated',
        5: 'Death',
      },
    },
    v3: {
      term: 'Neuropathy: motor',
      evidence: 'U',
      grades: {
        1: 'Asymptomatic, weakness on exam/testing only',
        2: 'Symptomatic weakness interfering with function, but not interfering with ADL',
        3: 'Weakness interfering with ADL; bracing or assistance to walk (e.g., cane or walker) indicated',
        4: 'Life-threatening; disabling (e.g., paralysis)',
        5: 'Death',
      },
    },
  },
  neuralgia: {
    id: 'neuralgia',
    name: 'Neuralgia',
    systemOrganClass: 'Nervous system disorders',
    meddraCode: '10029223',
    synonyms: ['neuropathic pain', 'pain neuralgia peripheral nerve', 'nerve pain'],
    v5: {
      term: 'Neuralgia',
      evidence: 'V',
      grades: {
        1: 'Mild pain',
        2: 'Moderate pain; limiting instrumental ADL',
        3: 'Severe pain; limiting self care ADL',
      },
    },
    v3: {
      term: 'Pain - Neuralgia/peripheral nerve',
      evidence: 'U',
      grades: {
        1: 'Mild pain not interfering with function',
        2: 'Moderate pain; pain or analgesics interfering with function, but not interfering with ADL',
        3: 'Severe pain; pain or analgesics severely interfering with ADL',
        4: 'Disabling',
      },
    },
  },
  diarrhea: {
    id: 'diarrhea',
    name: 'Diarrhea',
    systemOrganClass: 'Gastrointestinal disorders',
    meddraCode: null,
    synonyms: ['diarrhoea'],
    v5: {
      term: 'Diarrhea',
      evidence: 'V',
      grades: {
        1: 'Increase of <4 stools per day over baseline; mild increase in ostomy output compared to baseline',
        2: 'Increase of 4 - 6 stools per day over baseline; moderate increase in ostomy output compared to baseline; limiting instrumental ADL',
        3: 'Increase of >=7 stools per day over baseline; hospitalization indicated; severe increase in ostomy output compared to baseline; limiting self care ADL',
        4: 'Life-threatening consequences; urgent intervention indicated',
        5: 'Death',
      },
    },
    v3: {
      term: 'Diarrhea',
      evidence: 'U',
      grades: {
        1: 'Increase of <4 stools per day over baseline; mild increase in ostomy output compared to baseline',
        2: 'Increase of 4 - 6 stools per day over baseline; IV fluids indicated <24 hrs; moderate increase in ostomy output compared to baseline; not interfering with ADL',
        3: 'Increase of >=7 stools per day over baseline; incontinence; IV fluids >=24 hrs; hospitalization; severe increase in ostomy output compared to baseline; interfering with ADL',
        4: 'Life-threatening consequences (e.g., hemodynamic collapse)',
        5: 'Death',
      },
    },
  },
  nausea: {
    id: 'nausea',
    name: 'Nausea',
    systemOrganClass: 'Gastrointestinal disorders',
    meddraCode: '10028813',
    synonyms: [],
    v5: {
      term: 'Nausea',
      evidence: 'V',
      grades: {
        1: 'Loss of appetite without alteration in eating habits',
        2: 'Oral intake decreased without significant weight loss, dehydration or malnutrition',
        3: 'Inadequate oral caloric or fluid intake; tube feeding, TPN, or hospitalization indicated',
      },
    },
    v3: {
      term: 'Nausea',
      evidence: 'U',
      grades: {
        1: 'Loss of appetite without alteration in eating habits',
        2: 'Oral intake decreased without significant weight loss, dehydration or malnutrition; IV fluids indicated <24 hrs',
        3: 'Inadequate oral caloric or fluid intake; IV fluids, tube feedings, or TPN indicated >=24 hrs',
        4: 'Life-threatening consequences',
        5: 'Death',
      },
    },
  },
  'rash-maculo-papular': {
    id: 'rash-maculo-papular',
    name: 'Rash maculo-papular',
    systemOrganClass: 'Skin and subcutaneous tissue disorders',
    meddraCode: null,
    synonyms: ['rash', 'maculopapular rash', 'rash maculopapular', 'rash desquamation'],
    v5: {
      term: 'Rash maculo-papular',
      evidence: 'V',
      grades: {
        1: 'Macules/papules covering <10% BSA with or without symptoms (e.g., pruritus, burning, tightness)',
        2: 'Macules/papules covering 10 - 30% BSA with or without symptoms (e.g., pruritus, burning, tightness); limiting instrumental ADL; rash covering > 30% BSA with or without mild symptoms',
        3: 'Macules/papules covering >30% BSA with moderate or severe symptoms; limiting self care ADL',
      },
    },
    v3: {
      term: 'Rash/desquamation',
      evidence: 'U',
      grades: {
        1: 'Macular or papular eruption or erythema without associated symptoms',
        2: 'Macular or papular eruption or erythema with pruritus or other associated symptoms; localized desquamation or other lesions covering <50% of body surface area (BSA)',
        3: 'Severe, generalized erythroderma or macular, papular or vesicular eruption; desquamation covering >=50% BSA',
        4: 'Generalized exfoliative, ulcerative, or bullous dermatitis',
        5: 'Death',
      },
    },
  },
  shingles: {
    id: 'shingles',
    name: 'Shingles',
    systemOrganClass: 'Infections and infestations',
    meddraCode: '10040555',
    synonyms: ['herpes zoster', 'zoster'],
    v5: {
      term: 'Shingles',
      evidence: 'P',
      note: 'Term name from a third-party transcription (clinical-spec.md §9 item 3): check the official CTCAE v5.0 file.',
      grades: {
        1: 'Localized, local intervention indicated',
        2: 'Local infection with moderate symptoms; oral intervention indicated; limiting age-appropriate instrumental ADL',
        3: 'Severe or medically significant but not immediately life-threatening; hospitalization or prolongation of existing hospitalization indicated; IV intervention indicated; limiting self-care ADL',
        4: 'Life-threatening consequences; urgent intervention indicated',
        5: 'Death',
      },
    },
    v3: {
      term: 'Infection (herpes zoster, graded by the v3.0 Infection terms)',
      evidence: 'U',
      note: `No dedicated v3.0 term was located (clinical-spec.md §4.2). ${v3InfectionNote}`,
      grades: v3Infection,
    },
  },
  fatigue: {
    id: 'fatigue',
    name: 'Fatigue',
    systemOrganClass: 'General disorders and administration site conditions',
    meddraCode: '10016256',
    synonyms: ['fatigue asthenia lethargy malaise'],
    v5: {
      term: 'Fatigue',
      evidence: 'V',
      grades: {
        1: 'Fatigue relieved by rest',
        2: 'Fatigue not relieved by rest; limiting instrumental ADL',
        3: 'Fatigue not relieved by rest, limiting self care ADL',
      },
    },
    v3: {
      term: 'Fatigue (asthenia, lethargy, malaise)',
      evidence: 'V',
      grades: {
        1: 'Mild fatigue over baseline',
        2: 'Moderate or causing difficulty performing some ADL',
        3: 'Severe fatigue interfering with ADL',
        4: 'Disabling',
      },
    },
  },
  'lung-infection': {
    id: 'lung-infection',
    name: 'Lung infection',
    systemOrganClass: 'Infections and infestations',
    meddraCode: '10061229',
    synonyms: ['pneumonia'],
    v5: {
      term: 'Lung infection',
      evidence: 'V',
      note: 'CTCAE v5.0 definition: an infectious process involving the lungs, including pneumonia.',
      grades: {
        2: 'Moderate symptoms; oral intervention indicated (e.g., antibiotic, antifungal, or antiviral)',
        ...v5Infection,
      },
    },
    v3: { term: 'Infection - Lung (pneumonia)', evidence: 'U', note: v3InfectionNote, grades: v3Infection },
  },
  'upper-respiratory-infection': {
    id: 'upper-respiratory-infection',
    name: 'Upper respiratory infection',
    systemOrganClass: 'Infections and infestations',
    meddraCode: '10046300',
    synonyms: ['upper respiratory tract infection', 'URI', 'URTI'],
    v5: {
      term: 'Upper respiratory infection',
      evidence: 'V',
      grades: {
        2: 'Moderate symptoms; oral intervention indicated (e.g., antibiotic, antifungal, or antiviral)',
        ...v5Infection,
      },
    },
    v3: { term: 'Infection - Upper airway NOS', evidence: 'U', note: v3InfectionNote, grades: v3Infection },
  },
  'urinary-tract-infection': {
    id: 'urinary-tract-infection',
    name: 'Urinary tract infection',
    systemOrganClass: 'Infections and infestations',
    meddraCode: '10046571',
    synonyms: ['UTI'],
    v5: {
      term: 'Urinary tract infection',
      evidence: 'V',
      grades: {
        2: 'Localized; oral intervention indicated (e.g., antibiotic, antifungal, or antiviral)',
        ...v5Infection,
      },
    },
    v3: { term: 'Infection - Urinary tract NOS', evidence: 'U', note: v3InfectionNote, grades: v3Infection },
  },
  sepsis: {
    id: 'sepsis',
    name: 'Sepsis',
    systemOrganClass: 'Infections and infestations',
    meddraCode: '10040047',
    synonyms: [],
    v5: {
      term: 'Sepsis',
      evidence: 'V',
      grades: {
        3: 'Blood culture positive with signs or symptoms; treatment indicated',
        4: 'Life-threatening consequences; urgent intervention indicated',
        5: 'Death',
      },
    },
    v3: { term: 'Infection - Blood', evidence: 'U', note: v3InfectionNote, grades: v3Infection },
  },
  'febrile-neutropenia': {
    id: 'febrile-neutropenia',
    name: 'Febrile neutropenia',
    systemOrganClass: 'Blood and lymphatic system disorders',
    meddraCode: '10016288',
    synonyms: ['neutropenic fever'],
    v5: {
      term: 'Febrile neutropenia',
      evidence: 'V',
      grades: {
        3: 'ANC <1000/mm3 with a single temperature of >38.3 degrees C (101 degrees F) or a sustained temperature of >=38 degrees C (100.4 degrees F) for more than one hour',
        4: 'Life-threatening consequences; urgent intervention indicated',
        5: 'Death',
      },
    },
    v3: {
      term: 'Febrile neutropenia (fever of unknown origin without clinically or microbiologically documented infection) (ANC <1.0 x 10e9/L, fever >=38.5 degrees C)',
      evidence: 'U',
      grades: {
        3: 'Present',
        4: 'Life-threatening consequences (e.g., septic shock, hypotension, acidosis, necrosis)',
        5: 'Death',
      },
    },
  },
  'tumor-lysis-syndrome': {
    id: 'tumor-lysis-syndrome',
    name: 'Tumor lysis syndrome',
    systemOrganClass: 'Metabolism and nutrition disorders',
    meddraCode: null,
    synonyms: ['tumour lysis syndrome', 'TLS'],
    v5: {
      term: 'Tumor lysis syndrome',
      evidence: 'V',
      note: 'Laboratory and clinical TLS are derived by the Cairo–Bishop rule (clinical-spec.md §7, tumour-lysis rules).',
      grades: { 3: 'Present', 4: 'Life-threatening consequences; urgent intervention indicated', 5: 'Death' },
    },
    v3: {
      term: 'Tumor lysis syndrome',
      evidence: 'U',
      grades: { 3: 'Present', 5: 'Death' },
    },
  },
};

export const clinicalAdverseEventTermIds = Object.keys(
  clinicalAdverseEventTerms,
) as readonly ClinicalAdverseEventTermId[];
