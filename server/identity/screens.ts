/**
 * The identity screens in one call each (issue #17), composed from the use cases their smaller
 * actions run: 我的, 绑定楼栋 and 代点单's setup.
 */
import type { BindingPageView, MineView, ProxySetupView } from '../../src/domain/order/screen.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { listServiceMenu } from '../catalog/service-menu.query';
import type { Actor } from '../kit/actor';
import { bindingStateOf, myBinding } from './binding';
import { listBuildingResidents, listBuildings } from './building-directory';
import { readCaller } from './caller';
import { whoamiOf } from './whoami.query';

/** 我的: who the caller is and their building binding. */
export async function mine(actor: Actor): Promise<MineView> {
  const caller = await readCaller(actor);
  return { me: whoamiOf(caller), binding: await bindingStateOf(caller) };
}

/** 绑定楼栋: the caller's binding and the building directory. */
export async function bindingPage(actor: Actor): Promise<BindingPageView> {
  const [binding, buildings] = await Promise.all([myBinding(actor), listBuildings()]);
  return { binding, buildings };
}

/** 代点单: the buildings the caller heads, the residents of `buildingId` (default the first), the service menu. */
export async function proxySetup(actor: Actor, input: { buildingId?: string }): Promise<ProxySetupView> {
  const [caller, menu] = await Promise.all([readCaller(actor), listServiceMenu()]);
  const { principal } = caller;
  const me = whoamiOf(caller);
  const buildings = me.roles.filter((r) => r.role === 'building_head').map(({ scopeId, scopeName }) => ({ scopeId, scopeName }));
  if (input.buildingId && !buildings.some((b) => b.scopeId === input.buildingId)) {
    throw new DomainError(ErrorCode.OutOfScope, '只能为自己负责的楼栋代点单');
  }
  const buildingId = input.buildingId ?? buildings[0]?.scopeId ?? null;
  const residents = buildingId ? await listBuildingResidents(principal, { buildingId }) : [];
  return { buildings, buildingId, residents, categories: menu.categories };
}
