import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { splitAddressList, validateAddress } from '../../src-shared/email/addresses';
import { fieldMessage } from '../common/errors';

interface Props {
  label: string;
  values: string[];
  onChange(values: string[]): void;
  /** Errors the core answered, by chip position. */
  serverErrors?: Record<number, string[]>;
}

/** Addresses as chips: add (Enter, comma or paste several), edit (click), delete (×); each checked as on the card. */
export function AddressChips({ label, values, onChange, serverErrors = {} }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<number | null>(null);

  const add = (text: string) => {
    const parts = splitAddressList(text);
    if (parts.length) onChange([...values, ...parts]);
    setDraft('');
  };
  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',' || e.key === '،' || e.key === ';') {
      if (!draft.trim()) return; // Enter on an empty box belongs to the dialog
      e.preventDefault();
      e.stopPropagation();
      add(draft);
    } else if (e.key === 'Backspace' && !draft && values.length) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="field field-wide">
      <label htmlFor={id}>{label}</label>
      <div className="chip-box">
        {values.map((address, i) => {
          const problem = validateAddress(address.trim());
          const errors =
            typeof problem === 'string'
              ? [fieldMessage(t, { reason: `email_${problem}`, params: { address, position: i + 1 } })]
              : (serverErrors[i] ?? []);
          return editing === i ? (
            <input
              key={i}
              className="chip-edit"
              dir="ltr"
              autoFocus
              defaultValue={address}
              aria-label={t('mail.editAddress', { address })}
              onBlur={(e) => {
                const next = e.target.value.trim();
                onChange(next ? values.map((v, j) => (j === i ? next : v)) : values.filter((_, j) => j !== i));
                setEditing(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  e.stopPropagation();
                  (e.target as HTMLInputElement).blur();
                }
              }}
            />
          ) : (
            <span key={i} className={`chip${errors.length ? ' chip-bad' : ''}`} title={errors.join(' ')}>
              <button
                type="button"
                className="chip-text"
                dir="ltr"
                onClick={() => setEditing(i)}
                aria-label={t('mail.editAddress', { address })}
              >
                {address}
              </button>
              <button
                type="button"
                className="chip-remove"
                onClick={() => onChange(values.filter((_, j) => j !== i))}
                aria-label={t('mail.removeAddress', { address })}
              >
                ×
              </button>
            </span>
          );
        })}
        <input
          id={id}
          className="chip-input"
          dir="auto"
          value={draft}
          placeholder={t('mail.addAddress')}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={keys}
          onBlur={() => draft.trim() && add(draft)}
          spellCheck={false}
        />
      </div>
      <div className="field-help">
        {values.map((address, i) => {
          const problem = validateAddress(address.trim());
          const errors =
            typeof problem === 'string'
              ? [fieldMessage(t, { reason: `email_${problem}`, params: { address, position: i + 1 } })]
              : (serverErrors[i] ?? []);
          return errors.map((message) => (
            <div key={`${i}-${message}`} className="error" role="alert">
              {message}
            </div>
          ));
        })}
      </div>
    </div>
  );
}
