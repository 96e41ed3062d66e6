/**
 * What one poll knows before it reads anything: the watched states (checked against SortedPRO's
 * fixed list), whether it is a test event, the time it has, and the request settings, which
 * carry that time down to every request (the answer in flight and retries included).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RequestSettings } from '../shared/transport';

export interface PollRun {
	states: string[];
	/** "Fetch Test Event" in the editor: a sample, memory untouched. */
	manual: boolean;
	/** When every request of this poll is over (Date.now()). */
	deadline: number;
	request: RequestSettings;
	/** An output item for a consignment that entered `state`. */
	event(consignment: IDataObject, state: string): INodeExecutionData;
}
