// The words a first visit sees before anything else: the line shown while the engine loads (also
// written, the same, into index.html's static shell) and the terminal's one-line welcome (short
// enough for a phone's 44 columns). No imports: the end-to-end tests read these too.

export const FIRST_VISIT = {
  en: {
    loading: 'Loading the Redis engine…',
    welcome: 'Welcome! Type PING, or open a lesson.',
  },
  ko: {
    loading: 'Redis 엔진을 불러오는 중…',
    welcome: '환영해요! PING을 입력하거나 레슨을 여세요.',
  },
} as const;
