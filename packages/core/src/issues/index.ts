export { CommonwealError, fail, formatIssue, hasErrors, type Issue, issue, ok, type Result } from './issues';
export { issueJson } from './json';
export { fromZodError } from './zod';
