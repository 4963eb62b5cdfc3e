import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  PASSWORD,
  backendAvailable,
  startTestServer,
  testEmail,
  type TestServer,
} from '../test-support/test-server.js';
import { roleMay, TEAM_PERMISSIONS, TEAM_ROLES, type TeamPermission, type TeamRole } from './team-roles.js';

interface Call {
  procedure: string;
  kind: 'query' | 'mutation';
  permission: TeamPermission;
  /** The input for a team (the target member is a viewer made for the call). */
  input: (teamId: string, targetId: string) => Record<string, unknown>;
}

// Every team procedure of the server's router, with the permission the table gives it.
const TEAM_CALLS: Call[] = [
  { procedure: 'teams.members', kind: 'query', permission: 'team.read', input: (teamId) => ({ teamId }) },
  { procedure: 'posts.list', kind: 'query', permission: 'posts.read', input: (teamId) => ({ teamId }) },
  { procedure: 'accounts.list', kind: 'query', permission: 'accounts.read', input: (teamId) => ({ teamId }) },
  {
    procedure: 'teams.invite',
    kind: 'mutation',
    permission: 'members.invite',
    input: (teamId) => ({ teamId, role: 'viewer' }),
  },
  {
    procedure: 'teams.setRole',
    kind: 'mutation',
    permission: 'members.manage',
    input: (teamId, userId) => ({ teamId, userId, role: 'viewer' }),
  },
  {
    procedure: 'teams.removeMember',
    kind: 'mutation',
    permission: 'members.manage',
    input: (teamId, userId) => ({ teamId, userId }),
  },
  {
    procedure: 'teams.transfer',
    kind: 'mutation',
    permission: 'team.transfer',
    input: (teamId, userId) => ({ teamId, userId }),
  },
  { procedure: 'teams.delete', kind: 'mutation', permission: 'team.delete', input: (teamId) => ({ teamId }) },
];

interface Member {
  userId: string;
  token: string;
}

