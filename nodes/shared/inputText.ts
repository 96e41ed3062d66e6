import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

/** A lone half of a UTF-16 surrogate pair: text no URL or JSON can carry faithfully. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether text holds a broken character (a lone surrogate). */
export function hasBrokenCharacter(text: string): boolean {
	return LONE_SURROGATE.test(text);
}

/**
 * Refuses text with a broken character (a lone surrogate, left over from cutting an emoji
 * in half), which would otherwise fail deep inside the request as "URI malformed".
 */
export function assertWellFormed(
	context: IExecuteFunctions,
	value: string,
	fieldLabel: string,
	itemIndex: number,
): void {
	if (hasBrokenCharacter(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`"${fieldLabel}" in item ${itemIndex} contains a broken character`,
			{
				itemIndex,
				description:
					'The text holds half of an emoji or other two-part character, often from text cut at a fixed length. Fix or remove that character. Nothing was sent to SortedPRO.',
			},
		);
	}
}

/**
 * Reads a required reference parameter (a consignment reference, a Service Group Code...)
 * for one item, trimmed. A blank, missing or unusable value is an error that names the
 * field and the item, raised before anything is sent to SortedPRO.
 */
export function readReference(
	context: IExecuteFunctions,
	parameterName: string,
	fieldLabel: string,
	itemIndex: number,
	example: string,
): string {
	const raw: unknown = context.getNodeParameter(parameterName, itemIndex, '', {
		extractValue: true,
	});
	const value =
		raw === undefined || raw === null
			? ''
			: typeof raw === 'number'
				? String(raw)
				: typeof raw === 'string'
					? raw.trim()
					: undefined;

	if (value === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`"${fieldLabel}" must be text, but item ${itemIndex} gave ${Array.isArray(raw) ? 'a list' : typeof raw}`,
			{
				itemIndex,
				description: `Map a text field from the incoming data, e.g. ${example}.`,
			},
		);
	}
	if (value === '') {
		throw new NodeOperationError(
			context.getNode(),
			`"${fieldLabel}" is empty in item ${itemIndex}`,
			{
				itemIndex,
				description: `Every item needs a ${fieldLabel}. Check that the incoming item has it, or set it to something like ${example}. Nothing was sent to SortedPRO.`,
			},
		);
	}
	assertWellFormed(context, value, fieldLabel, itemIndex);
	// "." and ".." would be read as path navigation by any URL parser, even encoded.
	if (/^\.+$/.test(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`"${fieldLabel}" in item ${itemIndex} is "${value}", which is not a SortedPRO reference`,
			{ itemIndex, description: `Use a real reference such as ${example}.` },
		);
	}
	return value;
}
