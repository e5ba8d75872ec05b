import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { monotonicFactory } from 'ulid';
import type { DocumentTarget } from '../../src-shared/api/print.api';
import { validateAddress, type ParsedAddress } from '../../src-shared/email/addresses';
import { messageCost } from '../../src-shared/email/pricing';
import { AppError, type FieldProblem } from '../../src-shared/errors';
import { formatId } from '../../src-shared/i18n/locale';
import { formatDate, formatMinor } from '../../src-shared/money/money';
import { PRINT_LABELS } from '../../src-shared/print/labels';
import type { PartyDocumentModel } from '../../src-shared/print/model';
import { readMailbox } from '../company/company.repo';
import { reserveIn } from '../credits/ledger';
import { getParty } from '../parties/parties.repo';
import { printPdf } from '../print/print.service';
import type { Services } from '../registry';
import { getVoucher } from '../vouchers/vouchers.repo';
import { composeBody, fill, headerSafe, safeFileName, templateKindOf, type TemplateValues } from './compose';
import * as repo from './outbox.repo';
import { loadTemplates } from './templates';

/** Message ids that sort in the order they were queued, also within one millisecond: the outbox sends oldest first by (created_at, id). */
const messageId = monotonicFactory();

/** Which document a target is, for "already sent" and the outbox list. */
export function sourceKey(target: DocumentTarget): string {
  return target.kind === 'voucher'
    ? `voucher:${target.id}`
    : `${target.kind}:${target.input.partyId}:${target.input.from}:${target.input.to}`;
}

function templateValues(model: PartyDocumentModel): {
  values: TemplateValues;
  kind: ReturnType<typeof templateKindOf>;
  title: string;
} {
  const l = PRINT_LABELS[model.language];
  const company = (model.language === 'en' && model.company.nameEn) || model.company.nameAr || model.company.nameEn;
  if (model.kind === 'voucher') {
    const v = model.voucher;
    const document = l.voucherTitle[v.type];
    return {
      kind: templateKindOf(v.type),
      title: `${document} ${v.number}`,
      values: {
        company,
        document,
        number: formatId(model.language, v.number),
        date: formatDate(v.date, model.language),
        amount: `${formatMinor(v.totalMinor, v.currency, model.language)} ${v.currency}`,
        party: model.party.name,
      },
    };
  }
  const s = model.statement;
  const document = model.kind === 'employeeStatement' ? l.employeeStatement : l.accountStatement;
  const period = `${formatDate(s.from, model.language)} – ${formatDate(s.to, model.language)}`;
  const amount =
    s.sections.map((x) => `${formatMinor(x.closingMinor, x.currency, model.language)} ${x.currency}`).join('، ') || '0';
  return {
    kind: 'statement',
    title: `${document} — ${model.party.name}`,
    values: {
      company,
      document,
      number: period,
      date: formatDate(s.to, model.language),
      amount,
      party: model.party.name,
    },
  };
}

async function partyOf(services: Services, model: PartyDocumentModel) {
  const id = model.kind === 'voucher' ? model.voucher.partyId : model.statement.partyId;
  const party = await getParty(services.book.db, id);
  if (!party) throw new AppError('not_found', `No card with id ${id}`, { id });
  return party;
}

/** The send dialog's starting point. */
export async function prepareSend(services: Services, target: DocumentTarget, balance: number | null) {
  const printed = await printPdf(services, target);
  const { model } = printed;
  const party = await partyOf(services, model);
  const { values, kind } = templateValues(model);
  const templates = await loadTemplates(services.book);
  const earlier = await repo.earlierSends(services.book.db, sourceKey(target), printed.revision);
  return {
    to: party.emails ? party.emails.split(',') : [],
    partyId: party.id,
    partyKind: party.kind,
    partyName: party.name,
    language: model.language,
    subject: headerSafe(fill(templates[kind][model.language].subject, values)),
    fileName: safeFileName(printed.fileName),
    bytes: printed.pdf.byteLength,
    balance,
    alreadySent: earlier.map((e) => ({
      at: e.sent_at ?? e.created_at,
      to: [...JSON.parse(e.to_json), ...JSON.parse(e.cc_json)] as string[],
    })),
  };
}

/** An address as compared: its ASCII form, lower-cased. */
const asciiKey = (address: string) => {
  const parsed = validateAddress(address);
  return (typeof parsed === 'string' ? address : parsed.ascii).toLowerCase();
};

function checkAddresses(path: 'to' | 'cc', list: string[], problems: FieldProblem[]): ParsedAddress[] {
  const out: ParsedAddress[] = [];
  list.forEach((raw, i) => {
    const parsed = validateAddress(raw.trim());
    if (typeof parsed === 'string')
      problems.push({ path: `${path}.${i}`, reason: `email_${parsed}`, params: { address: raw, position: i + 1 } });
    else out.push(parsed);
  });
  return out;
}

export interface SendInput {
  target: DocumentTarget;
  to: string[];
  cc: string[];
  /** Null: the subject from the document type's template (bulk sends). */
  subject: string | null;
  note: string;
  confirmResend: boolean;
}

