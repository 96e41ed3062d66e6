/**
 * Get Label on an allocation: SortedPRO's allocate-and-get-labels routes (SDK ref-consignments
 * AllocationService: PUT /allocation/{ref}[/servicegroup/{group}|/carrierservice/{service}|
 * /quote/{quote}]/labels/{format}) allocate and answer with the labels in one request, so a
 * parcel costs one request instead of two. Their answer is an AllocateAndGetLabelsResponse,
 * `{ Responses: [AllocateAndGetLabelsResult] }`: one result per label (LabelType Consignment,
 * and Return when the consignment has a return), each with the allocation's carrier and
 * service, StatusCode, Result, Message and the label as base64 LabelContent.
 *
 * The fields, the reading of that answer and the label of a consignment allocated before (a
 * re-run with Return Current Allocation, a lost answer, a 202) are here; the runner sends.
 */
import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { referenceOfResult } from './batch';
import type { ConsignmentTask } from './batch';
import { outputFileField } from './fields';
import type { ItemOutput } from './items';
import { LABEL_FORMATS } from './labelFile';
import { labelBinary, readLabelFormat } from './labelOutput';
import type { WantedLabel } from './labelOutput';
import { firstText, isRecord } from '../../shared/lists';
import { sameState } from '../../shared/states';
import { sortedProPath } from '../../shared/transport';
import type { SortedProRequest } from '../../shared/transport';

const GET_LABEL = 'getLabel';
const FORMAT = { name: 'labelFormat', displayName: 'Label Format', accountDefault: false };
const shownWithLabel = { displayOptions: { show: { [GET_LABEL]: [true] } } };
const outputFile = outputFileField(
	'The name of the output binary field to put the label file in; a return label goes in this name with _return added',
);

/** The fields an allocation with a combined route gets (defineResource adds them). */
export const labelProperties: INodeProperties[] = [
	{
		displayName: 'Get Label',
		name: GET_LABEL,
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description:
			"Whether to get each consignment's label in the same call to SortedPRO: one request per consignment instead of two (allocation, then Label > Get). The label is added to the item as a file.",
	},
	{
		displayName: 'Label Format',
		name: FORMAT.name,
		type: 'options',
		default: 'PDF',
		options: Object.keys(LABEL_FORMATS).map((format) => ({ name: format, value: format })),
		...shownWithLabel,
	},
	{ ...outputFile.property, ...shownWithLabel },
];

/** The label an item wants with its allocation. */
export interface LabelWish {
	format: string;
	binaryPropertyName: string;
}

export interface LabelledTask extends ConsignmentTask {
	label?: LabelWish;
}

/**
 * Whether this run gets labels with its allocations (Get Label is not an expression: it decides
 * the route for the whole run). With Send in Batches it cannot: SortedPRO's combined routes take
 * one consignment, so the run stops before anything is sent.
 */
export function wantsLabels(context: IExecuteFunctions): boolean {
	if (context.getNodeParameter(GET_LABEL, 0, false) !== true) return false;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	if (options.sendInBatches === true) {
		throw new NodeOperationError(
			context.getNode(),
			'"Get Label" and "Send in Batches" cannot be used together',
			{
				description:
					'SortedPRO allocates and labels one consignment per call. Turn off Options > Send in Batches to get each label with its allocation, or turn off Get Label and get the labels afterwards with Label > Get. Nothing was sent to SortedPRO.',
			},
		);
	}
	return true;
}

/** An item's Label Format and output field, checked before anything is sent. */
export function readLabelWish(context: IExecuteFunctions, itemIndex: number): LabelWish {
	return {
		format: readLabelFormat(context, itemIndex, FORMAT),
		binaryPropertyName: outputFile.read(context, itemIndex),
	};
}

/** `/allocation/{ref}` + the route's own part + `/labels/{format}`, every segment encoded. */
export function labelsRoute(task: LabelledTask, route: string): SortedProRequest {
	return {
		method: 'PUT',
		path:
			sortedProPath`/allocation/${task.consignmentReference}` +
			route +
			sortedProPath`/labels/${task.label?.format ?? 'PDF'}`,
	};
}

/** Where labelledResult keeps the return label's result for the output (never output itself). */
const RETURN_RESULT = Symbol('return label');

const FAILED_RESULTS = [
	'ConsignmentAllocationFailed',
	'ConsignmentCreationFailed',
	'OperationFailed',
];

/** The combined answer's results: `Responses`, or a bare list of results. */
function resultsOf(body: unknown): Record<string, unknown>[] {
	const list = isRecord(body) ? body.Responses : body;
	return Array.isArray(list) ? list.filter(isRecord) : [];
}

