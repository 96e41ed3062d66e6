import { allocation } from './allocation';
import type { ResourceModule } from './types';

/** Every resource of the node, in drop-down order. */
export const resources: ResourceModule[] = [allocation];
