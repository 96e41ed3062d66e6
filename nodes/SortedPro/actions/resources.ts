import { allocation } from './allocation';
import { carrierService } from './carrierService';
import { collectionCalendar } from './collectionCalendar';
import { consignment } from './consignment';
import { label } from './label';
import { manifest } from './manifest';
import { packageResource } from './package';
import { quote } from './quote';
import { serviceGroup } from './serviceGroup';
import { shippingLocation } from './shippingLocation';
import { tracking } from './tracking';
import type { ResourceModule } from './types';

/** Every resource of the node, in drop-down order. */
export const resources: ResourceModule[] = [
	allocation,
	carrierService,
	collectionCalendar,
	consignment,
	label,
	manifest,
	packageResource,
	quote,
	serviceGroup,
	shippingLocation,
	tracking,
];
