import { CARRIER_SERVICES } from '../../helpers/referenceLists';
import { referenceListOperation } from '../referenceListGetMany';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many carrier services',
	description: 'List the carrier services of the account, with their references',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const { description, execute, shape } = referenceListOperation(CARRIER_SERVICES);
