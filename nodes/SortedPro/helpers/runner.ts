/**
 * The one runner for operations on consignments. An operation describes itself once (a
 * ConsignmentCall, consignmentCall.ts); the runner does the rest, top to bottom: read every
 * item, send one request per item or list calls under the run's pace, recover where a lost
 * answer means the work was already done, and report exactly one outcome per item (items.ts
 * collects them in input order).
 */
import type { IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { chunk, describeConsignments, matchResults, succeeded } from './batch';
import type { ConsignmentCall, ConsignmentTask } from './consignmentCall';
import { consignmentReference, typedConsignmentReference } from './fields';
import { runItems } from './items';
import type { ItemOutput, Outcome } from './items';
import { firstText, isRecord, withConsignmentReference } from '../../shared/lists';
import { recovery } from './readBack';
import {
	labelAfterwards,
	labelledOutput,
	labelledResult,
	labelsRoute as labelsRequest,
	readLabelWish,
	wantsLabels,
} from './allocationLabels';
import type { LabelledTask } from './allocationLabels';
import { RETURN_CURRENT_ADVICE } from './settings';
import type { RunSettings } from './settings';
import {
	answerWasLost,
	isStateRefusal,
	refusedForState,
	sortedProApiExchange,
	sortedProItemFailure,
} from '../../shared/transport';
import type {
	SortedProCallContext,
	SortedProExchange,
	SortedProRequest,
} from '../../shared/transport';

export async function runConsignmentCall<Task extends ConsignmentTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	call: ConsignmentCall<Task>,
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const readTask =
		call.read ??
		((_context: IExecuteFunctions, itemIndex: number) =>
			({ itemIndex, consignmentReference: consignmentReference.read(context, itemIndex) }) as Task);
	// Get Label: the allocate-and-get-labels route for every item (allocationLabels.ts).
	const labelsRoute = call.labelsRoute && wantsLabels(context) ? call.labelsRoute : undefined;
	const read = labelsRoute
		? (_context: IExecuteFunctions, itemIndex: number): Task & LabelledTask => ({
				...readTask(context, itemIndex),
				label: readLabelWish(context, itemIndex),
			})
		: readTask;

	// What the messages say about a call or one item of it.
	const { ifAnswerLost } = call;
	// An allocation refused for the state: the option that takes the current allocation instead.
	const stateFix =
		call.allocates && !settings.returnCurrentAllocation ? RETURN_CURRENT_ADVICE : undefined;
	const callContext = (subject: string, task: Task, itemIndex?: number): SortedProCallContext => ({
		action: call.action(subject, task),
		notFound: call.notFound?.(subject, task) ?? subject,
		stateRule: call.stateRule,
		stateFix,
		advice: call.refusals,
		ifAnswerLost,
		itemIndex,
	});
	const itemContext = (task: Task): SortedProCallContext => ({
		...callContext(`consignment ${task.consignmentReference}`, task, task.itemIndex),
		consignmentReference: task.consignmentReference,
	});
	const send = async (
		request: SortedProRequest,
		about: SortedProCallContext,
	): Promise<SortedProExchange> =>
		await sortedProApiExchange.call(
			context,
			{ ...request, acceptedLater: call.acceptedLater },
			about,
			settings.request,
		);
	const output = async (task: Task, answer: unknown): Promise<ItemOutput> =>
		labelsRoute && isRecord(answer)
			? await labelledOutput(context, task, answer)
			: call.output
				? await call.output(context, task, answer)
				: {
						...(call.doneFlag ? { [call.doneFlag]: true } : {}),
						...withConsignmentReference(answer, task.consignmentReference),
					};

	const found = recovery(context, call, settings, itemContext);
	/** With Get Label, a consignment found allocated still gets its label: Label > Get's request. */
	const withLabel = async (task: Task, done: ItemOutput): Promise<ItemOutput> =>
		await labelAfterwards(context, task, done, async (request) => {
			const about = itemContext(task);
			const exchange = await sortedProApiExchange.call(
				context,
				request,
				{ ...about, action: `get the label of consignment ${task.consignmentReference}` },
				settings.request,
			);
			return exchange.body;
		});
	const doneBefore = async (
		task: Task,
		answerLost: boolean,
		stateRefusal: boolean,
	): Promise<ItemOutput | undefined> => {
		const done = await found.doneBefore(task, answerLost, stateRefusal);
		return done && labelsRoute ? await withLabel(task, done) : done;
	};
	const accepted = async (task: Task): Promise<ItemOutput> => {
		const done = await found.accepted(task);
		return labelsRoute ? await withLabel(task, done) : done;
	};

	/**
	 * One consignment's result (a list call's entry, or a one-consignment call's answer read
	 * as one): its output when it succeeded; otherwise, unless the work was done before, its error.
	 */
	const settle = async (
		task: Task,
		entry: Record<string, unknown> | undefined,
		answerLost: boolean,
		inBatch: boolean,
	): Promise<Outcome> => {
		if (entry && succeeded(entry)) {
			try {
				return { output: await output(task, entry) };
			} catch (error) {
				return { error };
			}
		}
		// A per-consignment result says why in Message, an Allocation Summary in Description.
		const reason = entry
			? firstText(entry, ['Message', 'Description'])
			: inBatch
				? "SortedPRO's answer to the batch call had no result for this consignment, so it may or may not have been processed; check it in SortedPRO"
				: "SortedPRO's answer had no result for this consignment";
		let recovered: ItemOutput | undefined;
		try {
			recovered = entry ? await doneBefore(task, answerLost, isStateRefusal(reason)) : undefined;
		} catch (error) {
			// Found done, but its label could not be got: that is the item's error.
			return { error };
		}
		if (recovered) return { output: recovered };
		return { error: sortedProItemFailure(node, reason, itemContext(task), inBatch) };
	};

	const single = labelsRoute ? (task: Task) => labelsRequest(task, labelsRoute(task)) : call.single;
	const list = labelsRoute ? undefined : call.list;
	const inBatches = list !== undefined && (settings.sendInBatches || !single);
	if (!inBatches && !single) throw new Error('A consignment call needs a single or a list request');
	/** The batches of a list call: up to Batch Size items that may share one call. */
	const batches = (tasks: Task[]) => chunk(tasks, settings.batchSize, call.batchKey ?? (() => ''));

	/** A list call: up to Batch Size consignments, each entry its own item's outcome. */
	const sendBatch = async (
		list: (tasks: Task[]) => SortedProRequest,
		batch: Task[],
		report: (task: Task, outcome: Outcome) => void,
	): Promise<void> => {
		// A failed call fails every item of the batch (items.ts).
		const exchange = await send(
			list(batch),
			callContext(describeConsignments(batch), batch[0], batch[0].itemIndex),
		);
		if (exchange.accepted) {
			for (const task of batch) report(task, { output: await accepted(task) });
			return;
		}
		const entries = matchResults(batch, exchange.body);
		for (const [index, task] of batch.entries())
			report(task, await settle(task, entries[index], exchange.answerLost, true));
	};

	/** One request for one item. */
	const sendOne = async (
		single: (task: Task) => SortedProRequest,
		task: Task,
	): Promise<Outcome> => {
		let exchange: SortedProExchange;
		try {
			exchange = await send(single(task), itemContext(task));
		} catch (error) {
			// Only a refusal (4xx) can mean "already done".
			const refused = /^4/.test(String((error as NodeApiError).httpCode));
			try {
				const recovered = refused
					? await doneBefore(task, answerWasLost(error), refusedForState(error))
					: undefined;
				return recovered ? { output: recovered } : { error };
			} catch (afterwards) {
				// Found done, but its label could not be got: that is the item's error.
				return { error: afterwards };
			}
		}
		// What follows never sends the consignment's request again, whatever fails in it.
		try {
			if (exchange.accepted) return { output: await accepted(task) };
			// An allocation's answer is its Allocation Summary; a deallocation's or cancellation's
			// may be a per-consignment result: read like a list call's entry for this consignment.
			const resultLike = call.allocates || (call.list !== undefined && exchange.body !== undefined);
			if (!resultLike) return { output: await output(task, exchange.body) };
			const body = exchange.body;
			const [entry] = labelsRoute
				? [labelledResult(task, body)]
				: matchResults([task], isRecord(body) ? [body] : body);
			return await settle(task, entry, exchange.answerLost, false);
		} catch (error) {
			return { error };
		}
	};

	const outputs = await runItems<Task>(context, items, settings, {
		// Every item is read before anything is sent: bad input fails here, naming field and item.
		read: (itemIndex) => read(context, itemIndex),
		typedReference: (itemIndex) => typedConsignmentReference(context, itemIndex),
		group: inBatches ? batches : undefined,
		send: async (group, report) => {
			if (inBatches) await sendBatch(list, group, report);
			else for (const task of group) report(task, await sendOne(single!, task));
		},
	});
	return call.combine ? await call.combine(context, outputs) : outputs;
}
