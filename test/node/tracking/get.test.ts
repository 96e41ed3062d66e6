import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';

describe('Tracking > Get', () => {
	/** help/using_pros_tracking_api.md, Get Tracking Events. */
	const tracking = (reference: string) => ({
		ConsignmentReferenceForAllLegsAssignedByMpd: reference,
		TrackedPackages: [
			{
				PackageReferenceForAllLegsAssignedByMpd: 'EP-1',
				Legs: [
					{
						CarrierServiceName: 'Next Day',
						Events: [
							{
								TimeStamp: '2026-11-21T12:00:00+00:00',
								Code: 'Delivered',
								Description: 'Delivered',
								SignedBy: 'J. Smith',
								Location: 'Leeds',
							},
						],
					},
				],
			},
		],
	});

	test('returns one item per consignment with its events', async () => {
		// A bare list of events is not documented, but tolerated: it is kept under Events.
		const events = [
			{ Status: 'Collected', Timestamp: '2026-11-20T10:00:00Z' },
			{ Status: 'Delivered', Timestamp: '2026-11-21T12:00:00Z' },
		];
		const api = sortedPro()
			.get('/tracking/EC-1')
			.reply(200, events)
			.get('/tracking/EC-2')
			.reply(200, tracking('EC-2'));

		const { output } = await runWorkflow(
			operationWorkflow('tracking', 'get'),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.json)).toEqual([
			{ ConsignmentReference: 'EC-1', Events: events },
			{ ...tracking('EC-2'), ConsignmentReference: 'EC-2' },
		]);
	});

	test('tracking that names no consignment, or another, is an error, never this one', async () => {
		sortedPro()
			.get('/tracking/EC-1')
			.reply(200, { TrackedPackages: [] })
			.get('/tracking/EC-2')
			.reply(200, tracking('EC-9'));

		const { output } = await runWorkflow(
			operationWorkflow('tracking', 'get', {}, { onError: 'continueRegularOutput' }),
			references('EC-1', 'EC-2'),
		);

		expect(output?.map((item) => item.json.error)).toEqual([
			"Could not get the tracking events of consignment EC-1: SortedPRO's answer names no consignment",
			"Could not get the tracking events of consignment EC-2: SortedPRO's answer is about consignment EC-9, not EC-2",
		]);
		expect(output?.some((item) => item.json.TrackedPackages !== undefined)).toBe(false);
	});
});
