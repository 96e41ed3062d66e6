import { SERVICE_GROUPS } from '../../helpers/referenceLists';
import { referenceListOperation } from '../referenceListGetMany';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many service groups',
	description: 'List the carrier service groups of the account, with their codes',
};

export const { description, execute, shape } = referenceListOperation(SERVICE_GROUPS);
