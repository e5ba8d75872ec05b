/**
 * Arabic text that Daftar's PDFs must read back exactly (pdftotext, pdf.js) and draw ligated.
 * Plain spelling, as accountants type names: no harakat (see resources/fonts/README.md, "Arabic in PDFs").
 */
export const ARABIC_CORPUS = {
  names: [
    'عبد الله',
    'عبد الرحمن',
    'عبد الإله',
    'نصر الله',
    'فتح الله',
    'عبد الله محمد',
    'محمد عبد الله',
    'عطا الله',
    'جاد الله',
    'خير الله',
    'حسب الله',
    'سعد الله',
    'فضل الله',
    'رزق الله',
    'عبد العزيز',
    'عبد الكريم',
    'عبد اللطيف',
    'عبد المجيد',
    'أمة الله',
    'ضيف الله',
    'شركة عبد الله وأولاده',
  ],
  places: [
    'رام الله',
    'الخليل',
    'نابلس',
    'إربد',
    'الرياض',
    'بيت لحم',
    'القدس',
    'جنين',
    'طولكرم',
    'قلقيلية',
    'أريحا',
    'الزرقاء',
    'الإسكندرية',
    'اللاذقية',
    'شارع رام الله - البيرة',
  ],
  phrases: [
    'لا إله إلا الله',
    'الحمد لله',
    'لله الأمر',
    'بسم الله',
    'إن شاء الله',
    'ما شاء الله',
    'لا بأس',
    'سلام',
    'فلا',
    'الأمل',
    'لأحمد',
    'لإبراهيم',
    'لآلئ',
    'بالله',
    'والله',
    'لا يرد',
  ],
  digits: [
    'فاتورة رقم ١٠٤٢',
    'فاتورة رقم 1042',
    'المبلغ ١٢٣٫٤٥ شيكل',
    'المبلغ 123.45 شيكل',
    'هاتف 0599123456',
    '٠١٢٣٤٥٦٧٨٩',
    '2026-03-20',
    'الدفعة ٣ من ١٢',
  ],
  mixed: [
    'شركة Daftar',
    'Daftar للتجارة',
    'شركة ABC للتجارة',
    'بريد info@daftar.ps',
    'فاتورة INV-1042',
    'عبد الله Ltd',
    'مؤسسة Nour للورق',
    'Ramallah رام الله',
  ],
} as const;

export const ARABIC_CORPUS_STRINGS: string[] = Object.values(ARABIC_CORPUS).flat();

/**
 * Arabic letters and spaces only: one run of Daftar's Arabic font, which every reader must give back
 * exactly as typed. A string with digits, Latin or punctuation holds several runs: each run reads
 * back exactly, but how a reader orders runs of mixed direction is the reader's own reconstruction
 * (resources/fonts/README.md, "Arabic in PDFs").
 */
export const isArabicRun = (text: string) => /^[\u0621-\u064A\u0671-\u06D3 ]+$/.test(text);

/** The runs of a string: Arabic words with the spaces between them, and each other word. */
export const runsOf = (text: string): string[] =>
  text.match(/[\u0621-\u064A\u0671-\u06D3]+(?: [\u0621-\u064A\u0671-\u06D3]+)*|[^\s\u0621-\u064A\u0671-\u06D3]+/g) ??
  [];
