/** The one IPC channel for calls, and the one the main process pushes events on. */
export const CALL_CHANNEL = 'daftar:call';
export const EVENT_CHANNEL = 'daftar:event';
