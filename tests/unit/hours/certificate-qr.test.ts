import { verifyQrText } from '../../../server/hours/certificate-pdf';
import { ENV_VARIABLES, loadConfig } from '../../../server/kit/config';

const fullEnv = (): Record<string, string> =>
  Object.fromEntries(ENV_VARIABLES.filter((v) => v.required).map((v) => [v.name, `value-of-${v.name}`]));

describe("the certificate's QR code", () => {
  it('opens the verification page with the number and code when CERTIFICATE_VERIFY_URL is set', () => {
    const page = 'https://wenming.example.gov.cn/h5/#/pages/activity/verify/index';
    expect(verifyQrText('ZYZM20261201ABC123', 'K7M2P9QX', page)).toBe(`${page}?number=ZYZM20261201ABC123&code=K7M2P9QX`);
    expect(verifyQrText('ZYZM20261201ABC123', 'K7M2P9QX', 'https://wenming.example.gov.cn/v?from=pdf')).toBe(
      'https://wenming.example.gov.cn/v?from=pdf&number=ZYZM20261201ABC123&code=K7M2P9QX',
    );
  });

  it('holds the number and code as readable text without one', () => {
    expect(verifyQrText('ZYZM20261201ABC123', 'K7M2P9QX', undefined)).toBe(
      '志愿服务记录证明 证明编号：ZYZM20261201ABC123 核验码：K7M2P9QX',
    );
  });

  it('CERTIFICATE_VERIFY_URL is optional for the activity function and read trimmed', () => {
    expect(loadConfig('activity', fullEnv()).certificateVerifyUrl).toBeUndefined();
    expect(loadConfig('activity', { ...fullEnv(), CERTIFICATE_VERIFY_URL: ' https://v.example/verify ' }).certificateVerifyUrl).toBe(
      'https://v.example/verify',
    );
    expect(ENV_VARIABLES.find((v) => v.name === 'CERTIFICATE_VERIFY_URL')).toMatchObject({ functions: ['activity'], required: false });
  });
});
