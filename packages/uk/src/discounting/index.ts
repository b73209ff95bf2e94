export {
  constantSchedule,
  discountingByName,
  discountingNames,
  greenBookCatastrophicRiskRemoved,
  greenBookHealth,
  greenBookStandard,
} from './discounting';
