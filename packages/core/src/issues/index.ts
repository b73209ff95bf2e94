export { ISSUE_CODES, type IssueCode, isIssueCode, issueCodeMeaning, SCHEMA_CHECK_CODES } from './codes';
export { CommonwealError, fail, formatIssue, hasErrors, type Issue, issue, ok, type Result } from './issues';
export { issueJson } from './json';
export { fromZodError } from './zod';
