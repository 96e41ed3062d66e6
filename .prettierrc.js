// n8n's code style (as in n8n's own repository and @n8n/node-cli's template): tabs, single
// quotes, trailing commas, lines up to 100 characters. `npm run lint` checks it; `npm run format` applies it.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