const isReturn = (result: Record<string, unknown>) =>
	sameState(firstText(result, ['LabelType']), 'Return');

/**
 * The combined answer read as the consignment's result, for the runner's settle: the result of
 * LabelType Consignment (or, with no LabelType, the only result), marked IsSuccess when its
 * StatusCode is 2xx (or absent) and its Result is not a failure. Undefined when the answer holds
 * no such result; a result whose links name another consignment is a foreign answer and fails.
 */
export function labelledResult(
	task: ConsignmentTask,
	body: unknown,
): Record<string, unknown> | undefined {
	const results = resultsOf(body);
	const own = results.filter((result) => !isReturn(result));
	if (own.length !== 1) return undefined;
	const result = own[0];
	const named = referenceOfResult(result);
	if (named && named.toUpperCase() !== task.consignmentReference.toUpperCase()) {
		return {
			IsSuccess: false,
			Message: `SortedPRO's answer is about consignment ${named}, not ${task.consignmentReference}; nothing from it was used`,
		};
	}
	const status = result.StatusCode;
	const statusOk =
		status === undefined || status === null || (Number(status) >= 200 && Number(status) < 300);
	const failed = FAILED_RESULTS.some((name) => sameState(firstText(result, ['Result']), name));
	return {
		...result,
		IsSuccess: statusOk && !failed,
		Message: firstText(result, ['Message']) || (failed ? firstText(result, ['Result']) : ''),
		[RETURN_RESULT]: results.find(isReturn),
	};
}

/**
 * The item of a successful combined call: the allocation's fields (as an Allocation Summary
 * names them), the label as a file, and a return label beside it when SortedPRO sent one.
 */
export async function labelledOutput(
	context: IExecuteFunctions,
	task: LabelledTask,
	result: Record<string, unknown>,
): Promise<INodeExecutionData[]> {
	const wish = task.label!;
	const wanted: WantedLabel = { ...task, format: wish.format };
	const {
		LabelContent,
		LabelFileType,
		[RETURN_RESULT]: returnResult,
		...fields
	} = result as Record<string | symbol, unknown>;
	// IsSuccess is labelledResult's mark, not SortedPRO's.
	const allocation = Object.fromEntries(
		Object.entries(fields).filter(([key]) => key !== 'IsSuccess'),
	);
	const label = await labelBinary(context, wanted, LabelContent, LabelFileType);
	const returnLabel = isRecord(returnResult)
		? await labelBinary(
				context,
				{ ...wanted, consignmentReference: `${task.consignmentReference}_return` },
				returnResult.LabelContent,
				returnResult.LabelFileType,
			)
		: undefined;
	return [
		{
			json: {
				...(allocation as IDataObject),
				ConsignmentReference: task.consignmentReference,
				Label: label.json,
				...(returnLabel ? { ReturnLabel: returnLabel.json } : {}),
			},
			binary: {
				[wish.binaryPropertyName]: label.binary,
				...(returnLabel ? { [`${wish.binaryPropertyName}_return`]: returnLabel.binary } : {}),
			},
		},
	];
}

/**
 * A consignment found allocated without this call's label (already allocated, recovered after a
 * lost answer, accepted with 202): its label is fetched with Label > Get's request. One that is
 * not Allocated yet (a 202 still being allocated) has no label: its item fails saying so, and
 * that SortedPRO has the allocation.
 */
export async function labelAfterwards(
	context: IExecuteFunctions,
	task: LabelledTask,
	output: ItemOutput,
	get: (request: SortedProRequest) => Promise<unknown>,
): Promise<ItemOutput> {
	const json = (Array.isArray(output) ? output[0]?.json : output) ?? {};
	const state = typeof json.State === 'string' ? json.State : '';
	if (state && !sameState(state, 'Allocated')) {
		throw new NodeOperationError(
			context.getNode(),
			`SortedPRO took on the allocation of consignment ${task.consignmentReference}, which is ${state} and has no label yet`,
			{
				itemIndex: task.itemIndex,
				description:
					'Do not allocate it again. Get its label later with Label > Get, or run this step again with Options > If Already Allocated: Return Current Allocation, which then gets the label.',
			},
		);
	}
	const wish = task.label!;
	const answer = await get({
		method: 'GET',
		path: sortedProPath`/labels/${task.consignmentReference}/${wish.format}`,
	});
	const file = Array.isArray(answer) && answer.length === 1 ? (answer[0] as unknown) : answer;
	const label = await labelBinary(
		context,
		{ ...task, format: wish.format },
		isRecord(file) ? file.File : undefined,
		isRecord(file) ? file.ContentType : undefined,
	);
	return [
		{
			json: { ...json, Label: label.json },
			binary: { [wish.binaryPropertyName]: label.binary },
		},
	];
}
