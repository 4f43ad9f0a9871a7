import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { addOrgUnit, orgTree, renameOrgUnit, updateGroup } from '../../../server/org/org-tree';
import { orgContract } from '../../../src/contracts/org.contract';

const principal = async () => loadPrincipal(requireActor());

/** The organisation tree (街道 → 社区 → 小区 → 楼栋) and the buildings' WeChat groups. */
export const main = defineFunction(orgContract, {
  tree: async () => orgTree(await principal()),
  addUnit: async (input) => addOrgUnit(await principal(), input, now()),
  renameUnit: async (input) => renameOrgUnit(await principal(), input, now()),
  updateGroup: async (input) => updateGroup(await principal(), input, now()),
});
