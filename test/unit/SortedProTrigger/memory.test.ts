/** What the trigger remembers of a state, and what entered it (SortedProTrigger/memory.ts). */
import { MAX_REMEMBERED_PER_STATE, compareState } from '../../../nodes/SortedProTrigger/memory';

describe('compareState', () => {
	test('the first poll records and reports nothing; later, only what was not there before', () => {
		expect(compareState(undefined, ['A', 'B'], true)).toEqual({
			entered: [],
			remember: ['A', 'B'],
		});
		expect(compareState(['A', 'B'], ['B', 'C', 'D'], true)).toEqual({
			entered: ['C', 'D'],
			remember: ['B', 'C', 'D'],
		});
		// A left and came back: it entered the state again.
		expect(compareState(['B', 'C', 'D'], ['A', 'B'], true).entered).toEqual(['A']);
	});

	test('after a partial read, earlier references are kept so the unread ones are not reported again', () => {
		expect(compareState(['A', 'B', 'C'], ['C', 'D'], false)).toEqual({
			entered: ['D'],
			remember: ['A', 'B', 'C', 'D'],
		});
	});

	test(`memory is bounded (${MAX_REMEMBERED_PER_STATE} per state), the oldest dropped first`, () => {
		expect(compareState(['A', 'B', 'C'], ['D'], false, 3).remember).toEqual(['B', 'C', 'D']);
		expect(compareState(undefined, ['A', 'B', 'C', 'D'], true, 2).remember).toEqual(['C', 'D']);
	});
});
