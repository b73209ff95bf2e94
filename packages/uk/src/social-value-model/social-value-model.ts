import {
  type Framework,
  type FrameworkInput,
  FrameworkSchema,
  type MeasureInput,
} from '@commonweal/core/framework';

const PENDING = 'pending verification';

const RECORD_ONLY =
  'Record-only: no proxy value, never part of £ totals. The Social Value Model is evaluated qualitatively ' +
  'against Model Award Criteria, not by £ proxies. Record the number of commitments delivered against this ' +
  'outcome, with evidence in the entry. Model Award Criteria (MAC) numbering and wording and reporting metrics ' +
  `are ${PENDING}: load them from your own copy of the model as a framework file.`;

function recordOnly(code: string, theme: string, outcome: string, title: string): MeasureInput {
  return {
    code,
    title,
    theme,
    outcome,
    unit: 'commitments',
    proxy: null,
    countingRule: 'perYear',
    description: RECORD_ONLY,
  };
}

const PARTLY_VERIFIED = `Verified policy outcome wording included; any other outcome wording of this theme is ${PENDING}.`;

const PPN_0620_URL =
  'https://www.gov.uk/government/publications/procurement-policy-note-0620-taking-account-of-social-value-in-the-award-of-central-government-contracts';

const PPN_0620: FrameworkInput = {
  id: 'uk-social-value-model-ppn-06-20',
  title: 'UK Government Social Value Model (PPN 06/20)',
  edition: 'Edition 1.1 (3 December 2020); PPN 06/20 of 24 September 2020, in force 1 January 2021',
  currency: 'GBP',
  licence: 'OGL-UK-3.0',
  source: {
    title:
      'Procurement Policy Note 06/20: taking account of social value in the award of central government contracts',
    publisher: 'Cabinet Office',
    edition: 'PPN 06/20 (24 September 2020); Social Value Model Edition 1.1 (3 December 2020)',
    url: PPN_0620_URL,
    licence: 'OGL-UK-3.0',
    notes:
      'Five themes and eight policy outcomes. This record ships the five themes and only the three outcome ' +
      `wordings verified against the model; the other five outcomes, the MAC numbering and the reporting metrics are ${PENDING} ` +
      'and are not invented here. Not based on the National TOMs; evaluated qualitatively, not by £ proxies.',
  },
  themes: [
    { id: 'covid-19-recovery', title: 'COVID-19 recovery', description: PARTLY_VERIFIED },
    {
      id: 'tackling-economic-inequality',
      title: 'Tackling economic inequality',
      description: `Policy outcome wording ${PENDING}: load it from your own copy of the model.`,
    },
    {
      id: 'fighting-climate-change',
      title: 'Fighting climate change',
      description: `Policy outcome wording ${PENDING}: load it from your own copy of the model.`,
    },
    {
      id: 'equal-opportunity',
      title: 'Equal opportunity',
      description: PARTLY_VERIFIED,
    },
    {
      id: 'wellbeing',
      title: 'Wellbeing',
      description: `Policy outcome wording ${PENDING}: load it from your own copy of the model.`,
    },
  ],
  outcomes: [
    {
      id: 'covid-19-community-recovery',
      theme: 'covid-19-recovery',
      title: 'Help local communities to manage and recover from the impact of COVID-19',
    },
    {
      id: 'disability-employment-gap',
      theme: 'equal-opportunity',
      title: 'Reduce the disability employment gap',
    },
    { id: 'workforce-inequality', theme: 'equal-opportunity', title: 'Tackle workforce inequality' },
  ],
  measures: [
    recordOnly(
      'PPN0620-COVID-19-RECOVERY',
      'covid-19-recovery',
      'covid-19-community-recovery',
      'Commitments delivered: help local communities to manage and recover from the impact of COVID-19',
    ),
    recordOnly(
      'PPN0620-DISABILITY-EMPLOYMENT-GAP',
      'equal-opportunity',
      'disability-employment-gap',
      'Commitments delivered: reduce the disability employment gap',
    ),
    recordOnly(
      'PPN0620-WORKFORCE-INEQUALITY',
      'equal-opportunity',
      'workforce-inequality',
      'Commitments delivered: tackle workforce inequality',
    ),
  ],
};

