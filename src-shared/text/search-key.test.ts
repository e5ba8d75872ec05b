import { expect, it } from 'vitest';
import { searchKey } from './search-key';

it.each([
  ['مُحَمَّد', 'محمد'],
  ['أحمد إبراهيم آل', 'احمد ابراهيم ال'],
  ['مصطفى', 'مصطفي'],
  ['فاطمة', 'فاطمه'],
  ['مؤسسة', 'موسسه'],
  ['شـــركة', 'شركه'],
  ['٠٥٩٩', '0599'],
  ['  Bright   TRADING ', 'bright trading'],
])('%s → %s', (input, key) => expect(searchKey(input)).toBe(key));
