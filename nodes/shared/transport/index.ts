/**
 * The transport's public face: what the rest of the package may use of it. No code of the
 * package outside transport/ imports a file in here other than this one (unit tests may).
 */
export { answerWasLost, ranOutOfTime, sortedProApiExchange, sortedProApiRequest } from './exchange';
export { CREDENTIAL_TYPE } from './attempt';
export type { RequestContext } from './attempt';
export {
	asNodeError,
	isStateRefusal,
	plainDescription,
	refusedForState,
	sortedProAnswerError,
	sortedProItemFailure,
} from './errors';
export type { RefusalAdvice, SortedProCallContext } from './errors';
export { AUTO_CEILING, AUTO_START } from './pace';
export { sortedProPath } from './request';
export type { RequestSettings, SortedProExchange, SortedProRequest } from './request';
export { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, requestSettings } from './settings';
