import { MOBILE_PHONE } from '@/domain/identity/pii-masking';
import { AVAILABILITY_MAX, REAL_NAME_MAX, REAL_NAME_MIN } from '@/domain/team/volunteer.rules';

export interface RegistrationValues {
  realName: string;
  phone: string;
  availability: string;
}

export type RegistrationErrors = Partial<Record<keyof RegistrationValues, string>>;

const chars = (s: string) => [...s.trim()].length;

/** The same limits the team function applies, checked first so the message shows at the field. */
export function validateRegistration(v: RegistrationValues): RegistrationErrors {
  const errors: RegistrationErrors = {};
  const name = chars(v.realName);
  if (name === 0) errors.realName = '请填写真实姓名';
  else if (name < REAL_NAME_MIN) errors.realName = `姓名至少 ${REAL_NAME_MIN} 个字`;
  else if (name > REAL_NAME_MAX) errors.realName = `姓名最多 ${REAL_NAME_MAX} 个字`;
  const phone = v.phone.trim();
  if (!phone) errors.phone = '请填写手机号';
  else if (!MOBILE_PHONE.test(phone)) errors.phone = '请填写 11 位手机号';
  if (chars(v.availability) > AVAILABILITY_MAX) errors.availability = `服务时间最多 ${AVAILABILITY_MAX} 个字`;
  return errors;
}
