/** Writes the seed days as BulletinDocument JSON into docs/bulletin-examples/ (inputs for `fangyi bulletin render`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { EXAMPLES } from '../src/modules/surveillance/bulletin/fixtures/examples';

mkdirSync('docs/bulletin-examples', { recursive: true });
for (const e of EXAMPLES) writeFileSync(`docs/bulletin-examples/${e.file}.json`, `${JSON.stringify(e.doc, null, 2)}\n`);
console.log(`wrote ${EXAMPLES.length} examples to docs/bulletin-examples/`);
