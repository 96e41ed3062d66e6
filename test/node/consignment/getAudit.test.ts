/** Consignment > Get Audit Messages. */
import nock from 'nock';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { auditMessage } from '../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Consignment > Get Audit Messages', () => {
	afterEach(() => nock.cleanAll());

	test('one item per consignment with its messages; none is a count of 0; a 404, a foreign message or another shape fail their own items', async () => {
		const api = sortedPro()
			.get('/consignments/EC-1/audit')
			.reply(200, [auditMessage('EC-1'), auditMessage('EC-1', 'Labels printed')])
			.get('/consignments/EC%201/audit')
			.reply(200, [])
			.get('/consignments/EC-3/audit')
			.reply(404, { Code: 'NotFound', Message: 'Consignment EC-3 was not found' })
			.get('/consignments/EC-4/audit')
			.reply(200, [auditMessage('EC-OTHER')])
			.get('/consignments/EC-5/audit')
			.reply(200, { Messages: [] });

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getAudit', {}, continueOnFail),
			references('EC-1', 'EC 1', 'EC-3', 'EC-4', 'EC-5'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', AuditMessageCount: 2 });
		expect(output?.[1].json).toEqual({
			ConsignmentReference: 'EC 1',
			AuditMessageCount: 0,
			AuditMessages: [],
		});
		expect(output?.[2].json).toMatchObject({ consignmentReference: 'EC-3', httpStatus: 404 });
		expect(output?.[3].json.error).toContain('includes a message about consignment EC-OTHER');
		expect(output?.[4].json.error).toContain('not a list of audit messages');
	});
});
