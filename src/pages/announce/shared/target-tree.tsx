import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OrgTreeNode } from '@/domain/org/org.views';

const KIND_LABEL: Record<string, string> = { subdistrict: '街道', community: '社区', estate: '小区', building: '楼栋' };

/** Count of buildings under a node (a building counts itself). */
export function buildingCount(node: OrgTreeNode): number {
  if (node.kind === 'building') return 1;
  return (node.children ?? []).reduce((n, c) => n + buildingCount(c), 0);
}

/** The picked ids with every id under a picked ancestor dropped (the server expands them anyway). */
export function topmostPicked(roots: OrgTreeNode[], picked: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (n: OrgTreeNode) => {
    if (picked.has(n._id)) out.push(n._id);
    else for (const c of n.children ?? []) walk(c);
  };
  for (const r of roots) walk(r);
  return out;
}

interface RowProps {
  node: OrgTreeNode;
  depth: number;
  picked: ReadonlySet<string>;
  covered: boolean;
  onToggle: (id: string) => void;
}

function Row({ node, depth, picked, covered, onToggle }: RowProps) {
  // Communities and above start open; 小区 open on tap of ▸ to show their 楼栋.
  const [open, setOpen] = useState(node.kind === 'subdistrict' || node.kind === 'community');
  const checked = covered || picked.has(node._id);
  const children = node.children ?? [];
  const count = buildingCount(node);
  return (
    <View className="ttree__node">
      <View className={`ttree__row${covered ? ' ttree__row--covered' : ''}`} style={{ paddingLeft: `${depth * 20}px` }}>
        <View
          className="ttree__pick"
          onClick={() => {
            if (!covered) onToggle(node._id);
          }}
        >
          <View className={`ttree__box${checked ? ' ttree__box--checked' : ''}`}>
            <Text className="ttree__tick">{checked ? '✓' : ''}</Text>
          </View>
          <Text className="ttree__name">{node.name}</Text>
          <Text className="ttree__kind">
            {KIND_LABEL[node.kind] ?? ''}
            {node.kind === 'building' ? '' : ` · ${count} 栋`}
          </Text>
        </View>
        {children.length > 0 ? (
          <Text className="ttree__toggle" onClick={() => setOpen(!open)}>
            {open ? '收起' : '展开'}
          </Text>
        ) : null}
      </View>
      {open
        ? children.map((c) => <Row key={c._id} node={c} depth={depth + 1} picked={picked} covered={checked} onToggle={onToggle} />)
        : null}
    </View>
  );
}

/** Checkbox tree over the org tree: pick whole 社区, some 小区, or single 楼栋. */
export function TargetTree({
  roots,
  picked,
  onToggle,
}: {
  roots: OrgTreeNode[];
  picked: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  return (
    <View className="ttree">
      {roots.map((r) => (
        <Row key={r._id} node={r} depth={0} picked={picked} covered={false} onToggle={onToggle} />
      ))}
    </View>
  );
}
