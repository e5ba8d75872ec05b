import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../i18n/language';
import { formatMinor } from '../../src-shared/money/money';
import { linesProblems } from '../../src-shared/vouchers/limits';
import type { LineInput } from '../../src-shared/vouchers/totals';
import { fieldMessage } from '../common/errors';
import { emptyLine, parseLine, type LineDraft } from './draft';

interface Props {
  lines: LineDraft[];
  currency: string;
  /** New lines start with the company's tax rate. */
  defaultTaxBp: number;
  errors: Record<string, string[]>;
  onChange(lines: LineDraft[]): void;
}

/**
 * Where Enter goes from each cell: the fields nearly every line needs, then the next line
 * (a new one after the last). Discount and tax are a Tab away. Ctrl+Enter saves the voucher.
 */
const ENTER_NEXT: Record<keyof LineDraft, keyof LineDraft | null> = {
  description: 'quantity',
  quantity: 'unitPrice',
  unitPrice: null,
  discount: 'tax',
  tax: null,
};

/** Invoice lines with live totals, computed by the same rule the book uses. */
export function LinesEditor({ lines, currency, defaultTaxBp, errors, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const parsed = lines.map((l, i) => parseLine(l, currency, i));
  const readable = parsed.filter((l): l is LineInput => l !== null);
  // Live totals by the book's rule; past the book's limit they say so instead of showing a broken number.
  const { problems: limits, totals } = linesProblems(readable, currency);
  const tooLarge = limits.find((p) => p.reason === 'amount_too_large');
  let computedIndex = 0;
  const money = (minor: number) => formatMinor(minor, currency, language);

  const set = (index: number, key: keyof LineDraft, value: string) =>
    onChange(lines.map((l, i) => (i === index ? { ...l, [key]: value } : l)));
  const cellErrors = (index: number, key: string) => errors[`lines.${index}.${key}`] ?? [];

  const table = useRef<HTMLTableElement>(null);
  /** A line just added takes the focus, in its description, once it is drawn. */
  const focusLine = useRef<number | null>(null);
  /** Focus a cell with its text selected, so typing replaces the default (a quantity of 1). */
  const focusCell = (line: number, key: keyof LineDraft) => {
    const input = table.current?.querySelector<HTMLInputElement>(`input[data-line="${line}"][data-col="${key}"]`);
    input?.focus();
    input?.select();
  };
  useEffect(() => {
    if (focusLine.current === null) return;
    focusCell(focusLine.current, 'description');
    focusLine.current = null;
  });
  const addLine = () => {
    focusLine.current = lines.length;
    onChange([...lines, emptyLine(language, defaultTaxBp)]);
  };
  const enter = (index: number, key: keyof LineDraft) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    // Enter in a line never saves the voucher: it moves on.
    e.preventDefault();
    const next = ENTER_NEXT[key];
    if (next) focusCell(index, next);
    else if (index < lines.length - 1) focusCell(index + 1, 'description');
    else addLine();
  };

  return (
    <fieldset className="lines-editor">
      <legend>{t('vouchers.fields.lines')}</legend>
      {errors.lines && (
        <div className="error" role="alert">
          {errors.lines.join(' ')}
        </div>
      )}
      <table ref={table}>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('vouchers.fields.description')}</th>
            <th>{t('vouchers.fields.quantity')}</th>
            <th>{t('vouchers.fields.unitPrice')}</th>
            <th>{t('vouchers.fields.discount')}</th>
            <th>{t('vouchers.fields.tax')}</th>
            <th>{t('vouchers.fields.lineTotal')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => {
            const lineTotal = parsed[index] && totals ? totals.lines[computedIndex++]!.totalMinor : null;
            const cell = (key: keyof LineDraft, errorKey: string, wide = false) => {
              const problems = cellErrors(index, errorKey);
              return (
                <td className={problems.length ? 'field-invalid' : undefined}>
                  <input
                    data-line={index}
                    data-col={key}
                    onKeyDown={enter(index, key)}
                    aria-label={`${t(`vouchers.fields.${key === 'discount' ? 'discount' : key}`)} ${index + 1}`}
                    className={wide ? 'wide' : 'num'}
                    dir={wide ? undefined : 'ltr'}
                    inputMode={wide ? undefined : 'decimal'}
                    value={line[key]}
                    aria-invalid={problems.length > 0}
                    title={problems.join(' ')}
                    onChange={(e) => set(index, key, e.target.value)}
                  />
                  {problems.map((p) => (
                    <div key={p} className="error">
                      {p}
                    </div>
                  ))}
                </td>
              );
            };
            return (
              <tr key={index}>
                <td className="num">{index + 1}</td>
                {cell('description', 'description', true)}
                {cell('quantity', 'quantityMilli')}
                {cell('unitPrice', 'unitPriceMinor')}
                {cell('discount', 'discountBp')}
                {cell('tax', 'taxBp')}
                <td
                  className={`num total-cell${limits.some((p) => p.path === `lines.${index}.totalMinor`) ? ' field-invalid' : ''}`}
                >
                  {lineTotal === null ? '—' : <bdi>{money(lineTotal)}</bdi>}
                </td>
                <td>
                  <button
                    type="button"
                    className="icon"
                    aria-label={t('vouchers.removeLine', { n: index + 1 })}
                    disabled={lines.length === 1}
                    onClick={() => onChange(lines.filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {tooLarge && (
        <div className="error" role="alert">
          {fieldMessage(t, tooLarge)}
        </div>
      )}
      <div className="lines-footer">
        <button type="button" onClick={addLine}>
          {t('vouchers.addLine')}
        </button>
        <table className="totals" aria-label={t('vouchers.total')}>
          <tbody>
            <tr>
              <th>{t('vouchers.subtotal')}</th>
              <td className="num">
                <bdi>{totals ? money(totals.subtotalMinor) : '—'}</bdi>
              </td>
            </tr>
            <tr>
              <th>{t('vouchers.discountTotal')}</th>
              <td className="num">
                <bdi>{totals ? money(totals.discountMinor) : '—'}</bdi>
              </td>
            </tr>
            <tr>
              <th>{t('vouchers.taxTotal')}</th>
              <td className="num">
                <bdi>{totals ? money(totals.taxMinor) : '—'}</bdi>
              </td>
            </tr>
            <tr className="grand">
              <th>
                {t('vouchers.total')} ({currency})
              </th>
              <td className="num" data-testid="voucher-total">
                <bdi>{totals ? money(totals.totalMinor) : '—'}</bdi>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
