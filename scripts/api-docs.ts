import { z } from 'zod';
import { contract, events } from '../src-shared/api/contract';
import type { CallDef } from '../src-shared/api/define';
import { ERROR_CODES, REASON_CODES } from '../src-shared/errors';

const schema = (type: z.ZodType, io: 'input' | 'output') => {
  const json = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return JSON.stringify(json, null, 2);
};

const block = (title: string, body: string) => `**${title}**\n\n\`\`\`json\n${body}\n\`\`\`\n`;

/** Who may make a call, in words: from its contract entry, the one source the core and the window read. */
function whoMay(def: CallDef): string {
  const access = def.permission;
  const base =
    access === 'anyone'
      ? 'anyone, before sign-in'
      : access === 'signed-in'
        ? 'any signed-in user'
        : ([] as string[])
            .concat(access)
            .map((p) => `\`${p}\``)
            .join(' and ');
  return def.inputPermission
    ? `${base}; also \`${def.inputPermission.permission}\` when ${def.inputPermission.when}`
    : base;
}

const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
/** A table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/API.md, generated from the contract (`npm run docs:api`); a test keeps it current. */
export function renderApiDocs(): string {
  const domains = new Map<string, string[]>();
  for (const name of Object.keys(contract)) {
    const domain = name.split('.')[0]!;
    domains.set(domain, [...(domains.get(domain) ?? []), name]);
  }
  const out: string[] = [
    '# Daftar host API',
    '',
    '<!-- Generated from src-shared/api by `npm run docs:api`. Do not edit by hand. -->',
    '',
    'The renderer talks to the core through one function, `call(name, input)`, and listens to pushed events.',
    'The same contract is served by both hosts:',
    '',
    '- **Electron**: `window.daftar.call(name, input)` over one IPC channel; events through `window.daftar.onEvent(listener)`.',
    '- **Node host**: `POST /api/call/<name>` with a JSON body; events as server-sent events on `GET /api/events` (event name `daftar`, data `{ name, payload }`).',
    '  Every request needs the per-run token: `Authorization: Bearer <token>`, or the HttpOnly cookie set when the printed URL (`/?token=…`) is opened. Without it: `401`, and nothing runs.',
    '',
    'Every call answers an envelope:',
    '',
    '```ts',
    '{ ok: true, value: Output } | { ok: false, error: { code, message, details } }',
    '```',
    '',
    `Error codes: ${ERROR_CODES.map((c) => `\`${c}\``).join(', ')}. Field problems come as \`details.fields: [{ path, reason, params }]\`;`,
    "the renderer translates `reason` into the user's language. Unknown failures answer `internal` and never carry a stack.",
    '',
    'A refusal the window acts on carries `details.reason`, one of a closed, typed set (`ReasonPayloads` in',
    '`src-shared/errors.ts`, with its payload beside it); each reason always comes with the same code:',
    '',
    '| reason | code |',
    '| --- | --- |',
    ...Object.entries(REASON_CODES).map(([reason, code]) => `| \`${reason}\` | \`${code}\` |`),
    '',
    'Who may make each call is part of its definition in the contract (`permission`): the core refuses a call',
    'the signed-in user may not make (`forbidden`, before the input is read), and the window hides what it would refuse.',
    '',
    '## Index',
    '',
    '| call | who may call it | what it does |',
    '| --- | --- | --- |',
  ];
  for (const [name, def] of Object.entries(contract) as [string, CallDef][]) {
    out.push(`| [\`${name}\`](#${anchor(name)}) | ${cell(whoMay(def))} | ${cell(def.summary)} |`);
  }
  out.push('', '| event | what it tells |', '| --- | --- |');
  for (const [name, def] of Object.entries(events)) {
    out.push(`| [\`${name}\`](#${anchor(name)}) | ${cell(def.summary)} |`);
  }
  out.push('', '## Calls', '');
  for (const [domain, names] of domains) {
    out.push(`### ${domain}`, '');
    for (const name of names) {
      const def = contract[name as keyof typeof contract];
      out.push(
        `#### \`${name}\``,
        '',
        def.summary,
        '',
        `Who may call it: ${whoMay(def)}.`,
        '',
        block('Input', schema(def.input, 'input')),
        block('Output', schema(def.output, 'output')),
      );
    }
  }
  out.push('## Events', '');
  for (const [name, def] of Object.entries(events)) {
    out.push(`#### \`${name}\``, '', def.summary, '', block('Payload', schema(def.payload, 'output')));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
