/**
 * The consignment details Create and Update both take from the editor (Your Reference, Tags,
 * Metadata), read into SortedPRO's fields. Pure: a problem is an InputError naming the field.
 */
import type { IDataObject } from 'n8n-workflow';

/** Input that cannot become a consignment: what is wrong, and what to do. */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

/**
 * Your Reference as text: trimmed, a number (an order number mapped from a number field) as its
 * digits; '' when there is none. Anything else is an InputError naming `field`, so the
 * duplicate check is never skipped because of the value's type.
 */
export function yourReferenceText(value: unknown, field: string, itemIndex: number): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string') return value.trim();
	throw new InputError(
		`"${field}" in item ${itemIndex} must be text, but it is ${Array.isArray(value) ? 'a list' : typeof value}`,
		'Map the order number or another text field. Nothing was sent to SortedPRO.',
	);
}

/** A Tags field (comma-separated) as SortedPRO's list of tags. */
export function tagList(tags: string): string[] {
	return tags
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
}

/** A Metadata field (key/value entries) as SortedPRO's MetaData list. */
export function metadataEntries(
	metadata: unknown,
): Array<{ KeyValue: string; StringValue: string }> {
	const entries = ((metadata as IDataObject | undefined)?.entry ?? []) as Array<{
		key?: string;
		value?: string;
	}>;
	return entries
		.filter((entry) => entry.key?.trim())
		.map((entry) => ({ KeyValue: entry.key!.trim(), StringValue: entry.value ?? '' }));
}
