import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FormField } from '@/components/form-field';
import { activityFn } from '@/contracts';
import type { VerifyAnswer } from '@/domain/activity/activity.views';
import { CERTIFICATE_NUMBER, VERIFY_CODE } from '@/domain/hours/hours.rules';
import { callCloud } from '@/services/cloud';
import { CertificateBody } from '../shared/certificate-body';
import '../shared/activity.scss';

/** 志愿服务记录证明查验 (`?number=&code=` optional): anyone enters a certificate's number and 核验码 and sees exactly what it certified. */
export default function VerifyPage() {
  const params = useRouter().params;
  const [number, setNumber] = useState(params.number ?? '');
  const [code, setCode] = useState(params.code ?? '');
  const [answer, setAnswer] = useState<VerifyAnswer | null>(null);
  const ready = CERTIFICATE_NUMBER.test(number.trim().toUpperCase()) && VERIFY_CODE.test(code.trim().toUpperCase());
  const check = async () => setAnswer(await callCloud(activityFn, 'verify', { number, code }));
  // Opened from a certificate (or its QR) with both filled in: answer at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on open
  useEffect(() => {
    if (ready) void check().catch(() => undefined);
  }, []);
  return (
    <AppPage className="activity">
      <View className="card">
        <FormField label="证明编号" required>
          <FieldInput maxlength={18} placeholder="ZYZM 开头的 18 位编号" value={number} onChange={setNumber} />
        </FormField>
        <FormField label="核验码" required>
          <FieldInput maxlength={8} placeholder="8 位字母或数字" value={code} onChange={setCode} />
        </FormField>
        <AsyncButton disabled={!ready} onClick={check}>
          查验
        </AsyncButton>
      </View>
      {answer && !answer.found ? (
        <View className="card">
          <Text className="activity__warn">没有找到这份证明。请核对证明编号和核验码，或联系出具单位。</Text>
        </View>
      ) : null}
      {answer?.found ? (
        <>
          <View className="card">
            <Text className="section-title">查验结果：证明真实有效，内容如下</Text>
          </View>
          <CertificateBody content={answer.content} />
        </>
      ) : null}
    </AppPage>
  );
}
