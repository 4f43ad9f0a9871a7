import { HOURS_LEDGER } from '../../database/collections';
import type { HoursEntry } from '../../src/domain/hours/hours.rules';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

/** A volunteer's ledger entries, newest first (the ledger keeps far fewer per person than the read cap). */
export async function ledgerOf(openid: string): Promise<HoursEntry[]> {
  return readList<HoursEntry>(database().collection(HOURS_LEDGER).where({ openid }).orderBy('sortKey', 'desc').limit(1000));
}
