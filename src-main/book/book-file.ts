/** The book's file in the data folder, for a book on this computer. */
export const BOOK_FILE_NAME = 'daftar.sqlite';
