import { useEffect, useRef, useState } from 'react';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import type { Party, PartyKind, PartySaveInput } from '../../src-shared/api/parties.api';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { useCards } from './cards.store';
import { EmailField } from './EmailField';
import { BouncingAddresses } from './BouncingAddresses';

type Draft = Omit<PartySaveInput, 'id' | 'kind'>;

const draftOf = (party: Party | null): Draft => ({
  code: party?.code ?? '',
  name: party?.name ?? '',
  phone: party?.phone ?? '',
  address: party?.address ?? '',
  taxNumber: party?.taxNumber ?? '',
  jobTitle: party?.jobTitle ?? '',
  notes: party?.notes ?? '',
  emails: party?.emails ?? '',
});

/** Create or edit one card. Enter saves, Esc closes. */
export function CardForm({ kind, party }: { kind: PartyKind; party: Party | null }) {
  const { t } = useTranslation();
  const { stored, open, savedId } = useCards();
  const [draft, setDraft] = useState<Draft>(() => draftOf(party));
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  const mayEdit = useApp((s) => s.may('parties.save'));

  useEffect(() => {
    firstField.current?.focus();
    if (party || !mayEdit) return;
    let live = true;
    call('parties.suggestCode', { kind })
      .then(({ code }) => live && setDraft((d) => (d.code ? d : { ...d, code })))
      .catch((e: unknown) => live && setError(errorBody(e)));
    return () => {
      live = false;
    };
  }, [kind, party, mayEdit]);

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      setDirty(true);
    };

  /** Esc or Cancel: a changed card asks before its edits are thrown away. */
  const leave = async () => {
    if (dirty && !(await confirmAction({ message: t('cards.discardChanges'), confirmLabel: t('common.discard') })))
      return;
    open(null);
  };

  async function save() {
    if (!mayEdit) return;
    setBusy(true);
    try {
      // Saved before the suggested code arrived (a quick Enter): take the suggestion now rather than refuse.
      const code = draft.code.trim() || party ? draft.code : (await call('parties.suggestCode', { kind })).code;
      const result = await call('parties.save', { ...draft, code, kind, id: party?.id });
      setError(null);
      setDraft(draftOf(result));
      setDirty(false);
      await stored(result);
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!party) return;
    const message = t('cards.confirmDelete', { name: party.name });
    if (!(await confirmAction({ message, confirmLabel: t('cards.delete'), danger: true }))) return;
    try {
      await call('parties.delete', { id: party.id });
      open(null);
      await useCards.getState().load();
    } catch (e) {
      setError(errorBody(e));
    }
  }

  async function toggleArchived() {
    if (!party) return;
    try {
      await stored(await call('parties.setArchived', { id: party.id, archived: !party.archived }));
    } catch (e) {
      setError(errorBody(e));
    }
  }

  const errors = fieldErrors(t, error);
  const text = (key: keyof Draft, options: { required?: boolean; dir?: 'ltr'; inputMode?: 'tel' } = {}) => (
    <Field label={t(`cards.fields.${key}`)} errors={errors[key]} required={options.required}>
      {(props) => (
        <input
          {...props}
          ref={key === 'code' ? firstField : undefined}
          dir={options.dir}
          inputMode={options.inputMode}
          value={draft[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );
  const area = (key: 'address' | 'notes') => (
    <Field label={t(`cards.fields.${key}`)} errors={errors[key]} wide>
      {(props) => <textarea {...props} rows={2} value={draft[key]} onChange={(e) => set(key)(e.target.value)} />}
    </Field>
  );

  const title = party ? t('cards.edit', { code: party.code, name: party.name }) : t(`cards.new_${kind}`);
  return (
    <section className="panel card-form" aria-label={title}>
      <h2>
        {title}
        {party?.archived && <span className="badge">{t('cards.archived')}</span>}
      </h2>
      {party?.archived && <Notice kind="info">{t('cards.archivedNote')}</Notice>}
      {!mayEdit && <Notice kind="info">{t('cards.viewOnly')}</Notice>}
      <Form onSubmit={() => void save()} onCancel={() => void leave()} label={title}>
        {/* Without the permission to edit cards, the card is shown and nothing in it can change. */}
        <fieldset className="plain" disabled={!mayEdit}>
          <div className="grid">
            {text('code', { required: true })}
            {text('name', { required: true })}
            {text('phone', { dir: 'ltr', inputMode: 'tel' })}
            {kind === 'employee' ? text('jobTitle') : text('taxNumber', { dir: 'ltr' })}
            <EmailField value={draft.emails} onChange={set('emails')} serverErrors={errors.emails} />
            {party && <BouncingAddresses partyId={party.id} />}
            {area('address')}
            {area('notes')}
          </div>
        </fieldset>
        {error && (
          <Notice kind="error">
            {error.details.reason === 'party_in_use'
              ? t('cards.inUse', { count: error.details.vouchers })
              : errorHeadline(t, error)}
          </Notice>
        )}
        {party && savedId === party.id && !dirty && !error && <Notice kind="ok">{t('cards.created')}</Notice>}
        {mayEdit && (
          <FormButtons busy={busy} onCancel={() => void leave()}>
            {party && (
              <button type="button" onClick={() => void toggleArchived()}>
                {party.archived ? t('cards.restore') : t('cards.archive')}
              </button>
            )}
            {party && (
              <button type="button" className="danger" onClick={() => void remove()}>
                {t('cards.delete')}
              </button>
            )}
          </FormButtons>
        )}
      </Form>
    </section>
  );
}
