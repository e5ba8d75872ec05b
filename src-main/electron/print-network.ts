/**
 * What the hidden print window may load: the page itself (a data: URL) and the app's own
 * files (fonts from the resources folder). Anything on the network, loopback included, is
 * refused: a printed document never calls out.
 */
export const printRequestAllowed = (url: string): boolean => /^(data|file):/i.test(url);

/** The print window's own session, so its rules never touch the main window's. */
export const PRINT_PARTITION = 'daftar-print';
