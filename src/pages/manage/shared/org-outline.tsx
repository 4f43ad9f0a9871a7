import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useState } from 'react';
import { ORG_UNIT_KIND_LABELS } from '@/domain/org/org.types';
import type { OrgTreeNode } from '@/domain/org/org-tree';
import './outline.scss';

export interface OrgOutlineProps {
  roots: readonly OrgTreeNode[];
  /** The row's content after the ▸ toggle (name, actions, an inline editor …). */
  renderRow: (node: OrgTreeNode) => ReactNode;
  /** Shown under an open row before its children (e.g. a building's groups). */
  renderBody?: (node: OrgTreeNode) => ReactNode;
  hasBody?: (node: OrgTreeNode) => boolean;
  /** Which nodes are listed at all (e.g. a picker of 社区 / 小区 leaves the 楼栋 out). */
  shows?: (node: OrgTreeNode) => boolean;
  /** Which nodes start open: by default the 街道 and 社区, so the 小区 show at once. */
  startsOpen?: (node: OrgTreeNode) => boolean;
}

const openByDefault = (n: OrgTreeNode) => n.kind === 'subdistrict' || n.kind === 'community';

/** A short label of a node: name and kind, e.g. 天府花园 · 小区. */
export const kindLabel = (n: Pick<OrgTreeNode, 'kind'>) => ORG_UNIT_KIND_LABELS[n.kind];

function Branch({ node, depth, props }: { node: OrgTreeNode; depth: number; props: OrgOutlineProps }) {
  const { renderRow, renderBody, hasBody, shows, startsOpen = openByDefault } = props;
  const [open, setOpen] = useState(() => startsOpen(node));
  const children = shows ? node.children.filter(shows) : node.children;
  const expandable = children.length > 0 || Boolean(hasBody?.(node));
  return (
    <View className="outline__node">
      <View className={`outline__row outline__row--${node.kind}`} style={{ paddingLeft: Taro.pxTransform(depth * 32) }}>
        <View className="outline__toggle" onClick={() => expandable && setOpen(!open)}>
          <Text className="outline__toggle-mark">{expandable ? (open ? '▾' : '▸') : ''}</Text>
        </View>
        <View className="outline__content">{renderRow(node)}</View>
      </View>
      {open && expandable ? (
        <View className="outline__children">
          {hasBody?.(node) ? (
            // Under the row's name: past the row's indent and its toggle.
            <View className="outline__body" style={{ paddingLeft: Taro.pxTransform(depth * 32 + 64) }}>
              {renderBody?.(node)}
            </View>
          ) : null}
          {children.map((c) => (
            <Branch key={c._id} node={c} depth={depth + 1} props={props} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** The org tree (社区 → 小区 → 楼栋) as a collapsible outline; the caller draws each row. */
export function OrgOutline(props: OrgOutlineProps) {
  return (
    <View className="outline">
      {props.roots.map((r) => (
        <Branch key={r._id} node={r} depth={0} props={props} />
      ))}
    </View>
  );
}

/** How many 楼栋 lie under a node (a 楼栋 counts itself). */
export function buildingsIn(node: OrgTreeNode): number {
  return node.kind === 'building' ? 1 : node.children.reduce((n, c) => n + buildingsIn(c), 0);
}

/** A node's name with its parent's (天府花园 2栋), so a 楼栋 reads unambiguously; 街道 and 社区 stand alone. */
export function placeLabel(roots: readonly OrgTreeNode[], id: string): string {
  const walk = (nodes: readonly OrgTreeNode[], parent: OrgTreeNode | null): string | null => {
    for (const n of nodes) {
      if (n._id === id) return parent && (n.kind === 'estate' || n.kind === 'building') ? `${parent.name} ${n.name}` : n.name;
      const found = walk(n.children, n);
      if (found) return found;
    }
    return null;
  };
  return walk(roots, null) ?? '';
}