async function trpc(
  server: TestServer,
  call: Pick<Call, 'procedure' | 'kind'>,
  input: unknown,
  token?: string,
) {
  return call.kind === 'query'
    ? server.request(
        'GET',
        `/trpc/${call.procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
        token ? { token } : {},
      )
    : server.request('POST', `/trpc/${call.procedure}`, { body: input, ...(token ? { token } : {}) });
}

describe.each(BACKENDS)('team access on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    if (backendAvailable(backend)) server = await startTestServer(backend);
  });
  afterAll(async () => server?.stop());
  const it_ = backendAvailable(backend) ? it : it.skip;

  const register = async (who: string) => {
    const { body } = await server.request('POST', '/v1/auth/register', {
      body: { email: testEmail(who), password: PASSWORD, teamName: `${who}'s team` },
    });
    return {
      userId: body.user.id as string,
      token: body.accessToken as string,
      teamId: body.team.id as string,
    };
  };
  /** A team whose owner is `owner`, with one member of each other role, joined by invite. */
  const teamWithRoles = async (): Promise<{ teamId: string; members: Record<TeamRole, Member> }> => {
    const owner = await register('owner');
    const members: Partial<Record<TeamRole, Member>> = { owner };
    for (const role of TEAM_ROLES.filter((r) => r !== 'owner')) {
      const invite = await trpc(
        server,
        { procedure: 'teams.invite', kind: 'mutation' },
        { teamId: owner.teamId, role },
        owner.token,
      );
      const member = await register(role);
      const joined = await trpc(
        server,
        { procedure: 'teams.acceptInvite', kind: 'mutation' },
        { token: invite.body.result.data.token },
        member.token,
      );
      expect(joined.body.result.data).toMatchObject({ id: owner.teamId, role });
      members[role] = member;
    }
    return { teamId: owner.teamId, members: members as Record<TeamRole, Member> };
  };
  const addViewer = async (teamId: string, by: Member) => {
    const invite = await trpc(
      server,
      { procedure: 'teams.invite', kind: 'mutation' },
      { teamId, role: 'viewer' },
      by.token,
    );
    const viewer = await register('target');
    await trpc(
      server,
      { procedure: 'teams.acceptInvite', kind: 'mutation' },
      { token: invite.body.result.data.token },
      viewer.token,
    );
    return viewer;
  };

  it_('every team procedure × every role of another team: 404, nothing told or changed', async () => {
    const ours = await teamWithRoles();
    const foreign = await teamWithRoles();
    const target = await addViewer(foreign.teamId, foreign.members.owner);
    for (const call of TEAM_CALLS) {
      for (const role of TEAM_ROLES) {
        const answer = await trpc(
          server,
          call,
          call.input(foreign.teamId, target.userId),
          ours.members[role].token,
        );
        expect([call.procedure, role, answer.status, answer.body.error?.data?.kirinukiCode]).toEqual([
          call.procedure,
          role,
          404,
          'NOT_FOUND',
        ]);
      }
    }
    const members = await trpc(
      server,
      TEAM_CALLS[0]!,
      { teamId: foreign.teamId },
      foreign.members.owner.token,
    );
    expect(members.body.result.data).toHaveLength(5);
  });

  it_(
    'every team procedure × every role of its own team: allowed exactly as the permission table says',
    async () => {
      for (const call of TEAM_CALLS) {
        for (const role of TEAM_ROLES) {
          const team = await teamWithRoles();
          const target = await addViewer(team.teamId, team.members.owner);
          const answer = await trpc(
            server,
            call,
            call.input(team.teamId, target.userId),
            team.members[role].token,
          );
          const allowed = roleMay(role, call.permission);
          expect([call.procedure, role, answer.status, answer.body.error?.data?.kirinukiCode]).toEqual([
            call.procedure,
            role,
            allowed ? 200 : 403,
            allowed ? undefined : 'FORBIDDEN',
          ]);
        }
      }
      expect(
        Object.keys(TEAM_PERMISSIONS).filter((p) => !TEAM_CALLS.some((c) => c.permission === p)),
      ).toEqual(['posts.write', 'accounts.connect']);
    },
    120_000,
  );

  it_('needs a bearer token; teams.list shows only the caller’s teams', async () => {
    const anna = await register('anna');
    const ben = await register('ben');
    const anon = await trpc(server, { procedure: 'teams.list', kind: 'query' }, undefined);
    expect([anon.status, anon.body.error.data.kirinukiCode]).toEqual([401, 'UNAUTHENTICATED']);
    const list = await trpc(server, { procedure: 'teams.list', kind: 'query' }, undefined, anna.token);
    expect(list.body.result.data).toEqual([{ id: anna.teamId, name: "anna's team", role: 'owner' }]);
    expect(list.body.result.data.map((t: { id: string }) => t.id)).not.toContain(ben.teamId);
  });

  it_('an invite joins once, within 7 days; an admin cannot change the owner', async () => {
    const team = await teamWithRoles();
    const invite = (
      await trpc(
        server,
        { procedure: 'teams.invite', kind: 'mutation' },
        { teamId: team.teamId, role: 'editor' },
        team.members.admin.token,
      )
    ).body.result.data;
    const accept = (token: string) =>
      trpc(server, { procedure: 'teams.acceptInvite', kind: 'mutation' }, { token: invite.token }, token);
    expect((await accept((await register('first')).token)).status).toBe(200);
    const second = await accept((await register('second')).token);
    expect([second.status, second.body.error.data.kirinukiCode]).toEqual([404, 'INVITE_INVALID']);

    const late = (
      await trpc(
        server,
        { procedure: 'teams.invite', kind: 'mutation' },
        { teamId: team.teamId, role: 'viewer' },
        team.members.owner.token,
      )
    ).body.result.data;
    server.clock.now += 7 * 86_400_000 + 1;
    try {
      const fresh = await register('late');
      const tooLate = await trpc(
        server,
        { procedure: 'teams.acceptInvite', kind: 'mutation' },
        { token: late.token },
        fresh.token,
      );
      expect(tooLate.body.error.data.kirinukiCode).toBe('INVITE_INVALID');
    } finally {
      server.clock.now = Date.now();
    }
    const demote = await trpc(
      server,
      { procedure: 'teams.setRole', kind: 'mutation' },
      { teamId: team.teamId, userId: team.members.owner.userId, role: 'viewer' },
      team.members.admin.token,
    );
    expect(demote.body.error.data.kirinukiCode).toBe('LAST_OWNER');
    const owners = await trpc(
      server,
      { procedure: 'teams.invite', kind: 'mutation' },
      { teamId: team.teamId, role: 'owner' },
      team.members.owner.token,
    );
    expect([owners.status, owners.body.error.data.kirinukiCode]).toEqual([400, 'INVALID_REQUEST']);
  });

  it_('a hand-over makes the new owner and leaves the old one an admin', async () => {
    const team = await teamWithRoles();
    const handed = await trpc(
      server,
      { procedure: 'teams.transfer', kind: 'mutation' },
      { teamId: team.teamId, userId: team.members.editor.userId },
      team.members.owner.token,
    );
    expect(handed.status).toBe(200);
    const members = (await trpc(server, TEAM_CALLS[0]!, { teamId: team.teamId }, team.members.viewer.token))
      .body.result.data;
    const roleOf = (id: string) => members.find((m: { userId: string }) => m.userId === id).role;
    expect([roleOf(team.members.editor.userId), roleOf(team.members.owner.userId)]).toEqual([
      'owner',
      'admin',
    ]);
  });
});
