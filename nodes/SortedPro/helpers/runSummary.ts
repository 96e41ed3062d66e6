/**
 * The run summary n8n shows above a run's output (execution hints): how the items came out,
 * what SortedPRO's rate limit cost, and how the same run could take far fewer requests. After
 * 1,000 allocations a user sees 1,000 items; this says how many were allocated, already
 * allocated, recovered or failed without reading them. Pure: it reads the run's inputs and
 * outputs and its Pace's counters, and sends nothing.
 */
import type { INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';

import { isErrorItem } from './items';

export interface RunFacts {
	inputs: INodeExecutionData[];
	outputs: INodeExecutionData[];
	/** The operation allocates: its successes are "allocated". */
	allocates: boolean;
	/** Sent one request per item where Options > Send in Batches would group them. */
	couldSendInBatches: boolean;
	batchSize: number;
	/** Label > Get: after an allocation, each label is a request of its own. */
	getsLabels: boolean;
	/** The run's Pace counters; none for a run without one. */
	pace?: { requests: number; rateLimited: number; pausedMs: number };
	elapsedMs: number;
}

/** A run of one item needs no summary: its output says it all. */
const MIN_ITEMS = 2;

/** The batching and label hints appear when they would save at least this share of requests. */
const FAR_FEWER = 10;

const formatted = (value: number) => value.toLocaleString('en-US');

const count = (value: number, one: string) =>
	`${formatted(value)} ${value === 1 ? one : `${one}s`}`;

/** "under 0.1 s", "0.4 s", "12 s", "3 min 20 s". */
export function duration(ms: number): string {
	const seconds = ms / 1000;
	if (seconds < 0.1) return 'under 0.1 s';
	if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
	if (seconds < 60) return `${Math.round(seconds)} s`;
	const minutes = Math.floor(seconds / 60);
	const rest = Math.round(seconds - minutes * 60);
	return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** The input item an output item belongs to. */
function inputOf(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	if (typeof paired === 'number') return paired;
	return paired?.item;
}

interface Tally {
	succeeded: number;
	alreadyAllocated: number;
	recovered: number;
	failed: number;
}

/** How each input item came out, from its output items. */
export function tally(inputCount: number, outputs: INodeExecutionData[]): Tally {
	const outcome = new Array<keyof Tally>(inputCount).fill('succeeded');
	for (const item of outputs) {
		const index = inputOf(item);
		if (index === undefined || index >= inputCount) continue;
		if (isErrorItem(item)) outcome[index] = 'failed';
		else if (outcome[index] === 'failed') continue;
		else if (item.json.alreadyAllocated === true) outcome[index] = 'alreadyAllocated';
		else if (item.json.recoveredAfterRetry === true) outcome[index] = 'recovered';
	}
	const result: Tally = { succeeded: 0, alreadyAllocated: 0, recovered: 0, failed: 0 };
	for (const kind of outcome) result[kind] += 1;
	return result;
}

/** An Allocation Summary (or its simplified form) names the carrier service it allocated to. */
const isAllocation = (item: INodeExecutionData) =>
	typeof item.json.CarrierServiceReference === 'string';

/** The run's execution hints: the summary, then any way to need far fewer requests. */
export function runSummary(facts: RunFacts): NodeExecutionHint[] {
	const items = facts.inputs.length;
	if (items < MIN_ITEMS) return [];
	const outcome = tally(items, facts.outputs);
	const summary = [
		`${count(items, 'item')}: ${[
			`${formatted(outcome.succeeded)} ${facts.allocates ? 'allocated' : 'succeeded'}`,
			...(outcome.alreadyAllocated
				? [`${formatted(outcome.alreadyAllocated)} already allocated`]
				: []),
			...(outcome.recovered
				? [`${formatted(outcome.recovered)} recovered (done by an attempt whose answer was lost)`]
				: []),
			...(outcome.failed
				? [
						`${formatted(outcome.failed)} failed (see ${outcome.failed === 1 ? 'its error item' : 'their error items'})`,
					]
				: []),
		].join(', ')}.`,
	];
	const { pace } = facts;
	if (pace) {
		summary.push(
			`${count(pace.requests, 'request')} to SortedPRO in ${duration(facts.elapsedMs)}.`,
		);
		if (pace.rateLimited > 0)
			summary.push(
				`SortedPRO's rate limit refused ${count(pace.rateLimited, 'request')}; ${
					pace.pausedMs > 0
						? `the run paused ${duration(pace.pausedMs)} in total to wait them out`
						: 'each was waited out on its own, without pausing the run'
				}.`,
			);
	}
	const hints: NodeExecutionHint[] = [
		{
			message: summary.join(' '),
			type: outcome.failed > 0 ? 'warning' : 'info',
			location: 'outputPane',
		},
	];

	const batches = Math.ceil(items / facts.batchSize);
	if (facts.couldSendInBatches && batches * FAR_FEWER <= items) {
		hints.push({
			message: `This run sent one request per item. With Options > Send in Batches, these ${count(items, 'consignment')} go in ${count(batches, 'call')} of up to ${formatted(facts.batchSize)}, and each still gets its own output item.`,
			type: 'info',
			location: 'outputPane',
		});
	}
	const allocated = facts.inputs.filter(isAllocation).length;
	if (facts.getsLabels && allocated >= FAR_FEWER) {
		hints.push({
			message: `${count(allocated, 'label')} came in a request of ${allocated === 1 ? 'its' : 'their'} own after ${allocated === 1 ? 'its' : 'their'} allocation. Turning on Get Label in the allocation step gets each label in the same call: one request per consignment instead of two.`,
			type: 'info',
			location: 'outputPane',
		});
	}
	return hints;
}
