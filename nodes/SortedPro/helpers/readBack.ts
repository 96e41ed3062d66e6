/**
 * Reading a consignment back after SortedPRO refused, lost or accepted a request, for the
 * runner (runner.ts). A read-back counts only when it is the consignment asked about
 * (shared/consignments.ts), in the state the operation leaves it in, and, for allocations,
 * with a carrier service: never an empty, ambiguous or foreign answer.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ConsignmentTask } from './batch';
import { allocationOf, inState, notAbout, stateOf } from '../../shared/consignments';
import type { ItemOutput } from './items';
import { withConsignmentReference } from '../../shared/lists';
import type { RunSettings } from './settings';
import { sortedProApiExchange, sortedProPath } from '../../shared/transport';
import type { SortedProCallContext } from '../../shared/transport';

/** What the read-backs need to know of an operation (its ConsignmentCall). */
export interface RecoveryRules {
	/** The states a consignment is in once the operation has succeeded. */
	doneStates?: string[];
	/** An allocation: read-backs need a carrier service, and are output like an Allocation Summary. */
	allocates?: boolean;
	/** The field a success is marked with (Deallocated, Cancelled). */
	doneFlag?: string;
}

export function recovery<Task extends ConsignmentTask>(
	context: IExecuteFunctions,
	rules: RecoveryRules,
	settings: RunSettings,
	about: (task: Task) => SortedProCallContext,
) {
	/** The consignment as SortedPRO has it now, or why it could not be read as this one's. */
	const readBack = async (task: Task): Promise<{ consignment?: unknown; problem?: string }> => {
		try {
			const { body } = await sortedProApiExchange.call(
				context,
				{ method: 'GET', path: sortedProPath`/consignments/${task.consignmentReference}` },
				{ ...about(task), action: `check the state of consignment ${task.consignmentReference}` },
				settings.request,
			);
			const problem = notAbout(body, task.consignmentReference);
			return problem ? { problem } : { consignment: body };
		} catch (error) {
			return { problem: (error as Error).message };
		}
	};

	/** What a read-back consignment becomes as the item's output, marked with `flag`. */
	const readBackOutput = (task: Task, consignment: unknown, flag: string): ItemOutput => ({
		...(rules.allocates
			? {
					ConsignmentReference: task.consignmentReference,
					State: stateOf(consignment) ?? null,
					...allocationOf(consignment),
				}
			: withConsignmentReference(consignment, task.consignmentReference)),
		...(rules.doneFlag && flag !== 'Accepted' ? { [rules.doneFlag]: true } : {}),
		[flag]: true,
	});

	/**
	 * Is the consignment already where the operation would put it? Then the item is a success
	 * marked with `flag`; undefined when it is not, or the read-back does not count.
	 */
	const alreadyDone = async (task: Task, flag: string): Promise<ItemOutput | undefined> => {
		if (!rules.doneStates) return undefined;
		const { consignment } = await readBack(task);
		if (consignment === undefined || !inState(consignment, rules.doneStates)) return undefined;
		if (rules.allocates && !allocationOf(consignment)) return undefined;
		return readBackOutput(task, consignment, flag);
	};

	return {
		/**
		 * After SortedPRO refused an item: was the work done before? Either an earlier attempt
		 * whose answer was lost did it, or (If Already Allocated: Return Current Allocation) the
		 * consignment was allocated already, which SortedPRO says by refusing for its state
		 * (never for another reason, such as no eligible service).
		 */
		doneBefore: async (
			task: Task,
			answerLost: boolean,
			stateRefusal: boolean,
		): Promise<ItemOutput | undefined> => {
			if (answerLost) return await alreadyDone(task, 'recoveredAfterRetry');
			if (rules.allocates && settings.returnCurrentAllocation && stateRefusal)
				return await alreadyDone(task, 'alreadyAllocated');
			return undefined;
		},

		/**
		 * SortedPRO answered 202 Accepted: it took the request on and finishes it later. The item
		 * succeeds and is never sent again; the state reached so far is reported only when the
		 * read-back is about this consignment.
		 */
		accepted: async (task: Task): Promise<ItemOutput> => {
			const { consignment, problem } = await readBack(task);
			if (consignment !== undefined) return readBackOutput(task, consignment, 'Accepted');
			return {
				ConsignmentReference: task.consignmentReference,
				Accepted: true,
				State: null,
				StateNote: `SortedPRO accepted the request and finishes it on its own; its state could not be read back (${problem}). Check it in SortedPRO later.`,
			};
		},
	};
}

/**
 * `answer` as consignment `task.consignmentReference`'s, or this item's error when SortedPRO
 * answered about something else (another consignment, a list, nothing): a 2xx that is not
 * about the consignment asked for is never output as its.
 */
export function requireAbout(
	context: IExecuteFunctions,
	task: ConsignmentTask,
	answer: unknown,
	what: string,
): Record<string, unknown> {
	const problem = notAbout(answer, task.consignmentReference);
	if (problem) {
		throw new NodeOperationError(
			context.getNode(),
			`Could not ${what} of consignment ${task.consignmentReference}: ${problem}`,
			{
				itemIndex: task.itemIndex,
				description: 'Nothing from this answer was used. Check the consignment in SortedPRO.',
			},
		);
	}
	return answer as Record<string, unknown>;
}
