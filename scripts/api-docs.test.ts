import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { contract } from '../src-shared/api/contract';
import { renderApiDocs } from './api-docs';

it('docs/API.md matches the contract (run `npm run docs:api` after changing it)', () => {
  const current = readFileSync(new URL('../docs/API.md', import.meta.url), 'utf8');
  expect(current).toBe(renderApiDocs());
  for (const name of Object.keys(contract)) expect(current).toContain(`\`${name}\``);
});
