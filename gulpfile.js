// Copies node and credential icons next to the compiled files: n8n resolves
// `icon: 'file:...'` relative to the built .js file, and tsc does not copy SVGs.
const path = require('path');
const { task, src, dest } = require('gulp');

function copyIcons() {
	src('nodes/**/*.{png,svg}').pipe(dest(path.resolve('dist', 'nodes')));
	return src('credentials/**/*.{png,svg}').pipe(dest(path.resolve('dist', 'credentials')));
}

task('build:icons', copyIcons);
