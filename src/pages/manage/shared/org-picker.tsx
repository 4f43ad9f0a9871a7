import { Text, View } from '@tarojs/components';
import type { OrgUnitKind } from '@/domain/org/org.types';
import type { OrgTreeNode } from '@/domain/org/org-tree';
import { kindLabel, OrgOutline } from './org-outline';

const DEPTH: Record<OrgUnitKind, number> = { subdistrict: 0, community: 1, estate: 2, building: 3 };

export interface OrgPickerProps {
  roots: readonly OrgTreeNode[];
  /** The kinds that can be picked; deeper kinds are not listed. */
  kinds: readonly OrgUnitKind[];
  picked: ReadonlySet<string>;
  onToggle: (node: OrgTreeNode) => void;
  /** Round marks for a single choice, square ticks for several. */
  single?: boolean;
}

/** Pick org nodes of some kinds from the tree (the service area of a team, the scope of an invitation). */
export function OrgPicker({ roots, kinds, picked, onToggle, single }: OrgPickerProps) {
  const deepest = Math.max(...kinds.map((k) => DEPTH[k]));
  return (
    <OrgOutline
      roots={roots}
      // Only the top opens at first: a whole 社区 is the usual pick; ▸ shows its 小区.
      startsOpen={(n) => roots.some((r) => r._id === n._id)}
      shows={(n) => DEPTH[n.kind] <= deepest}
      renderRow={(n) => {
        const pickable = kinds.includes(n.kind);
        const on = picked.has(n._id);
        return (
          <View className={`opick${pickable ? '' : ' opick--off'}`} onClick={() => pickable && onToggle(n)}>
            {pickable ? (
              <View className={`opick__mark${single ? ' opick__mark--round' : ''}${on ? ' opick__mark--on' : ''}`}>
                <Text className="opick__tick">{on ? '✓' : ''}</Text>
              </View>
            ) : null}
            <Text className="opick__name">{n.name}</Text>
            <Text className="opick__kind">{kindLabel(n)}</Text>
          </View>
        );
      }}
    />
  );
}
