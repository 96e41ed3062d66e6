import { SHIPPING_LOCATIONS } from '../../helpers/referenceLists';
import { referenceListOperation } from '../referenceListGetMany';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many shipping locations',
	description: 'List the shipping locations of the account, with their references',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const { description, execute, shape } = referenceListOperation(SHIPPING_LOCATIONS);
