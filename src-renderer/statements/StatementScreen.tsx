import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatId, todayIso } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
import type { Statement, StatementInput } from '../../src-shared/api/statements.api';
import type { ErrorBody } from '../../src-shared/errors';
import { formatDate, formatMinor } from '../../src-shared/money/money';
import { call } from '../api';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { DateField } from '../common/DateField';
import { Field, Form, Notice } from '../common/Form';
import { PartyPicker, partyLabel, resolveParty } from '../common/PartyPicker';
import { DocumentActions } from '../print/DocumentActions';

const KINDS = { account: ['customer', 'supplier'], employee: ['employee'] } as const;
const yearStart = () => `${new Date().getFullYear()}-01-01`;

/** An account statement (customers, suppliers) or an employee statement: on screen, then preview, print or PDF. */
export function StatementScreen({ which, show: preset }: { which: 'account' | 'employee'; show?: StatementInput }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const [party, setParty] = useState({ id: preset?.partyId ?? '', label: '' });
  const [from, setFrom] = useState(preset?.from ?? yearStart());
  const [to, setTo] = useState(preset?.to ?? todayIso());
  const [statement, setStatement] = useState<Statement | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const call_ = which === 'account' ? 'statements.accountStatement' : 'statements.employeeStatement';
  const title = t(which === 'account' ? 'reports.accountStatement' : 'reports.employeeStatement');

  // Opened with a statement to show (from the mail report): name the card and show it at once.
  useEffect(() => {
    if (!preset) return;
    void call('parties.get', { id: preset.partyId }).then(
      (p) => setParty({ id: p.id, label: partyLabel(p) }),
      () => undefined,
    );
    void show();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the statement it was opened with
  }, []);

  async function show() {
    const chosen = await resolveParty(KINDS[which], party).catch(() => party);
    if (chosen !== party) setParty(chosen);
    if (!chosen.id)
      return setError({
        code: 'invalid_input',
        message: 'local',
        details: { fields: [{ path: 'partyId', reason: 'party_missing' }] },
      });
    try {
      setStatement(await call(call_, { partyId: chosen.id, from, to }));
      setError(null);
    } catch (e) {
      setError(errorBody(e));
      setStatement(null);
    }
  }

  const errors = fieldErrors(t, error);
  const money = (minor: number, currency: string) => <bdi>{formatMinor(minor, currency, language)}</bdi>;
  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{title}</h1>
      </header>
      <section className="panel">
        <Form onSubmit={() => void show()} label={title}>
          <div className="grid grid-3">
            <Field
              label={t(which === 'account' ? 'reports.party' : 'reports.employee')}
              errors={errors.partyId}
              required
            >
              {(props) => (
                <PartyPicker
                  id={props.id}
                  kinds={KINDS[which]}
                  value={party}
                  onChange={setParty}
                  invalid={props['aria-invalid']}
                  describedBy={props['aria-describedby']}
                />
              )}
            </Field>
            <Field label={t('vouchers.from')} errors={errors.from}>
              {(props) => <DateField {...props} value={from} onChange={setFrom} />}
            </Field>
            <Field label={t('vouchers.to')} errors={errors.to}>
              {(props) => <DateField {...props} value={to} onChange={setTo} />}
            </Field>
          </div>
          <div className="form-buttons">
            <button type="submit" className="primary">
              {t('reports.show')}
            </button>
          </div>
          {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
        </Form>
      </section>
      {statement && (
        <section className="panel statement" aria-label={`${title} — ${statement.partyName}`}>
          <h2>
            {statement.partyName} <span className="hint">({statement.partyCode})</span>
          </h2>
          <DocumentActions
            title={`${title} — ${statement.partyName}`}
            target={{
              kind: which === 'account' ? 'accountStatement' : 'employeeStatement',
              language,
              input: { partyId: statement.partyId, from: statement.from, to: statement.to },
            }}
          />
          {statement.sections.length === 0 && <p className="empty">{t('reports.noMovements')}</p>}
          {statement.sections.map((section) => (
            <div key={section.currency} className="statement-section">
              <h3>{t('reports.currencyHeading', { currency: section.currency })}</h3>
              <table className="list">
                <thead>
                  <tr>
                    {(['date', 'document', 'number', 'description', 'debit', 'credit', 'balance'] as const).map((c) => (
                      <th key={c} className={['debit', 'credit', 'balance'].includes(c) ? 'num' : undefined}>
                        {t(`reports.columns.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr className="strong">
                    <td colSpan={6}>{t('reports.opening')}</td>
                    <td className="num">{money(section.openingMinor, section.currency)}</td>
                  </tr>
                  {section.rows.map((row) => (
                    <tr key={row.voucherId}>
                      <td>{formatDate(row.date, language)}</td>
                      <td>{t(`vouchers.one.${row.type}`)}</td>
                      <td>{formatId(language, row.number)}</td>
                      <td>
                        {row.description ||
                          t('vouchers.edit', { type: t(`vouchers.one.${row.type}`), number: row.number })}
                      </td>
                      <td className="num">{row.debitMinor ? money(row.debitMinor, section.currency) : ''}</td>
                      <td className="num">{row.creditMinor ? money(row.creditMinor, section.currency) : ''}</td>
                      <td className="num">{money(row.balanceMinor, section.currency)}</td>
                    </tr>
                  ))}
                  <tr className="strong">
                    <td colSpan={4}>{t('reports.closing')}</td>
                    <td className="num">{money(section.totalDebitMinor, section.currency)}</td>
                    <td className="num">{money(section.totalCreditMinor, section.currency)}</td>
                    <td className="num" data-testid={`closing-${section.currency}`}>
                      {money(section.closingMinor, section.currency)}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
