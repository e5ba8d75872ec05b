/**
 * What the core needs from its host. Each host (Electron, Node) supplies its own;
 * tests supply simple in-memory ones.
 */

/** Turns a complete HTML page into a PDF (the printed copy, and the emailed attachment). */
export interface Printer {
  pdf(html: string): Promise<Uint8Array>;
  /**
   * Send the page to a paper printer with the system's print dialog. Absent where the
   * host cannot reach a printer itself (the Node host: the browser prints the page).
   */
  print?(html: string): Promise<void>;
  /** Null when PDFs can be made; else what is missing and how to install it (the Node host without Chromium). */
  missing?(): PrinterMissing | null;
  close(): Promise<void>;
}

export interface PrinterMissing {
  /** The command that installs it here, where known. */
  install: string | null;
}

/** Keeps secrets (the SMTP password) outside the book, encrypted or readable only by the user. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Opens an http(s) or mailto link in the user's browser or mail program. */
export interface UrlOpener {
  open(url: string): Promise<void>;
}

/** Offers a file Daftar wrote to the user to keep where they choose (Electron: a save dialog). */
export interface FileSaver {
  /** Copy `file` to where the user picks, starting from `suggestedName`; false if they cancel. */
  save(file: string, suggestedName: string): Promise<boolean>;
}

export interface Clock {
  now(): Date;
}

export interface Ports {
  printer: Printer;
  secrets: SecretStore;
  opener: UrlOpener;
  clock: Clock;
  /** Absent in the Node host: the window downloads the file itself. */
  saver?: FileSaver;
}

export const systemClock: Clock = { now: () => new Date() };

/** Only these schemes may leave the app; anything else is refused before it reaches the OS. */
export function isOpenableUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}
