import { useTranslation } from 'react-i18next';
import { Field } from '../common/Form';

export interface OwnerDraft {
  ownerUser: string;
  ownerPassword: string;
}

/**
 * The office database owner's name and password: typed only when the book is made on the server or
 * updated (or a desktops' role is given its rights), sent with that one call, never saved.
 */
export function OwnerFields(props: {
  value: OwnerDraft;
  onChange(next: Partial<OwnerDraft>): void;
  errors?: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="limits grid">
      <legend>{t('bookLocation.owner')}</legend>
      <p className="hint field-wide">{t('bookLocation.ownerExplain')}</p>
      <Field label={t('bookLocation.ownerUser')} errors={props.errors?.ownerUser}>
        {(p) => (
          <input
            {...p}
            dir="ltr"
            autoComplete="off"
            value={props.value.ownerUser}
            onChange={(e) => props.onChange({ ownerUser: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('bookLocation.ownerPassword')} errors={props.errors?.ownerPassword}>
        {(p) => (
          <input
            {...p}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            value={props.value.ownerPassword}
            onChange={(e) => props.onChange({ ownerPassword: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}

/** The owner as a call takes it: absent when no name is typed (a desktop set up with one role). */
export const ownerOf = (d: OwnerDraft) =>
  d.ownerUser.trim() ? { ownerUser: d.ownerUser.trim(), ownerPassword: d.ownerPassword } : {};
