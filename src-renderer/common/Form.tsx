import { useId, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormProps {
  onSubmit(): void;
  onCancel?(): void;
  children: ReactNode;
  className?: string;
  label?: string;
}

/**
 * A form that works from the keyboard: Enter saves (Ctrl+Enter inside a multi-line
 * field), Esc cancels.
 */
export function Form({ onSubmit, onCancel, children, className, label }: FormProps) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const keys = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || (e.target as HTMLElement).tagName === 'SELECT')) {
      // Ctrl+Enter saves from a multi-line field; a plain Enter on a drop-down saves too (browsers do nothing there).
      e.preventDefault();
      onSubmit();
    }
  };
  return (
    <form className={className ?? 'form'} onSubmit={submit} onKeyDown={keys} aria-label={label} noValidate>
      {children}
    </form>
  );
}

interface FieldProps {
  label: string;
  errors?: string[];
  hint?: ReactNode;
  required?: boolean;
  wide?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string }) => ReactNode;
}

/** A labelled field with its hint and its errors announced to screen readers. */
export function Field({ label, errors, hint, required, wide, children }: FieldProps) {
  const id = useId();
  const invalid = !!errors && errors.length > 0;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children({ id, 'aria-invalid': invalid, 'aria-describedby': `${id}-help` })}
      <div id={`${id}-help`} className="field-help">
        {hint && <div className="hint">{hint}</div>}
        {errors?.map((message) => (
          <div key={message} className="error" role="alert">
            {message}
          </div>
        ))}
      </div>
    </div>
  );
}

export function FormButtons({ busy, onCancel, children }: { busy?: boolean; onCancel?(): void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="form-buttons">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
      {children}
      <span className="keys-hint">
        <bdi>
          <kbd>Enter</kbd>
        </bdi>{' '}
        {t('common.keySave')} ·{' '}
        <bdi>
          <kbd>Esc</kbd>
        </bdi>{' '}
        {t('common.keyCancel')}
      </span>
    </div>
  );
}

/** A message after an action: saved, failed, a test result. */
export function Notice({ kind, children }: { kind: 'ok' | 'error' | 'info'; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
