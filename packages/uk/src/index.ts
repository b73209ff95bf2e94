/**
 * `@commonweal/uk`: UK reference data with provenance — Green Book discount schedules, the
 * HM Treasury GDP deflator, the WELLBY value, DESNZ carbon values, the UK Government Social
 * Value Model (record-only) and an open demonstration measure catalogue. Every value says its
 * source, edition, price year and licence. National TOMs and HACT values are never bundled:
 * load your licensed copy as a framework.
 *
 * @packageDocumentation
 */
export {
  type CarbonScenario,
  CarbonScenarioSchema,
  CarbonValueRowSchema,
  type CarbonValues,
  type CarbonValuesTable,
  type CarbonValuesTableInput,
  CarbonValuesTableSchema,
  carbonProxyFor,
  carbonValues,
  loadCarbonValues,
} from './carbon/index';
export { openCatalogue } from './catalogue/index';
export { hmtGdpDeflator } from './deflators/index';
export {
  constantSchedule,
  discountingByName,
  discountingNames,
  greenBookCatastrophicRiskRemoved,
  greenBookHealth,
  greenBookStandard,
} from './discounting/index';
export { socialValueModel2020, socialValueModel2025 } from './social-value-model/index';
export { type ValueRange, ValueRangeSchema, wellbyProxy, wellbyValue } from './wellby/index';