/**
 * Queue a document: render its PDF now (the current revision), keep it with the message,
 * then in one transaction check the revision did not move, reserve one credit per
 * recipient and write the outbox row.
 */
export async function queueSend(
  services: Services,
  input: SendInput,
  createdBy = '',
): Promise<{ id: string; cost: number; title: string }> {
  const problems: FieldProblem[] = [];
  const to = checkAddresses('to', input.to, problems);
  const toKeys = new Set(to.map((a) => a.ascii.toLowerCase()));
  const cc = checkAddresses('cc', input.cc, problems).filter((a) => !toKeys.has(a.ascii.toLowerCase()));
  if (input.subject !== null && !headerSafe(input.subject)) problems.push({ path: 'subject', reason: 'required' });
  if (problems.length)
    throw new AppError('invalid_input', `Send: ${problems.map((p) => `${p.path} ${p.reason}`).join(', ')}`, {
      fields: problems,
    });
  const unique = (list: ParsedAddress[]) => [...new Map(list.map((a) => [a.ascii.toLowerCase(), a])).values()];
  const toList = unique(to);
  const ccList = unique(cc);
  const cost = messageCost(
    toList.map((a) => a.ascii),
    ccList.map((a) => a.ascii),
  );
  // The provider refuses more recipients than this in one message: say so now, split nothing silently.
  const mailbox = await readMailbox(services.book.db);
  const cap = mailbox.limit_per_message;
  if (cap !== null && toList.length + ccList.length > cap)
    throw new AppError('invalid_input', `Send: ${toList.length + ccList.length} recipients, the mailbox takes ${cap}`, {
      fields: [
        { path: 'to', reason: 'too_many_recipients', params: { max: cap, count: toList.length + ccList.length } },
      ],
    });

  const printed = await printPdf(services, input.target);
  const { model } = printed;
  const party = await partyOf(services, model);
  const { values, kind, title } = templateValues(model);
  const templates = await loadTemplates(services.book);
  const body = composeBody(input.note, fill(templates[kind][model.language].body, values), model.language);
  const subject = headerSafe(input.subject ?? fill(templates[kind][model.language].subject, values));

  const id = messageId();
  const now = services.ports.clock.now();
  const pdfFile = `${id}.pdf`;
  const { files } = services.book;
  files.writePdfBeforeQueue(pdfFile, printed.pdf);
  // A Message-ID is ASCII: an Arabic domain goes in its xn-- form.
  const domain = domainToASCII((mailbox?.address.split('@')[1] ?? '').toLowerCase()) || 'daftar.local';
  const key = sourceKey(input.target);

  try {
    await services.book.db.transaction().execute(async (trx) => {
      if (input.target.kind === 'voucher') {
        const current = await getVoucher(trx, input.target.id);
        if (!current || current.revision !== printed.revision) {
          throw AppError.because('revision_changed', 'The document changed while it was being prepared; send again');
        }
      }
      if (!input.confirmResend) {
        const everyone = new Set([...toList, ...ccList].map((a) => a.ascii.toLowerCase()));
        const earlier = (await repo.earlierSends(trx, key, printed.revision)).find((e) => {
          const sent = new Set(
            [...(JSON.parse(e.to_json) as string[]), ...(JSON.parse(e.cc_json) as string[])].map(asciiKey),
          );
          return [...everyone].every((a) => sent.has(a));
        });
        if (earlier)
          throw AppError.because('already_sent', 'This revision was already sent to these addresses', {
            at: earlier.sent_at ?? earlier.created_at,
          });
      }
      await files.keepPdfWithQueue(trx, printed.pdf, now);
      const spendId = await reserveIn(services.book, trx, services.grants, cost, id, now);
      await repo.insertOutbox(trx, {
        id,
        status: 'queued',
        to_json: JSON.stringify(toList.map((a) => a.address)),
        cc_json: JSON.stringify(ccList.map((a) => a.address)),
        recipients: toList.length + ccList.length,
        subject,
        note: input.note,
        body_text: body.text,
        body_html: body.html,
        language: model.language,
        file_name: safeFileName(printed.fileName),
        pdf_file: pdfFile,
        pdf_sha256: createHash('sha256').update(printed.pdf).digest('hex'),
        pdf_bytes: printed.pdf.byteLength,
        message_id: `<${id.toLowerCase()}@${domain}>`,
        attempts: 0,
        next_attempt_at: null,
        last_reply: null,
        last_error: null,
        credits: cost,
        spend_id: spendId,
        source_json: JSON.stringify(input.target),
        source_key: key,
        source_revision: printed.revision,
        source_title: title,
        doc_type: model.kind === 'voucher' ? model.voucher.type : 'statement',
        party_id: party.id,
        created_by: createdBy,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        sent_at: null,
      });
    });
  } catch (error) {
    files.forgetUnqueuedPdf(pdfFile);
    throw error;
  }
  return { id, cost, title };
}
