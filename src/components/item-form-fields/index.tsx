import { Input, Text, View } from '@tarojs/components';
import type { ItemFormField } from '@/domain/catalog/item-form';
import { FormField } from '../form-field';
import './index.scss';

export interface ItemFormFieldsProps {
  form: readonly ItemFormField[];
  /** Answers by field key, as typed (numbers too are text until sent). */
  values: Readonly<Record<string, string>>;
  onChange: (key: string, value: string) => void;
  /** Error per field key. */
  errors?: Readonly<Record<string, string>>;
}

/**
 * A text answer's limit, shown as it fills (the input stops at the limit, which must not happen
 * unseen): "12/30 字", and at the limit "已到 30 字上限" beside the item's own hint.
 */
export function lengthHint(own: string | undefined, value: string, max: number): string {
  const used = [...value].length;
  const count = used >= max ? `已到 ${max} 字上限` : `${used}/${max} 字`;
  return own ? `${own}（${count}）` : count;
}

/**
 * 点单附加项: the questions an item asks (text, number with unit, or a choice as large chips),
 * rendered with FormField so they look like the rest of the order form.
 */
export function ItemFormFields({ form, values, onChange, errors = {} }: ItemFormFieldsProps) {
  return (
    <>
      {form.map((f) => {
        const value = values[f.key] ?? '';
        const hint =
          f.type === 'text'
            ? lengthHint(f.hint, value, f.maxLength)
            : (f.hint ?? (f.type === 'number' ? `${f.min}–${f.max}${f.unit ?? ''}` : undefined));
        return (
          <FormField key={f.key} label={f.label} required={f.required} error={errors[f.key]} hint={hint}>
            {f.type === 'choice' ? (
              <View className="item-form__choices">
                {f.options.map((o) => (
                  <View
                    key={o}
                    className={`item-form__choice${value === o ? ' item-form__choice--on' : ''}`}
                    // Tapping the chosen option again clears an optional answer.
                    onClick={() => onChange(f.key, value === o && !f.required ? '' : o)}
                  >
                    <Text>{o}</Text>
                  </View>
                ))}
              </View>
            ) : (
              <View className="item-form__input-row">
                <Input
                  className="form-field__input item-form__input"
                  type={f.type === 'number' ? 'number' : 'text'}
                  value={value}
                  maxlength={f.type === 'text' ? f.maxLength : 6}
                  placeholder={f.type === 'text' ? (f.placeholder ?? '请填写') : '请填写数字'}
                  placeholderClass="form-field__placeholder"
                  onInput={(e) => onChange(f.key, e.detail.value)}
                />
                {f.type === 'number' && f.unit ? <Text className="item-form__unit">{f.unit}</Text> : null}
              </View>
            )}
          </FormField>
        );
      })}
    </>
  );
}
