import type { PrintFonts } from './model';

const ARABIC_RANGES =
  'U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F, U+060C, U+061B, U+061F, U+0020, U+00A0';

const face = (family: string, weight: number, url: string, range?: string) =>
  `@font-face{font-family:'${family}';font-weight:${weight};src:url('${url}') format('truetype');${range ? `unicode-range:${range};` : ''}}`;

// Built once per font set and digit style.
const cache = new WeakMap<PrintFonts, Map<boolean, string>>();

/** The page's CSS: the fonts by URL, A4 with page numbers in the margin, the document layout. */
export function printCss(fonts: PrintFonts, arabicDigits: boolean): string {
  let byDigits = cache.get(fonts);
  if (!byDigits) cache.set(fonts, (byDigits = new Map()));
  let css = byDigits.get(arabicDigits);
  if (css === undefined) byDigits.set(arabicDigits, (css = buildCss(fonts, arabicDigits)));
  return css;
}

function buildCss(fonts: PrintFonts, arabicDigits: boolean): string {
  return [
    face('DaftarArabic', 400, fonts.arabicRegular, ARABIC_RANGES),
    face('DaftarArabic', 700, fonts.arabicBold, ARABIC_RANGES),
    face('DaftarLatin', 400, fonts.latinRegular),
    face('DaftarLatin', 700, fonts.latinBold),
    `@page{size:A4;margin:16mm 14mm 18mm;@bottom-center{content:counter(page${arabicDigits ? ', arabic-indic' : ''}) " / " counter(pages${arabicDigits ? ', arabic-indic' : ''});font-family:'DaftarArabic','DaftarLatin';font-size:9pt;color:#555}}`,
    `*{box-sizing:border-box}
html{font-family:'DaftarArabic','DaftarLatin',serif;font-size:10.5pt;color:#111;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0}
.letterhead{display:flex;align-items:center;gap:14px;border-bottom:2px solid #0f6e5a;padding-bottom:8px;margin-bottom:12px}
.letterhead img{max-height:60px;max-width:150px}
.company-name{font-size:15pt;font-weight:700;margin:0}
.company-details{font-size:9pt;color:#444}
.title-row{display:flex;justify-content:space-between;align-items:flex-start;margin:6px 0 10px}
.doc-title{font-size:17pt;font-weight:700;margin:0}
.doc-meta{font-size:10pt;text-align:end}
.doc-meta div span{color:#555}
.cancelled{display:inline-block;border:2px solid #b42318;color:#b42318;font-weight:700;padding:0 10px;margin-inline-start:10px;font-size:12pt}
.party{border:1px solid #ccc;border-radius:4px;padding:6px 10px;margin-bottom:12px}
.party .name{font-weight:700;font-size:12pt}
.party .details{font-size:9pt;color:#444}
table{width:100%;border-collapse:collapse}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:start;vertical-align:top}
th{background:#eef3f1;font-weight:700;font-size:9.5pt}
td.num,th.num{text-align:end;white-space:nowrap}
tr{break-inside:avoid}
.totals{margin-top:8px;width:45%;margin-inline-start:auto}
.totals td{border:none;padding:2px 6px}
.totals tr.grand td{border-top:2px solid #111;font-weight:700;font-size:12pt}
.words{margin-top:10px;padding:6px 10px;background:#f6f7f8;border-radius:4px}
.words span{color:#555}
.kv{width:auto;min-width:60%}
.kv th{width:35%}
.notes{margin-top:12px;white-space:pre-wrap}
.notes span{color:#555}
.signatures{display:flex;justify-content:space-between;margin-top:40px}
.signatures div{width:35%;border-top:1px solid #777;padding-top:4px;text-align:center;color:#555;font-size:9pt}
.section{margin-top:14px}
.section h3{margin:0 0 6px;font-size:11.5pt}
tr.opening td,tr.closing td{font-weight:700;background:#fafafa}
.empty{color:#555}
.filters{font-size:9.5pt;color:#333;margin-bottom:8px}
.report-totals{width:auto;min-width:45%;margin-bottom:6px}
.messages td{font-size:9pt}
.emails bdi{display:block}
bdi{unicode-bidi:isolate}`,
  ].join('\n');
}
