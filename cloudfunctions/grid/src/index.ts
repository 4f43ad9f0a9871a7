import { knock, knockBuilding, knockHome, opinionToProblem } from '../../../server/grid/knock';
import { patrols, patrolToday, savePatrol } from '../../../server/grid/patrol';
import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { gridContract } from '../../../src/contracts/grid.contract';

const principal = () => loadPrincipal(requireActor());

/** 网格: 巡查日志 (one per person per day, staff see who patrolled where) and 敲门行动 (visits per household, 入户率, opinion → 问题上报). */
export const main = defineFunction(gridContract, {
  patrolToday: async () => patrolToday(await principal(), now()),
  savePatrol: async (input) => savePatrol(await principal(), input, now()),
  patrols: async (input) => patrols(await principal(), input, now()),
  knockHome: async () => knockHome(await principal()),
  knockBuilding: async (input) => knockBuilding(requireActor(), input),
  knock: async (input) => knock(requireActor(), input, now()),
  opinionToProblem: async (input) => opinionToProblem(requireActor(), input),
});
