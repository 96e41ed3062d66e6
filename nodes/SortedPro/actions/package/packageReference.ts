import { referenceField } from '../../helpers/fields';

/** The package an operation is about: its SortedPRO reference. */
export const packageReference = referenceField({
	displayName: 'Package Reference',
	name: 'packageReference',
	example: 'EP-000-05F-0CY',
	description:
		"The SortedPRO reference of the package, from the consignment's Packages (Reference) or Package > Add",
});
