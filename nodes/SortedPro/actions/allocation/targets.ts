/** The carrier service group and carrier service an allocation names, shared by the operations that take them. */
import { codeLocatorField } from '../../helpers/fields';

export const serviceGroup = codeLocatorField({
	displayName: 'Carrier Service Group',
	name: 'serviceGroup',
	description:
		'The carrier service group whose cheapest eligible service is used: its Service Group Code in SortedPRO (Settings > Carrier Service Groups)',
	searchListMethod: 'searchServiceGroups',
	listPlaceholder: 'Select a service group...',
	example: 'NEXTDAY',
	hint: 'The Service Group Code from SortedPRO: Settings > Carrier Service Groups',
});

export const carrierService = codeLocatorField({
	displayName: 'Carrier Service',
	name: 'carrierService',
	description:
		'The carrier service to allocate to: its reference (MpdCarrierServiceReference) in SortedPRO',
	searchListMethod: 'searchCarrierServices',
	listPlaceholder: 'Select a carrier service...',
	example: 'CX_NDS',
	hint: 'The carrier service reference from SortedPRO',
});
