import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { formatDateTime } from '@/components/timeline';
import './decision.scss';

export interface DecisionCardProps {
  /** Who asks (a masked name). */
  who: string;
  /** When they asked. */
  at: number;
  /** What they ask: the facts the decision rests on (Fact lines). */
  children: ReactNode;
  approveText: string;
  rejectText: string;
  /** Asked before approving (omit to approve at once). */
  approveConfirm?: string;
  rejectConfirm: string;
  notePlaceholder: string;
  /** The person who asked sees the note when rejected, so a rejection needs one: this says so. */
  noteRequiredToReject: string;
  noteMax: number;
  onDecide: (approve: boolean, note: string) => Promise<unknown>;
  /** With it the card can be picked for a batch decision (批量通过): a check box before the name. */
  select?: { checked: boolean; onToggle: () => void };
}

/** One pending request (志愿者注册, 住户绑定) with a note and the two decisions. */
export function DecisionCard(props: DecisionCardProps) {
  const [note, setNote] = useState('');
  // Without the required note there is nothing to confirm yet: say what is missing instead.
  const missingNote = !note.trim();
  const reject = async () => {
    if (missingNote) {
      void Taro.showToast({ title: props.noteRequiredToReject, icon: 'none' });
      return;
    }
    await props.onDecide(false, note.trim());
  };
  return (
    <View className="card decision">
      <View className="decision__head">
        {props.select ? (
          <View className={`decision__check${props.select.checked ? ' decision__check--on' : ''}`} onClick={props.select.onToggle}>
            <Text className="decision__check-box">{props.select.checked ? '✓' : ''}</Text>
          </View>
        ) : null}
        <Text className="decision__who">{props.who}</Text>
        <Text className="decision__at">{formatDateTime(props.at)} 申请</Text>
      </View>
      <View className="decision__facts">{props.children}</View>
      <Input
        className="form-field__input decision__note"
        placeholder={props.notePlaceholder}
        placeholderClass="form-field__placeholder"
        maxlength={props.noteMax}
        value={note}
        onInput={(e) => setNote(e.detail.value)}
      />
      <View className="decision__actions">
        <AsyncButton
          className="decision__button"
          type="warn"
          size="small"
          onClick={reject}
          confirm={missingNote ? undefined : props.rejectConfirm}
        >
          {props.rejectText}
        </AsyncButton>
        <AsyncButton
          className="decision__button"
          size="small"
          onClick={() => props.onDecide(true, note.trim())}
          confirm={props.approveConfirm}
        >
          {props.approveText}
        </AsyncButton>
      </View>
    </View>
  );
}

/** A label / value line inside a DecisionCard. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="decision__fact">
      <Text className="decision__label">{label}</Text>
      <Text className="decision__value">{children}</Text>
    </View>
  );
}
