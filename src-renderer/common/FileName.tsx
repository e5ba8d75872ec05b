const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/**
 * A file name in running text. Its Latin tail (numbers, dates, the extension) is kept left
 * to right as one piece after the Arabic words, so "فاتورة مبيعات 1.pdf" never shows as
 * "فاتورة مبيعات pdf.1" and "… 2026-01-01 2026-12-31.pdf" keeps its dates in order.
 */
export function FileName({ name }: { name: string }) {
  const words = name.split(' ');
  let tail = words.length;
  while (tail > 0 && !RIGHT_TO_LEFT.test(words[tail - 1]!)) tail--;
  if (tail === 0 || tail === words.length) return <bdi>{name}</bdi>;
  return (
    <bdi className="file-name">
      {words.slice(0, tail).join(' ')} <bdi dir="ltr">{words.slice(tail).join(' ')}</bdi>
    </bdi>
  );
}
