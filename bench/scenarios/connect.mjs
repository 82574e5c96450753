// Scenario 5: 200 clients arrive at once (on every target; only the app signs in).
//   signIn: each signs in (POST /api/auth/login: PBKDF2 + a session row), opens the chat
//           socket with the new cookie and waits for `ready`. Time to ready from the first
//           byte of the login. On the baseline there is no sign-in: it is the same as reconnect.
//   reconnect: the same 200 with their sessions already in hand open their sockets at once,
//           as after a deploy or a network blip. Time from the upgrade request to `ready`.
// The room is the fan-out room (200 members), so each arrival also sends presence to the rest.
import { closeAll } from "../lib/sockets.mjs";
import { histogram, recordMs, summary } from "../lib/stats.mjs";

export const CLIENTS = 200;

export const connect = {
  sides: ["app", "peer", "relay", "raw"],
  open: (_ctx, side) => side.target.room("fanout", CLIENTS),
  close: async () => {},
  measure,
};

async function measure(ctx, side, room) {
  const { target } = side;
  const members = room.members.slice(0, CLIENTS);

  const storm = async (signIn) => {
    const total = histogram();
    const login = histogram();
    const socket = histogram();
    const socks = [];
    let failures = 0;
    const t0 = performance.now();
    await Promise.all(
      members.map(async (user) => {
        const start = performance.now();
        try {
          const cookie = signIn ? await target.login(user) : user.cookie;
          const signedIn = performance.now();
          const sock = await target.connect(room, user, { cookie: cookie || undefined, t0: signedIn });
          socks.push(sock);
          recordMs(login, signedIn - start);
          recordMs(socket, sock.readyMs);
          recordMs(total, signedIn - start + sock.readyMs);
        } catch (err) {
          failures++;
          if (failures <= 3) ctx.log(`  ${side.name} connect failed: ${err.message}`);
        }
      }),
    );
    const allReadyMs = Math.round(performance.now() - t0);
    await closeAll(socks);
    return { total: summary(total), login: summary(login), socket: summary(socket), failures, allReadyMs };
  };

  const reconnect = await storm(false);
  // Only the app has accounts: elsewhere signing in is the same as reconnecting.
  const signIn = side.name === "app" ? await storm(true) : reconnect;
  return { clients: CLIENTS, signIn, reconnect };
}
