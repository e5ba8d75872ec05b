import { createHash } from 'node:crypto';
import { spendLinkMessage, type ChainedSpend } from '../../src-shared/licensing/spend-chain';

/** The link hash of a spend in this desktop's chain (see src-shared/licensing/spend-chain). */
export const spendLink = (prevHash: string, spend: Omit<ChainedSpend, 'prevHash'>): string =>
  createHash('sha256').update(spendLinkMessage(prevHash, spend)).digest('hex');
