import { writeFileSync } from 'node:fs';
import { renderApiDocs } from './api-docs';

writeFileSync(new URL('../docs/API.md', import.meta.url), renderApiDocs());
console.log('docs/API.md written');
