import type { Language } from '../api/fields';
import { formatDate } from '../money/money';
import { PRINT_LABELS } from './labels';

/** "من ١/١/٢٠٢٦ إلى ٣١/١/٢٠٢٦", each date isolated so it never mixes with the words around it. */
export function DateRange({ from, to, language }: { from: string; to: string; language: Language }) {
  const l = PRINT_LABELS[language];
  return (
    <>
      {l.rangeFrom && `${l.rangeFrom} `}
      <bdi>{formatDate(from, language)}</bdi> {l.rangeTo} <bdi>{formatDate(to, language)}</bdi>
    </>
  );
}
