// Command line for bench/run.mjs, which is plain JavaScript and cannot import results.ts:
//   tsx bench/lib/results-cli.ts render
//   tsx bench/lib/results-cli.ts note <bench> <dataset> <key> <text…>
import { addNote, renderResultsFile } from './results.ts';

const [command, ...args] = process.argv.slice(2);
if (command === 'render') {
  renderResultsFile();
} else if (command === 'note' && args.length >= 4) {
  const [bench, dataset, key, ...text] = args;
  addNote({ bench, dataset, key, text: text.join(' ') });
} else {
  console.error('usage: results-cli.ts render | note <bench> <dataset> <key> <text…>');
  process.exit(2);
}
