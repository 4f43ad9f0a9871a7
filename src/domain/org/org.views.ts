/**
 * What the org function answers: the one contract server/org builds and the 管理 screens read
 * (pure types, so both sides import the same definitions instead of copying them).
 */

import type { OrgUnitKind } from './org.types';
import type { GroupSummary, OrgTreeNode } from './org-tree';

export type { GroupSummary, OrgTreeNode };

/** `tree`: the org tree under each of the caller's staff scopes. */
export interface OrgTree {
  roots: OrgTreeNode[];
}

/** `addUnit`: the estate or building added (or the one an earlier attempt of the request added). */
export interface AddedOrgUnit {
  _id: string;
  kind: OrgUnitKind;
  name: string;
  parentId: string;
}

/** `renameUnit` */
export interface RenamedOrgUnit {
  _id: string;
  name: string;
}
