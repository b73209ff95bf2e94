// The few date-fns functions the packages use (procurement monitoring, the date parser), each from its own file,
// so the page loads a few dozen modules instead of all of date-fns' ~300. The scorer test checks
// that this names every function the builds import from 'date-fns'.
export { addDays } from '../../packages/core/node_modules/date-fns/addDays.js';
export { addMonths } from '../../packages/core/node_modules/date-fns/addMonths.js';
export { addYears } from '../../packages/core/node_modules/date-fns/addYears.js';
export { differenceInCalendarDays } from '../../packages/core/node_modules/date-fns/differenceInCalendarDays.js';
export { eachMonthOfInterval } from '../../packages/core/node_modules/date-fns/eachMonthOfInterval.js';
export { eachQuarterOfInterval } from '../../packages/core/node_modules/date-fns/eachQuarterOfInterval.js';
export { endOfMonth } from '../../packages/core/node_modules/date-fns/endOfMonth.js';
export { endOfQuarter } from '../../packages/core/node_modules/date-fns/endOfQuarter.js';
export { format } from '../../packages/core/node_modules/date-fns/format.js';
export { getDaysInMonth } from '../../packages/core/node_modules/date-fns/getDaysInMonth.js';
export { isValid } from '../../packages/core/node_modules/date-fns/isValid.js';
export { min } from '../../packages/core/node_modules/date-fns/min.js';
export { parseISO } from '../../packages/core/node_modules/date-fns/parseISO.js';
export { startOfMonth } from '../../packages/core/node_modules/date-fns/startOfMonth.js';
export { startOfQuarter } from '../../packages/core/node_modules/date-fns/startOfQuarter.js';
export { subDays } from '../../packages/core/node_modules/date-fns/subDays.js';
