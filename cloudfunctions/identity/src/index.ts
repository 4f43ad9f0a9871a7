import { approveBindings, decideBinding, listBindingRequests, myBinding, requestBinding } from '../../../server/identity/binding';
import { listBuildingResidents, listBuildings } from '../../../server/identity/building-directory';
import { home } from '../../../server/identity/home';
import { invitationsView, issueInvitation, redeemInvitation, revokeInvitation } from '../../../server/identity/invitation';
import { bindingPage, mine, proxySetup } from '../../../server/identity/screens';
import { whoami } from '../../../server/identity/whoami.query';
import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { uploadKeyOf } from '../../../server/kit/uploads';
import { identityContract } from '../../../src/contracts/identity.contract';

const principal = async () => loadPrincipal(requireActor());

/** Who the caller is and where they belong. The caller always comes from the WeChat context. */
export const main = defineFunction(identityContract, {
  whoami: () => whoami(requireActor()),
  uploadKey: async () => ({ uploadKey: uploadKeyOf(requireActor().openid) }),
  home: (input) => home(requireActor(), input, now()),
  myBinding: () => myBinding(requireActor()),
  requestBinding: (input) => requestBinding(requireActor(), input, now()),
  listBuildings: () => listBuildings(),
  listBuildingResidents: async (input) => listBuildingResidents(await principal(), input),
  listBindingRequests: async () => listBindingRequests(await principal()),
  issueInvitation: async (input) => issueInvitation(await principal(), input, now()),
  redeemInvitation: (input) => redeemInvitation(requireActor(), input, now()),
  decideBinding: async (input) => decideBinding(await principal(), input, now()),
  approveBindings: async (input) => approveBindings(await principal(), input, now()),
  invitations: () => invitationsView(requireActor(), now()),
  revokeInvitation: async (input) => revokeInvitation(await principal(), input, now()),
  mine: () => mine(requireActor()),
  bindingPage: () => bindingPage(requireActor()),
  proxySetup: (input) => proxySetup(requireActor(), input),
});
