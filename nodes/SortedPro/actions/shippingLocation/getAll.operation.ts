import { SHIPPING_LOCATIONS } from '../../helpers/referenceLists';
import { referenceListOperation } from '../referenceListGetMany';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many shipping locations',
	description: 'List the shipping locations of the account, with their references',
};

export const { description, execute, shape } = referenceListOperation(SHIPPING_LOCATIONS);
