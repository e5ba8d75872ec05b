import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party, PartyKind } from '../../src-shared/api/parties.api';
import { call } from '../api';

export const partyLabel = (p: Pick<Party, 'code' | 'name'>) => `${p.name} — ${p.code}`;

/** The card a typed label names ("name — code", or a name only one card has), for a save that beat the list. */
export async function resolveParty(
  kinds: readonly PartyKind[],
  value: { id: string; label: string },
): Promise<{ id: string; label: string }> {
  const label = value.label.trim();
  if (value.id || !label) return value;
  const name = label.split(' — ')[0] ?? label;
  const found = (
    await Promise.all(kinds.map((kind) => call('parties.list', { kind, search: name, limit: 50 })))
  ).flatMap((p) => p.items);
  const exact =
    found.find((p) => partyLabel(p) === label) ??
    (found.filter((p) => p.name === label).length === 1 ? found.find((p) => p.name === label) : undefined);
  return exact ? { id: exact.id, label: partyLabel(exact) } : value;
}

interface Props {
  id: string;
  kinds: readonly PartyKind[];
  value: { id: string; label: string };
  onChange(value: { id: string; label: string }): void;
  invalid?: boolean;
  describedBy?: string;
}

/**
 * Choose a card by typing part of its name or code: the matches come from the book as
 * you type (a native list, so arrows and Enter work), and the choice is the card's id.
 */
export function PartyPicker({ id, kinds, value, onChange, invalid, describedBy }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [options, setOptions] = useState<Party[]>([]);
  // Search by what was typed before the " — code" of a chosen label.
  const search = value.id ? '' : (value.label.split(' — ')[0] ?? '');
  const { label, id: chosen } = value;
  // The latest callback, without re-running the search each time the parent re-renders.
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void Promise.all(kinds.map((kind) => call('parties.list', { kind, search, limit: 30 })))
        .then((pages) => {
          if (!live) return;
          const found = pages.flatMap((p) => p.items);
          setOptions(found);
          // Typed or pasted in full before the list arrived: take the card it names.
          const match = chosen ? undefined : found.find((p) => partyLabel(p) === label);
          if (match) changed.current({ id: match.id, label });
        })
        .catch(() => live && setOptions([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kinds, search, label, chosen]);

  const pick = (text: string) => {
    const match = options.find((p) => partyLabel(p) === text);
    onChange(match ? { id: match.id, label: text } : { id: '', label: text });
  };

  return (
    <>
      <input
        id={id}
        list={listId}
        value={value.label}
        placeholder={t('vouchers.partyPlaceholder')}
        onChange={(e) => pick(e.target.value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        autoComplete="off"
      />
      <datalist id={listId}>
        {options.map((p) => (
          <option key={p.id} value={partyLabel(p)} />
        ))}
      </datalist>
    </>
  );
}
