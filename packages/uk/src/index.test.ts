import { describe, expect, it } from 'vitest';
import * as uk from './index';

describe('@commonweal/uk exports', () => {
  it('exports every dataset and loader', () => {
    expect(Object.keys(uk).sort()).toEqual(
      [
        'CarbonScenarioSchema',
        'CarbonValueRowSchema',
        'CarbonValuesTableSchema',
        'ValueRangeSchema',
        'carbonProxyFor',
        'carbonValues',
        'constantSchedule',
        'discountingByName',
        'discountingNames',
        'greenBookCatastrophicRiskRemoved',
        'greenBookHealth',
        'greenBookStandard',
        'hmtGdpDeflator',
        'loadCarbonValues',
        'openCatalogue',
        'socialValueModel2020',
        'socialValueModel2025',
        'wellbyProxy',
        'wellbyValue',
      ].sort(),
    );
  });
});
