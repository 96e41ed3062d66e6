import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	AUTO_CEILING,
	AUTO_START,
	DEFAULT_MAX_ATTEMPTS,
	DEFAULT_TIMEOUT_MS,
	requestSettings,
} from '../../shared/transport';
import type { RequestSettings } from '../../shared/transport';

/**
 * Max Concurrent Requests: 0 is Auto (the default), which adapts the number in flight to
 * SortedPRO's rate limit and answer times (shared/transport/pace.ts); 1 to 50 keeps exactly that
 * many in flight. See docs/large-runs.md for the measurements.
 */
const AUTO_CONCURRENCY = 0;

/** A number option's range and default: the editor field and the reader both take them from here. */
interface Limit {
	min: number;
	max: number;
	default: number;
}

const range = (limit: Limit) => ({ minValue: limit.min, maxValue: limit.max });

const CONCURRENCY: Limit = { min: AUTO_CONCURRENCY, max: 50, default: AUTO_CONCURRENCY };
const DEFAULT_BATCH_SIZE = 100;
const BATCH_SIZE: Limit = { min: 1, max: 1000, default: DEFAULT_BATCH_SIZE };
/** The transport's own defaults are the options' defaults. */
const MAX_ATTEMPTS: Limit = { min: 1, max: 10, default: DEFAULT_MAX_ATTEMPTS };
const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;
const TIMEOUT_SECONDS: Limit = { min: 1, max: 600, default: DEFAULT_TIMEOUT_SECONDS };

export interface RunSettings {
	/** How many items (or batches) are worked on at once; the run's Pace decides how many are in flight. */
	concurrency: number;
	request: RequestSettings;
	sendInBatches: boolean;
	batchSize: number;
	/** If Already Allocated: Return Current Allocation (allocations only). */
	returnCurrentAllocation: boolean;
}

/**
 * How an operation calls SortedPRO, which decides its options: one call per item, per
 * item or in batches, always in batches (list-only endpoints), or calls that are not per
 * consignment (Get Many).
 */
export type CallShape = 'perItem' | 'perItemOrBatches' | 'batches' | 'list';

/**
 * "Batch Size", and for operations that also have a one-consignment endpoint the "Send in
 * Batches" switch.
 */
function batchOptions(canSendOneByOne: boolean): INodeProperties[] {
	const size: INodeProperties = {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: range(BATCH_SIZE),
		default: DEFAULT_BATCH_SIZE,
		description: canSendOneByOne
			? 'With Send in Batches: how many consignments go into one call to SortedPRO'
			: 'How many consignments go into one call to SortedPRO',
	};
	if (!canSendOneByOne) return [size];
	return [
		{
			displayName: 'Send in Batches',
			name: 'sendInBatches',
			type: 'boolean',
			default: false,
			description:
				"Whether to send the items' consignment references to SortedPRO's list endpoint, many per call, instead of one call per item. Each consignment's result is still its own output item.",
		},
		size,
	];
}

/** The request options every operation has; Max Concurrent Requests where there are many calls. */
function requestOptions(manyCalls: boolean): INodeProperties[] {
	return [
		...(manyCalls
			? [
					{
						displayName: 'Max Concurrent Requests',
						name: 'maxConcurrency',
						type: 'number' as const,
						typeOptions: range(CONCURRENCY),
						default: AUTO_CONCURRENCY,
						description: `How many requests (one per item, or one per batch) are sent to SortedPRO at the same time. 0 is Auto: it starts at ${AUTO_START} (batches: all at once), goes up while SortedPRO answers quickly, keeps just under SortedPRO's rate limit once it has met it (429) and comes down when SortedPRO slows down, never above ${AUTO_CEILING}. Outputs keep the input order whatever the setting.`,
					},
				]
			: []),
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: range(MAX_ATTEMPTS),
			default: DEFAULT_MAX_ATTEMPTS,
			description:
				"How often a request is tried when SortedPRO's gateway fails (502, 503, 504), the connection drops or it times out. Rate-limit refusals (429) are waited out as SortedPRO asks without counting, for up to Max Attempts x Request Timeout; 1 turns every retry off. Other errors are not retried.",
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: range(TIMEOUT_SECONDS),
			default: DEFAULT_TIMEOUT_SECONDS,
			description: 'How long to wait for one answer from SortedPRO before trying again',
		},
	];
}

/** What an allocation refused for the consignment's state says about If Already Allocated. */
export const RETURN_CURRENT_ADVICE =
	"If it is allocated already and you want its current carrier and service instead of this error, set the node's Options > If Already Allocated to Return Current Allocation.";

/** For allocations: what a consignment that is already allocated means. */
const IF_ALREADY_ALLOCATED: INodeProperties = {
	displayName: 'If Already Allocated',
	name: 'ifAlreadyAllocated',
	type: 'options',
	default: 'error',
	description:
		'What to do with a consignment that SortedPRO refuses because it is allocated already',
	options: [
		{
			name: 'Error',
			value: 'error',
			description: "The item fails with SortedPRO's refusal",
		},
		{
			name: 'Return Current Allocation',
			value: 'returnCurrent',
			description:
				'The item succeeds with the current carrier and service and alreadyAllocated: true, so a run that stopped halfway can be run again',
		},
	],
};

/**
 * An operation's Options collection: batching where SortedPRO has list calls, If Already
 * Allocated for allocations, and request options.
 */
export function operationOptions(shape: CallShape, allocates = false): INodeProperties {
	const options = [
		...(allocates ? [IF_ALREADY_ALLOCATED] : []),
		...(shape === 'perItemOrBatches'
			? batchOptions(true)
			: shape === 'batches'
				? batchOptions(false)
				: []),
		...requestOptions(shape !== 'list'),
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The option's value as a whole number within its range; its default when missing or not a number. */
function bounded(value: unknown, limit: Limit): number {
	const number = Math.floor(Number(value ?? limit.default));
	return Number.isFinite(number) ? Math.min(limit.max, Math.max(limit.min, number)) : limit.default;
}

/**
 * The run's settings: options apply to the whole run, so item 0's stand for all items. The
 * transport composes the request settings (credential, redactor, Pace) from them. An
 * operation that lists (Get Many) works through its items one at a time; any other works
 * on as many at once as the run's Pace can have in flight.
 */
export async function readRunSettings(
	context: IExecuteFunctions,
	shape: CallShape,
): Promise<RunSettings> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const fixed = bounded(options.maxConcurrency, CONCURRENCY);
	const sendInBatches = options.sendInBatches === true;
	const inBatches = shape === 'batches' || (shape === 'perItemOrBatches' && sendInBatches);
	const request = await requestSettings(context, {
		maxAttempts: bounded(options.maxAttempts, MAX_ATTEMPTS),
		timeoutMs: bounded(options.timeoutSeconds, TIMEOUT_SECONDS) * 1000,
		pace: fixed === AUTO_CONCURRENCY ? 'auto' : fixed,
		// A run's list calls are few: they all start at once, up to Auto's ceiling.
		paceStart: inBatches ? AUTO_CEILING : undefined,
	});
	return {
		concurrency: shape === 'list' || !request.pace ? 1 : request.pace.workers,
		request,
		sendInBatches,
		batchSize: bounded(options.batchSize, BATCH_SIZE),
		returnCurrentAllocation: options.ifAlreadyAllocated === 'returnCurrent',
	};
}
