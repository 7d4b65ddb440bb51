// CLI for `npm run check:boundaries`: prints dependency-cruiser's report and exits 1 when
// any import rule is broken.
import { checkBoundaries } from './boundaries.ts';

const { violations, text } = await checkBoundaries();
process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const errors = violations.filter((violation) => violation.rule.severity === 'error');
process.exit(errors.length > 0 ? 1 : 0);
