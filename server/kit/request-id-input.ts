import { z } from 'zod';
import { REQUEST_ID, REQUEST_ID_MAX, REQUEST_ID_MIN } from '../../src/domain/shared/request-id';

/** A create action's client request id (see src/domain/shared/request-id.ts), checked the same everywhere. */
export const requestIdInput = z
  .string()
  .min(REQUEST_ID_MIN, `requestId 至少 ${REQUEST_ID_MIN} 位`)
  .max(REQUEST_ID_MAX, `requestId 最多 ${REQUEST_ID_MAX} 位`)
  .regex(REQUEST_ID, 'requestId 只能包含字母、数字、- 和 _');
