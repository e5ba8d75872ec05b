import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../src-shared/api/contract';
import { createCore } from './core';
import type { Logger } from './log';
import { fakePorts, RESOURCES_DIR, testCore, type TestCore } from '../test-support/test-core';

let t: TestCore;
afterEach(() => t?.close());

describe('core.call', () => {
  it('answers { ok: true, value } on success', async () => {
    t = await testCore();
    expect(await t.core.call('app.info', {})).toEqual({
      ok: true,
      value: {
        version: '0.0.0-test',
        dataFolder: t.dataFolder,
        bookFile: t.core.book.dialect === 'sqlite' ? ':memory:' : expect.stringMatching(/^127\.0\.0\.1:\d+\/book_/),
        host: 'node',
        interruptedUpdate: null,
        restoredFrom: null,
        damaged: null,
        bookOpen: t.core.book.dialect === 'sqlite' ? 'here' : 'office',
        firstStart: t.core.book.dialect === 'sqlite',
        officeProblem: null,
        movedRecord: null,
        printerMissing: null,
      },
    });
  });

  it('answers unknown_call for a name outside the contract', async () => {
    t = await testCore();
    expect(await t.fail('parties.drop', {})).toEqual({
      code: 'unknown_call',
      message: 'No call named parties.drop',
      details: { name: 'parties.drop' },
    });
  });

  it('answers invalid_input with the fields at fault, and runs nothing', async () => {
    t = await testCore();
    const error = await t.fail('parties.list', { kind: 'dragon', limit: 0, extra: 1 });
    expect(error.code).toBe('invalid_input');
    expect(error.details.fields).toEqual(
      expect.arrayContaining([
        { path: 'kind', reason: 'invalid_choice' },
        { path: 'limit', reason: 'too_small', params: { min: 1 } },
        { path: 'extra', reason: 'unknown_field' },
      ]),
    );
  });

  it('answers invalid_input for a missing or non-object input', async () => {
    t = await testCore();
    expect((await t.fail('parties.get', 'x')).code).toBe('invalid_input');
    expect((await t.fail('parties.get', null)).details.fields).toEqual([
      { path: 'id', reason: 'required', params: { expected: 'string' } },
    ]);
  });

  it('turns an unexpected failure into internal, logs it, and lets no stack out', async () => {
    const logged: unknown[] = [];
    const log: Logger = { info: () => {}, error: (_m, data) => logged.push(data) };
    const ports = fakePorts();
    ports.secrets.get = async () => {
      throw new Error('disk on fire at /secret/path');
    };
    const core = await createCore({
      dataFolder: mkdtempSync(join(tmpdir(), 'daftar-core-')),
      bookFile: ':memory:',
      ports,
      host: 'node',
      version: 't',
      log,
      resourcesDir: RESOURCES_DIR,
    });
    const answer = await core.call('mailbox.get', {});
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String), details: {} } });
    expect(JSON.stringify(answer)).not.toMatch(/disk on fire|secret\/path|at /);
    expect(logged).toHaveLength(1);
    await core.close();
  });

  it('names every call domain.verb and says what it does', () => {
    for (const [name, def] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z][A-Za-z]+\.[a-z][A-Za-z]+$/); // domain.verb, both lowerCamel
      expect(def.summary.length, name).toBeGreaterThan(10);
    }
  });

  it('declares input and output schemas for every call: a smuggled field is refused, and the output has a JSON schema', () => {
    for (const [name, def] of Object.entries(contract)) {
      const parsed = def.input.safeParse({ smuggled: true });
      expect(parsed.success, name).toBe(false);
      const smuggledRefused = parsed.error!.issues.some(
        (issue) =>
          (issue.code === 'unrecognized_keys' && issue.keys.includes('smuggled')) ||
          (issue.code === 'invalid_key' && issue.path.length === 0),
      );
      expect(smuggledRefused, `${name}: ${JSON.stringify(parsed.error!.issues)}`).toBe(true);
      expect(() => z.toJSONSchema(def.output, { io: 'output' }), name).not.toThrow();
    }
  });
});
