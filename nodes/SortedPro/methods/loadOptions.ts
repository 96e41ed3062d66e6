import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { firstText, isRecord } from '../../shared/lists';
import {
	DEFAULT_PACKAGE_SIZE_PATH,
	PACKAGE_SIZES,
	referenceEntriesOf,
	unreadableList,
} from '../helpers/referenceLists';
import { requestSettings, sortedProApiRequest } from '../../shared/transport';

/** The "no package size" entry: the weight and dimensions typed are sent. */
export const NO_PACKAGE_SIZE = '';

/**
 * The account's package sizes for a drop-down, its default first and named so
 * (`GET /packagesizes`, `GET /packagesizes/default`). A default that cannot be read only loses
 * its mark; a list that cannot be read is an error saying so.
 */
export async function getPackageSizes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const settings = await requestSettings(this);
	const [body, fallback] = await Promise.all([
		sortedProApiRequest.call(
			this,
			{ method: 'GET', path: PACKAGE_SIZES.path },
			{ action: `load the ${PACKAGE_SIZES.what}`, notFound: `the ${PACKAGE_SIZES.what} list` },
			settings,
		),
		sortedProApiRequest
			.call(
				this,
				{ method: 'GET', path: DEFAULT_PACKAGE_SIZE_PATH },
				{ action: 'load the default package size', notFound: 'the default package size' },
				settings,
			)
			.catch(() => undefined),
	]);
	const listed = referenceEntriesOf(body);
	if (!listed)
		throw new NodeOperationError(
			this.getNode(),
			`Could not load the ${PACKAGE_SIZES.what}: ${unreadableList(PACKAGE_SIZES)}`,
			{ description: 'Map a package size reference with an expression instead.' },
		);
	const defaultCode = isRecord(fallback) ? firstText(fallback, PACKAGE_SIZES.codeKeys) : '';
	const sizes = listed
		.map((entry) => {
			const code = firstText(entry, PACKAGE_SIZES.codeKeys);
			const name = firstText(entry, PACKAGE_SIZES.nameKeys);
			const label = name && name !== code ? `${name} (${code})` : code;
			return { name: code === defaultCode ? `${label} – account default` : label, value: code };
		})
		.filter((entry) => entry.value !== '')
		.sort((a, b) => Number(b.value === defaultCode) - Number(a.value === defaultCode));
	return [{ name: 'None (Weight and Dimensions as Entered)', value: NO_PACKAGE_SIZE }, ...sizes];
}
