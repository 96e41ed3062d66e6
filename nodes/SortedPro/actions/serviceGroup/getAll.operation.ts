import { SERVICE_GROUPS } from '../../helpers/referenceLists';
import { referenceListOperation } from '../referenceListGetMany';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many service groups',
	description: 'List the carrier service groups of the account, with their codes',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const { description, execute, shape } = referenceListOperation(SERVICE_GROUPS);
