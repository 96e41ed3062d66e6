import type { INodeProperties } from 'n8n-workflow';

/**
 * What an operation does to SortedPRO's data, as an AI agent is told it: nothing (`'reads'`),
 * or what it changes. `askFirst` is for a change a person should approve call by call
 * (it transmits to carriers, removes work or cannot be undone): the agent is told to call it
 * only on the user's explicit request, and the README recommends a human review step.
 */
export type Effect = 'reads' | { changes: string; askFirst?: true };

/** An operation as far as its tool description needs it. */
interface Described {
	option: { description: string };
	description: INodeProperties[];
	effect: Effect;
}

function sentence(text: string): string {
	const trimmed = text.trim();
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function listOf(names: string[]): string {
	if (names.length < 2) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The tool description an AI agent reads: what the operation does, what it needs (its
 * required fields, by the names the agent sees) and what it changes in SortedPRO.
 */
export function toolDescriptionOf({ option, description, effect }: Described): string {
	const needs = description
		// Fields to fill in every case: not a mode's own fields, nor ones with a default
		// (such as the binary field a file goes to).
		.filter((property) => property.required && !property.displayOptions && property.default === '')
		.map((property) => property.displayName);
	const parts = [sentence(option.description)];
	if (needs.length > 0) parts.push(`Needs: ${listOf(needs)}.`);
	if (effect === 'reads') {
		parts.push('Only reads: it changes nothing in SortedPRO.');
	} else {
		parts.push(`It changes data in SortedPRO: ${sentence(effect.changes)}`);
		if (effect.askFirst) {
			parts.push(
				'Call it only when the user has explicitly asked for this, after confirming with them what it will change.',
			);
		}
	}
	return parts.join(' ');
}

/**
 * The tool's Description for one operation, shown only when the node is an AI agent's tool.
 * Because the node has its own `toolDescription`, n8n adds neither its "Set Automatically"
 * choice nor its own field (n8n's convertNodeToAiTool), and sends the agent this text instead
 * of "<action> in SortedPRO". The user can still edit it.
 */
export function toolDescriptionProperty(operation: Described): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		default: toolDescriptionOf(operation),
		typeOptions: { rows: 3 },
		description:
			'What the AI agent is told about this tool. Filled in for the operation; add your own rules if you like.',
		displayOptions: { show: { '@tool': [true] } },
	};
}
