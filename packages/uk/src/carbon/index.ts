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
} from './carbon';
