export {
  type DiscountSchedule,
  type DiscountScheduleInput,
  DiscountScheduleSchema,
  type Entry,
  type EntryInput,
  EntrySchema,
} from './schema';
export { discountFactor, rateInYear } from './discounting';
