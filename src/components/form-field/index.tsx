import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ComponentProps, ReactNode } from 'react';
import './index.scss';

export interface FormFieldProps {
  label: string;
  required?: boolean;
  /** Shown in red under the control; also marks the field. */
  error?: string;
  /** Grey help text under the control (hidden while there is an error). */
  hint?: string;
  /** Label above the control (default) or to its left for short controls. */
  inline?: boolean;
  children?: ReactNode;
}

/** A labelled form row with an error line. Put Input / Textarea / Picker inside. */
export function FormField({ label, required, error, hint, inline, children }: FormFieldProps) {
  return (
    <View className={`form-field${inline ? ' form-field--inline' : ''}${error ? ' form-field--error' : ''}`}>
      <View className="form-field__row">
        <Text className="form-field__label">
          {label}
          {required ? <Text className="form-field__required"> *</Text> : null}
        </Text>
        <View className="form-field__control">{children}</View>
      </View>
      {error ? <Text className="form-field__error">{error}</Text> : hint ? <Text className="form-field__hint">{hint}</Text> : null}
    </View>
  );
}

/**
 * After a refused submit: scrolls the page so the first field marked with an error (FormField's
 * `error`) is in view, a little below the top. `scope` is the page's root class (the browser build
 * keeps earlier pages in the document). Runs after the render that marks the fields.
 */
export function scrollToFirstError(scope: string): void {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: `.${scope} .form-field--error`, offsetTop: -24, duration: 300 }).catch(() => undefined);
  }, 50);
}

type Typed<P> = Omit<P, 'className' | 'placeholderClass' | 'onInput'> & {
  /** The text as the person types it. */
  onChange: (value: string) => void;
};

/** The one-line text box of a FormField, styled by the form kit (normal and 适老化 sizes). */
export function FieldInput({ onChange, ...rest }: Typed<ComponentProps<typeof Input>>) {
  return (
    <Input {...rest} className="form-field__input" placeholderClass="form-field__placeholder" onInput={(e) => onChange(e.detail.value)} />
  );
}

/** The multi-line text box of a FormField (fills the field, no resize handle; see index.scss). */
export function FieldTextarea({ onChange, ...rest }: Typed<ComponentProps<typeof Textarea>>) {
  return (
    <Textarea
      {...rest}
      className="form-field__textarea"
      placeholderClass="form-field__placeholder"
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}
