/** Tracking > Get Flattened. */
import nock from 'nock';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { flattenedTracking } from '../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Tracking > Get Flattened', () => {
	afterEach(() => nock.cleanAll());

	test('one item per consignment; the reference is one encoded path segment; a 404 and a foreign answer fail their own items', async () => {
		const api = sortedPro()
			.get('/tracking/flattened/EC-1')
			.reply(200, flattenedTracking('EC-1'))
			.get('/tracking/flattened/EC%2F..%2F2')
			.reply(200, flattenedTracking('EC/../2'))
			.get('/tracking/flattened/EC-3')
			.reply(404, { Code: 'NotFound', Message: 'Consignment EC-3 was not found' })
			.get('/tracking/flattened/EC-4')
			.reply(200, flattenedTracking('EC-OTHER'))
			.get('/tracking/flattened/EC-5')
			.reply(200, { ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-5', TrackedPackages: [{}] });

		const { output } = await runWorkflow(
			operationWorkflow('tracking', 'getFlattened', {}, continueOnFail),
			references('EC-1', 'EC/../2', 'EC-3', 'EC-4', 'EC-5'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1' });
		expect(output?.[1].json).toMatchObject({ ConsignmentReference: 'EC/../2' });
		expect(output?.[2].json).toMatchObject({ consignmentReference: 'EC-3', httpStatus: 404 });
		expect(output?.[3].json.error).toContain('about consignment EC-OTHER, not EC-4');
		expect(output?.[4].json.error).toContain('no list of TrackedPackages');
	});
});
