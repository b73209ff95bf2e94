export { CommonwealError, fail, formatIssue, hasErrors, type Issue, issue, ok, type Result } from './issues';
export { fromZodError } from './zod';
