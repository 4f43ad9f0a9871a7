import { activityDetail, mySignUps, organised, roster, square } from '../../../server/activity/activity-queries';
import { attend, confirmHours, mark, organiserCode, signOutAll, sweepAttendance } from '../../../server/activity/attendance';
import { createActivity } from '../../../server/activity/publish';
import { queueReminders } from '../../../server/activity/reminders';
import { cancelSignUp, decideSignUp, signUp } from '../../../server/activity/sign-up';
import { unitStatsOf } from '../../../server/activity/unit-stats';
import { backEnter, decideHours, pendingHours } from '../../../server/hours/back-entry';
import { certificatePdf } from '../../../server/hours/certificate-pdf';
import {
  certificate,
  certificateRequests,
  issueCertificate,
  requestCertificate,
  verifyCertificate,
} from '../../../server/hours/certificates';
import { exportHours } from '../../../server/hours/hours-export';
import { myRecord } from '../../../server/hours/hours-record';
import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { activityContract } from '../../../src/contracts/activity.contract';

const principal = () => loadPrincipal(requireActor());

/** 志愿活动 and the hours ledger: publish, square, sign-up / 候补, the rotating code, attendance, confirming hours, my record, certificates. */
export const main = defineFunction(
  activityContract,
  {
    create: async (input) => createActivity(await principal(), input, now()),
    square: async (input) => square(input, now()),
    detail: async (input) => activityDetail(await principal(), input, now()),
    signUp: async (input) => signUp(await principal(), input, now()),
    cancel: async (input) => cancelSignUp(await principal(), input, now()),
    mySignUps: async () => mySignUps(await principal(), now()),
    organised: async () => organised(await principal(), now()),
    roster: async (input) => roster(await principal(), input),
    code: async (input) => organiserCode(await principal(), input, now()),
    attend: async (input) => attend(await principal(), input, now()),
    decideSignUp: async (input) => decideSignUp(await principal(), input, now()),
    mark: async (input) => mark(await principal(), input, now()),
    signOutAll: async (input) => signOutAll(await principal(), input, now()),
    confirmHours: async (input) => confirmHours(await principal(), input, now()),
    backEnter: async (input) => backEnter(await principal(), input, now()),
    pendingHours: async () => pendingHours(await principal()),
    decideHours: async (input) => decideHours(await principal(), input, now()),
    myRecord: async () => myRecord(await principal(), now()),
    requestCertificate: async (input) => requestCertificate(await principal(), input, now()),
    certificateRequests: async () => certificateRequests(await principal()),
    issueCertificate: async (input) => issueCertificate(await principal(), input, now()),
    certificate: async (input) => certificate(await principal(), input),
    // Public: anyone holding a certificate's number and code may check it.
    verify: async (input) => verifyCertificate(input),
    certificatePdf: async (input) => certificatePdf(await principal(), input, now()),
    exportHours: async (input) => exportHours(await principal(), input, now()),
    unitStats: async (input) => unitStatsOf(await principal(), input),
  },
  {
    timer: {
      run: async () => ({ ...(await sweepAttendance(now())), reminders: await queueReminders(now()) }),
      failure: '自动签退或活动提醒失败',
    },
  },
);
