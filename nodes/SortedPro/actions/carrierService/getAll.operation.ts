import { CARRIER_SERVICES } from '../../helpers/referenceLists';
import { referenceListOperation } from '../referenceListGetMany';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many carrier services',
	description: 'List the carrier services of the account, with their references',
};

export const { description, execute, shape } = referenceListOperation(CARRIER_SERVICES);
