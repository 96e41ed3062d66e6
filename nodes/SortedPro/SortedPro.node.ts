import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { PACKAGE_DESCRIPTION } from '../shared/package';
import { SIMPLIFY_SINCE } from './helpers/simplify';
import { resources } from './actions/resources';
import { router } from './actions/router';
import {
	searchCarrierServices,
	searchQuotes,
	searchServiceGroups,
	searchShippingLocations,
} from './methods/listSearch';
import { getPackageSizes } from './methods/loadOptions';

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: resources.map((resource) => resource.option),
	default: 'allocation',
};

const operationFields: INodeProperties[] = resources.flatMap((resource) => resource.properties);

/**
 * The canvas subtitle in display names ("Allocate With Service Group: Allocation"), looked
 * up from the resource and operation values, so it follows the drop-downs' own entries.
 */
const displayNames = Object.fromEntries(
	resources.flatMap((resource) =>
		resource.operations.map((operation) => [
			`${resource.option.value}.${operation.option.value}`,
			`${operation.option.name}: ${resource.option.name}`,
		]),
	),
);
const subtitle = `={{ ${JSON.stringify(displayNames)}[$parameter["resource"] + "." + $parameter["operation"]] }}`;

export class SortedPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SortedPRO',
		name: 'sortedPro',
		icon: { light: 'file:sortedPro.svg', dark: 'file:sortedPro.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify (helpers/simplify.ts); version 1 keeps SortedPRO's whole answers.
		version: [1, SIMPLIFY_SINCE],
		defaultVersion: SIMPLIFY_SINCE,
		subtitle,
		description: PACKAGE_DESCRIPTION,
		defaults: { name: 'SortedPRO' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sortedProApi', required: true }],
		properties: [
			resourceProperty,
			...resources.map((resource) => resource.operationProperty),
			...operationFields,
		],
	};

	methods = {
		loadOptions: { getPackageSizes },
		listSearch: {
			searchCarrierServices,
			searchQuotes,
			searchServiceGroups,
			searchShippingLocations,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