/**
 * The UK Government Social Value Model of PPN 06/20 (Edition 1.1, 3 December 2020; in force
 * 1 January 2021) as a record-only framework: its five themes, and only the policy-outcome
 * wording verified so far (three of eight), each with one record-only measure (no proxy: the
 * model is evaluated qualitatively). Themes whose outcome wording is pending verification say
 * so in their description; MAC numbering is not included.
 *
 * @example
 * ```ts
 * socialValueModel2020.themes.map((t) => t.title);
 * // ['COVID-19 recovery', 'Tackling economic inequality', 'Fighting climate change', 'Equal opportunity', 'Wellbeing']
 * socialValueModel2020.measures.every((m) => m.proxy === null); // true
 * ```
 */
export const socialValueModel2020: Framework = FrameworkSchema.parse(PPN_0620);

const PPN_002_URL =
  'https://www.gov.uk/government/publications/ppn-002-taking-account-of-social-value-in-the-award-of-contracts';

const MISSION_NOTE =
  `Mission named in short form as recorded in the project's verified reference; full mission wording, its outcomes, ` +
  `Model Award Criteria and Standard Reporting Metrics are ${PENDING}: load them from your own copy of the model.`;

function mission(
  id: string,
  title: string,
): { theme: FrameworkInput['themes'][number]; measure: MeasureInput } {
  return {
    theme: { id, title, description: MISSION_NOTE },
    measure: {
      code: `PPN002-${id.toUpperCase()}`,
      title: `Commitments delivered towards the mission "${title}"`,
      theme: id,
      unit: 'commitments',
      proxy: null,
      countingRule: 'perYear',
      description:
        'Record-only: no proxy value, never part of £ totals. The Social Value Model is evaluated qualitatively, not ' +
        `by £ proxies. Record the number of commitments delivered towards this mission, with evidence in the entry. ${MISSION_NOTE}`,
    },
  };
}

const MISSIONS = [
  mission('growth', 'Growth'),
  mission('clean-energy-superpower', 'Clean energy superpower'),
  mission('take-back-our-streets', 'Take back our streets'),
  mission('barriers-to-opportunity', 'Barriers to opportunity'),
  mission('nhs-fit-for-the-future', 'NHS fit for the future'),
];

const PPN_002: FrameworkInput = {
  id: 'uk-social-value-model-ppn-002',
  title: 'UK Government Social Value Model (PPN 002)',
  edition: 'PPN 002 (13 February 2025; mandatory for in-scope bodies from 1 October 2025)',
  currency: 'GBP',
  licence: 'OGL-UK-3.0',
  source: {
    title: 'Procurement Policy Note 002: taking account of social value in the award of contracts',
    publisher: 'Cabinet Office',
    edition: 'PPN 002 (13 February 2025)',
    url: PPN_002_URL,
    licence: 'OGL-UK-3.0',
    notes:
      'Aligned to five missions, which lead to eight outcomes, then Model Award Criteria and sub-criteria, then ' +
      `Standard Reporting Metrics. This record ships the five missions (short names) only; the outcomes, MACs and metrics are ${PENDING} ` +
      'and are not invented here. Evaluated qualitatively, not by £ proxies.',
  },
  themes: MISSIONS.map((m) => m.theme),
  outcomes: [],
  measures: MISSIONS.map((m) => m.measure),
};

/**
 * The UK Government Social Value Model of PPN 002 (13 February 2025; mandatory for in-scope
 * bodies from 1 October 2025) as a record-only framework: its five missions as themes (short
 * names), each with one record-only measure. The eight outcomes, Model Award Criteria and
 * Standard Reporting Metrics are pending verification and are not included.
 *
 * @example
 * ```ts
 * socialValueModel2025.themes.map((t) => t.id);
 * // ['growth', 'clean-energy-superpower', 'take-back-our-streets', 'barriers-to-opportunity', 'nhs-fit-for-the-future']
 * ```
 */
export const socialValueModel2025: Framework = FrameworkSchema.parse(PPN_002);
