import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { categoryAdmin, saveCategory } from '../../../server/problem/categories';
import { ledgerView } from '../../../server/problem/ledger';
import { exportLedger } from '../../../server/problem/ledger-export';
import { gridList, mine, problemDetail, unitInbox } from '../../../server/problem/problem-queries';
import { fireProblem } from '../../../server/problem/problem-step';
import { rectificationNotice } from '../../../server/problem/rectification-notice';
import { report, reportSetup } from '../../../server/problem/report';
import { problemStats } from '../../../server/problem/stats';
import { superviseSweep } from '../../../server/problem/supervise';
import { problemContract } from '../../../src/contracts/problem.contract';

const principal = () => loadPrincipal(requireActor());

/** Every event goes through `fireProblem` and answers the updated detail. */
async function act(command: Parameters<typeof fireProblem>[1]) {
  const caller = await principal();
  const at = now();
  const problem = await fireProblem(caller, command, at);
  return problemDetail(caller, problem, at, true);
}

/** 网格问题闭环: 随手拍 → 立案 → 派遣 → 处置 → 核查销号 → 回头看, the 台账 and 督办. */
export const main = defineFunction(
  problemContract,
  {
    reportSetup: async () => reportSetup(await principal()),
    report: async (input) => report(await principal(), input, now()),
    mine: async ({ cursor }) => mine(await principal(), cursor, now()),
    ledger: async (input) => ledgerView(await principal(), input, now()),
    exportLedger: async (input) => exportLedger(await principal(), input, now()),
    rectificationNotice: async (input) => rectificationNotice(await principal(), input),
    unitInbox: async (input) => unitInbox(await principal(), input, now()),
    gridList: async (input) => gridList(await principal(), input, now()),
    detail: async ({ problemId }) => problemDetail(await principal(), problemId, now()),
    transition: (input) => act(input),
    fix: (input) => act({ ...input, event: 'fix' }),
    verify: ({ pass, ...input }) => act({ ...input, event: pass ? 'verify_pass' : 'verify_fail' }),
    followUp: ({ relapse, ...input }) => act({ ...input, event: relapse ? 'relapse' : 'follow_up' }),
    second: (input) => act({ ...input, event: 'second' }),
    requestExtension: ({ reason, deadlineDay, ...input }) =>
      act({ ...input, event: 'request_extension', note: reason, extensionDay: deadlineDay }),
    decideExtension: ({ approve, ...input }) => act({ ...input, event: approve ? 'approve_extension' : 'refuse_extension' }),
    rate: ({ score, comment, ...input }) => act({ ...input, event: 'rate', rating: score, note: comment }),
    categories: async (input) => categoryAdmin(await principal(), input),
    saveCategory: async (input) => saveCategory(await principal(), input, now()),
    stats: async (input) => problemStats(await principal(), input, now()),
  },
  { timer: { run: () => superviseSweep(now()), failure: '督办检查失败' } },
);
