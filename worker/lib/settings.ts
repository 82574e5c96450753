// Settings come from wrangler vars (strings). Parsing them in one place keeps a bad value
// from turning into NaN limits deep inside a route.
export interface Settings {
  allowedOrigins: string[];
  rateLimitScale: number;
  loginFailuresPerMinute: number;
  registrationsPer10Minutes: number;
  socketFramesPer10Seconds: number;
  messageBurst: number;
  messagesPerMinute: number;
  maxFrameBytes: number;
  maxImageBytes: number;
  maxVideoBytes: number;
  maxFileBytes: number;
  maxAvatarBytes: number;
  maxThumbnailBytes: number;
  uploadsPerMinute: number;
  chatsPerHour: number;
  invitesPerHour: number;
  joinsPerHour: number;
  searchesPerMinute: number;
  pushServiceHosts: string[];
  sessionIdleMs: number;
  sessionMaxMs: number;
}

const DAY = 24 * 60 * 60 * 1000;

function num(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function settings(env: Env): Settings {
  const scale = num(env.RATE_LIMIT_SCALE, 1);
  return {
    allowedOrigins: (env.ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimitScale: scale,
    loginFailuresPerMinute: Math.ceil(num(env.LOGIN_FAILURES_PER_MINUTE, 5) * scale),
    registrationsPer10Minutes: Math.ceil(num(env.REGISTRATIONS_PER_10_MINUTES, 20) * scale),
    socketFramesPer10Seconds: Math.ceil(num(env.SOCKET_FRAMES_PER_10_SECONDS, 200) * scale),
    messageBurst: Math.ceil(num(env.MESSAGE_BURST, 30) * scale),
    messagesPerMinute: Math.ceil(num(env.MESSAGES_PER_MINUTE, 60) * scale),
    maxFrameBytes: num(env.MAX_FRAME_BYTES, 65536),
    maxImageBytes: num(env.MAX_IMAGE_BYTES, 10 * 1024 * 1024),
    maxVideoBytes: num(env.MAX_VIDEO_BYTES, 50 * 1024 * 1024),
    maxFileBytes: num(env.MAX_FILE_BYTES, 50 * 1024 * 1024),
    maxAvatarBytes: num(env.MAX_AVATAR_BYTES, 5 * 1024 * 1024),
    maxThumbnailBytes: num(env.MAX_THUMBNAIL_BYTES, 512 * 1024),
    uploadsPerMinute: Math.ceil(num(env.UPLOADS_PER_MINUTE, 30) * scale),
    chatsPerHour: Math.ceil(num(env.CHATS_PER_HOUR, 50) * scale),
    invitesPerHour: Math.ceil(num(env.INVITES_PER_HOUR, 100) * scale),
    joinsPerHour: Math.ceil(num(env.JOINS_PER_HOUR, 60) * scale),
    searchesPerMinute: Math.ceil(num(env.SEARCHES_PER_MINUTE, 60) * scale),
    pushServiceHosts: (env.PUSH_SERVICE_HOSTS ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean),
    sessionIdleMs: num(env.SESSION_IDLE_DAYS, 14) * DAY,
    sessionMaxMs: num(env.SESSION_MAX_DAYS, 60) * DAY,
  };
}
