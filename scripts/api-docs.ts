import { z } from 'zod';
import { contract, events } from '../src-shared/api/contract';
import { ERROR_CODES } from '../src-shared/errors';

const schema = (type: z.ZodType, io: 'input' | 'output') => {
  const json = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return JSON.stringify(json, null, 2);
};

const block = (title: string, body: string) => `**${title}**\n\n\`\`\`json\n${body}\n\`\`\`\n`;

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
    '## Calls',
    '',
  ];
  for (const [domain, names] of domains) {
    out.push(`### ${domain}`, '');
    for (const name of names) {
      const def = contract[name as keyof typeof contract];
      out.push(
        `#### \`${name}\``,
        '',
        def.summary,
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
