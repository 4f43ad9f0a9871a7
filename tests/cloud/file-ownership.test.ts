import { withTestCloud } from '../support/local-cloud-harness';
import { uploadPhotoAs } from '../support/uploads';
import { announceClient, STATION_C1, STATION_C2 } from './announce-support';

/**
 * Attached files must be the caller's own uploads in this environment, under the expected
 * folder, and exist: the checks a pattern cannot make.
 */
describe('file ownership of attachments', () => {
  const env = withTestCloud(announceClient);
  const draft = (coverFileId: string, who = STATION_C1) =>
    env.api.call(
      { action: 'create', title: '封面测试', body: '正文', category: '温馨提示', targets: ['org-community-01'], coverFileId },
      who,
    );

  it('an announcement cover: the author’s own upload passes; anything else is refused and nothing is stored', async () => {
    const own = await uploadPhotoAs(env.cloud, STATION_C1, 'announce/covers');
    expect(await draft(own)).toMatchObject({ ok: true });

    const before = env.cloud.store.count('announcements', {});
    const colleagues = await uploadPhotoAs(env.cloud, STATION_C2, 'announce/covers');
    const ownPath = own.slice(own.indexOf('/', 'cloud://'.length) + 1);
    const prefix = own.slice(0, own.length - ownPath.length);
    const keyFolder = ownPath.split('/').slice(0, -1).join('/');
    const wrongFolder = await uploadPhotoAs(env.cloud, STATION_C1, 'orders/req-x');
    const refused = [
      colleagues,
      `${prefix}${keyFolder}/never-uploaded.png`,
      own.replace(`cloud://${env.cloud.envName}.`, 'cloud://other-env.'),
      `${prefix}${keyFolder}/../../../${colleagues.slice(prefix.length)}`,
      `${prefix}announce/covers/../${keyFolder.split('/').pop()}/x.png`,
      wrongFolder,
    ];
    for (const f of refused) {
      const answer = await draft(f);
      expect({ f, answer }).toMatchObject({ f, answer: { ok: false, code: 'INPUT.INVALID', message: expect.stringMatching(/^封面/) } });
    }
    expect(env.cloud.store.count('announcements', {})).toBe(before);
  });

  it('a draft keeps the cover it already has (a colleague’s) when it is saved unchanged', async () => {
    const cover = await uploadPhotoAs(env.cloud, STATION_C1, 'announce/covers');
    const made = await env.api.must(
      { action: 'create', title: '封面测试', body: '正文', category: '温馨提示', targets: ['org-community-01'], coverFileId: cover },
      STATION_C1,
    );
    const stored = env.cloud.store.findById('announcements', made.id) as { updatedAt: number };
    // The author edits their own draft again with the same cover: no re-upload needed.
    const saved = await env.api.call(
      {
        action: 'update',
        id: made.id,
        version: stored.updatedAt,
        title: '封面测试（改）',
        body: '正文',
        category: '温馨提示',
        targets: ['org-community-01'],
        coverFileId: cover,
      },
      STATION_C1,
    );
    expect(saved).toMatchObject({ ok: true });
  });
});
