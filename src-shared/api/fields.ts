import { z } from 'zod';

/** One line of text: no control characters (so nothing can smuggle a new line into a header). */
export const line = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/);
/** A required line of text. */
export const requiredLine = (max: number) => line(max).min(1);
/** Free text on several lines: tabs and new lines allowed, other control characters not. */
export const multiline = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/);

export const id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z-]+$/);
export const isoTime = z.string().max(40);
export const language = z.enum(['ar', 'en']);
export type Language = z.infer<typeof language>;
export const noInput = z.object({}).strict();
