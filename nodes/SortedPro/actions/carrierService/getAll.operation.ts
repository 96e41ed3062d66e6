import { CARRIER_SERVICES } from '../../methods/listSearch';
import { referenceListOperation } from '../referenceList';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many carrier services',
	description: 'List the carrier services of the account, with their references',
};

export const { description, execute } = referenceListOperation('carrierService', CARRIER_SERVICES.path, CARRIER_SERVICES.what);
