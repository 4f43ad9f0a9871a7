import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/services/cloud';
import './index.scss';

export interface ConfirmOptions {
  title: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
}

export interface AsyncButtonProps {
  /** Runs on tap; the button is disabled and reads 加载中… until the promise settles. */
  onClick: () => Promise<unknown> | unknown;
  children: ReactNode;
  /** primary = red filled, default = white outlined, warn = red outlined (destructive). */
  type?: 'primary' | 'default' | 'warn';
  size?: 'normal' | 'small';
  disabled?: boolean;
  /** Ask first (Taro.showModal); use for destructive actions. A string is the modal's title. */
  confirm?: ConfirmOptions | string;
  /** Toast shown after success. */
  successToast?: string;
  /** Called with the error after the failure toast (the server's message) was shown. */
  onError?: (err: unknown) => void;
  className?: string;
}

/** A button for one async action: no double taps, server message in a toast on failure. */
export function AsyncButton({
  onClick,
  children,
  type = 'primary',
  size = 'normal',
  disabled,
  confirm,
  successToast,
  onError,
  className,
}: AsyncButtonProps) {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const run = async () => {
    if (running.current || disabled) return;
    if (confirm) {
      const options = typeof confirm === 'string' ? { title: confirm } : confirm;
      const answer = await Taro.showModal({
        title: options.title,
        content: options.content ?? '',
        confirmText: options.confirmText ?? '确定',
        cancelText: options.cancelText ?? '取消',
        confirmColor: '#c8161d',
      });
      if (!answer.confirm) return;
    }
    running.current = true;
    setBusy(true);
    try {
      await onClick();
      if (successToast) void Taro.showToast({ title: successToast, icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 });
      onError?.(err);
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  };

  const classes = ['async-button', `async-button--${type}`, `async-button--${size}`, className ?? ''].filter(Boolean).join(' ');
  return (
    // Never disabled={false}: Taro's H5 button reflects it as the attribute disabled="false", which [disabled] styles match.
    <Button className={classes} disabled={busy || disabled ? true : undefined} onClick={() => void run()}>
      {busy ? '加载中…' : children}
    </Button>
  );
}
